import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { Blueprint, BlueprintEntry, prepareApp, renderApp, renderManifests, validateApp } from '../constructs';
import {
  constructsDuringSynth, forgetDuringSynth, forgetTreesDuringSynth, memoDuringSynth, memoizedDuringSynth, withSynthMemo,
} from '../constructs/blueprint/synth-memo';

describe('the synth memo', () => {
  it('computes a value once per synth, and again after it is forgotten', () => {
    const owner = {};
    let computed = 0;
    const compute = (): number => ++computed;
    withSynthMemo(() => {
      expect([memoDuringSynth(owner, 'k', compute), memoDuringSynth(owner, 'k', compute)]).toEqual([1, 1]);
      expect(memoizedDuringSynth(owner, 'k')).toBe(true);
      forgetDuringSynth('k');
      expect(memoizedDuringSynth(owner, 'k')).toBe(false);
      expect(memoDuringSynth(owner, 'k', compute)).toBe(2);
    });
    // outside a synth nothing is kept, and forgetting does nothing
    forgetDuringSynth('k');
    expect([memoDuringSynth(owner, 'k', compute), memoDuringSynth(owner, 'k', compute)]).toEqual([3, 4]);
  });

  it('walks the construct tree once per synth, and again after preparing, which may add constructs', () => {
    const app = new App();
    blumeops(app);
    // a walk from the root reads the root's children once
    let walks = 0;
    const reference = app.node.findAll();
    const children = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app.node), 'children')!.get!;
    Object.defineProperty(app.node, 'children', {
      get() {
        walks++;
        return children.call(this);
      },
    });
    withSynthMemo(() => {
      const first = constructsDuringSynth(app);
      expect(constructsDuringSynth(app)).toBe(first);
      expect(walks).toBe(1);
      expect(first).toEqual(reference);
      const constructs = prepareApp(app);
      // the list after preparing is walked afresh (preparing may add constructs), then kept
      const afterPrepare = walks;
      expect(afterPrepare).toBeGreaterThan(1);
      expect(constructsDuringSynth(app)).toEqual(constructs);
      expect(walks).toBe(afterPrepare);
      forgetTreesDuringSynth();
      expect(constructsDuringSynth(app)).toEqual(constructs);
      expect(walks).toBe(afterPrepare + 1);
    });
    // outside a synth, every call walks the tree as it is
    const now = app.node.findAll();
    const before = walks;
    expect(constructsDuringSynth(app)).toEqual(now);
    expect(walks).toBe(before + 1);
  });

  it('lets go of the entries\' wire fields once validation is done, keeps the blueprint texts, and writes the same files', () => {
    const app = new App();
    blumeops(app);
    const files = withSynthMemo(() => {
      const constructs = prepareApp(app);
      const entries = constructs.filter((c): c is BlueprintEntry => BlueprintEntry.isBlueprintEntry(c) && !c.retired);
      const blueprints = constructs.filter(Blueprint.isBlueprint);
      expect(entries.length).toBeGreaterThan(10);
      expect(validateApp(app, constructs)).toEqual([]);
      // validation read every entry's wire fields through the memo
      expect(entries.filter((e) => !memoizedDuringSynth(e, 'wire')).map((e) => e.node.path)).toEqual([]);
      const rendered = renderManifests(constructs);
      expect(entries.filter((e) => memoizedDuringSynth(e, 'wire')).map((e) => e.node.path)).toEqual([]);
      expect(blueprints.filter((b) => !memoizedDuringSynth(b, 'yaml')).map((b) => b.node.path)).toEqual([]);
      return rendered;
    });
    const fresh = new App();
    blumeops(fresh);
    const all = renderApp(fresh);
    expect([...files].filter(([path, text]) => all.get(path) !== text).map(([path]) => path)).toEqual([]);
  });
});
