import { ApiObject, App, Chart, JsonPatch, Lazy, type ResolutionContext } from 'cdk8s';
import { afterEach, describe, expect, it } from 'vitest';
import { PlainApiObject } from '../constructs/k8s/private/plain-api-object';
import { seededIntegers } from './helpers';


// plain manifest data with what cdk8s treats specially in it: null, undefined, unsorted keys, Lazy
function randomValue(next: (n: number) => number, depth: number): unknown {
  const kind = next(depth > 3 ? 5 : 9);
  switch (kind) {
    case 0: return `s${next(100)}`;
    case 1: return next(1000) - 500;
    case 2: return next(2) === 0;
    case 3: return next(2) === 0 ? null : undefined;
    case 4: return '';
    case 5: case 6: {
      const out: Record<string, unknown> = {};
      for (let i = next(5); i > 0; i--) out[['b', 'a', 'Z', 'name', '_x', 'a1', 'é'][next(7)]!] = randomValue(next, depth + 1);
      return out;
    }
    case 7: return Array.from({ length: next(4) }, () => randomValue(next, depth + 1));
    default: {
      const produced = randomValue(next, depth + 1);
      return Lazy.any({ produce: () => produced });
    }
  }
}

// both objects in one chart, as the constructs make them; the text compares key order too
function both(props: Record<string, unknown>, app = new App()): { plain: unknown; stock: unknown } {
  const chart = new Chart(app, 'Chart', { labels: { team: 'ops' } });
  const manifest = { apiVersion: 'v1', kind: 'ConfigMap', ...props };
  return {
    plain: new PlainApiObject(chart, 'Plain', { ...manifest, metadata: { name: 'same' } }).toJson(),
    stock: new ApiObject(chart, 'Stock', { ...manifest, metadata: { name: 'same' } }).toJson(),
  };
}

describe('PlainApiObject', () => {
  afterEach(() => {
    delete process.env.CDK8S_DISABLE_SORT;
  });

  it('writes the manifest cdk8s writes, key order included, for random plain data with nulls, Lazy values and unsorted keys', () => {
    const next = seededIntegers(11);
    for (let i = 0; i < 400; i++) {
      const props = { data: randomValue(next, 0), spec: { b: randomValue(next, 1), a: [randomValue(next, 1)] } };
      const { plain, stock } = both(props);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(stock));
    }
  });

  it('applies JSON patches as cdk8s applies them, key order included, and leaves a failing one to cdk8s', () => {
    const next = seededIntegers(23);
    const patchesOf = (): JsonPatch[] => {
      const ops = [
        () => JsonPatch.remove('/metadata/namespace'),
        () => JsonPatch.add('/data/added', `v${next(10)}`),
        () => JsonPatch.add('/zz', { b: 1, a: [2] }),
        () => JsonPatch.replace('/kind', 'Secret'),
        () => JsonPatch.add('/metadata/labels', { x: 'y' }),
        () => JsonPatch.remove('/spec'),
      ];
      return Array.from({ length: 1 + next(3) }, () => ops[next(ops.length)]!());
    };
    let compared = 0;
    for (let i = 0; i < 200; i++) {
      const app = new App();
      const chart = new Chart(app, 'Chart', { namespace: 'ns' });
      const props = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same' }, data: { b: `${next(9)}`, a: randomValue(next, 2) }, spec: { x: 1 } };
      const plain = new PlainApiObject(chart, 'Plain', props);
      const stock = new ApiObject(chart, 'Stock', props);
      for (const patch of patchesOf()) {
        plain.addJsonPatch(patch);
        stock.addJsonPatch(patch);
      }
      let stockJson: unknown;
      let stockError: unknown;
      try {
        stockJson = stock.toJson();
      } catch (e) {
        stockError = e;
      }
      if (stockError) {
        // a patch cdk8s cannot apply (removing what an earlier op removed): the same failure, named for the object
        expect(() => plain.toJson()).toThrow(/Failed serializing construct at path 'Chart\/Plain'/);
        continue;
      }
      expect(JSON.stringify(plain.toJson())).toBe(JSON.stringify(stockJson));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('leaves to cdk8s what its resolvers or JSON patches change, with the same result', () => {
    const token = { resolve: () => 'resolved' };
    const { plain, stock } = both({ data: { a: token } });
    expect(plain).toEqual(stock);
    expect((plain as { data: { a: string } }).data.a).toBe('resolved');

    const app = new App({ resolvers: [{ resolve: (c: ResolutionContext) => (c.value === 'x' ? c.replaceValue('y') : undefined) }] });
    const custom = both({ data: { a: 'x' } }, app);
    expect(custom.plain).toEqual(custom.stock);
    expect((custom.plain as { data: { a: string } }).data.a).toBe('y');

    const chart = new Chart(new App(), 'Patched');
    const patched = new PlainApiObject(chart, 'P', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
    patched.addJsonPatch(JsonPatch.add('/data/b', '2'));
    expect(patched.toJson().data).toEqual({ a: '1', b: '2' });

    process.env.CDK8S_DISABLE_SORT = '1';
    const unsorted = both({ data: { b: '1', a: '2' } });
    expect(JSON.stringify(unsorted.plain)).toBe(JSON.stringify(unsorted.stock));
    expect(Object.keys((unsorted.plain as { data: object }).data)).toEqual(['b', 'a']);
  });

  it('fails as cdk8s fails on a value that is not manifest data', () => {
    class Thing {
      public readonly x = 1;
    }
    const chart = new Chart(new App(), 'Chart');
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', data: { a: new Thing() } };
    const plain = new PlainApiObject(chart, 'Plain', manifest);
    const stock = new ApiObject(chart, 'Stock', manifest);
    expect(() => stock.toJson()).toThrow(/non-simple object of type 'Thing'/);
    expect(() => plain.toJson()).toThrow(/non-simple object of type 'Thing'/);
    // a plain object with a key named constructor is no plain object to cdk8s
    const keyed = { apiVersion: 'v1', kind: 'ConfigMap', data: { constructor: 'x' } };
    const message = (o: ApiObject): string => {
      try {
        return JSON.stringify(o.toJson());
      } catch (e) {
        return (e as Error).message.replace(/construct at path '[^']*' with name '[^']*'/, 'construct');
      }
    };
    expect(message(new PlainApiObject(chart, 'KeyedPlain', keyed))).toBe(message(new ApiObject(chart, 'KeyedStock', keyed)));
  });
});
