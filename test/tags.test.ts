import { describe, expect, it } from 'vitest';
import { Env, FileTag, Find, KeyOf, Tag, TAG_NAMES, TagNodeKind } from '../constructs';
import { serializeBlueprint, type ResolvedValue } from '../constructs/blueprint/serialize';
import { parseBlueprint } from './helpers';

function writeValue(value: ResolvedValue): string {
  const text = serializeBlueprint({ version: 1, metadata: { name: 't', labels: {} }, entries: [{ model: 'm.m', state: 'present', attrs: { v: value } }] });
  return text.split('\n').find((l) => l.trimStart().startsWith('v:'))!.trim();
}

describe('Tag', () => {
  it('knows exactly the 14 tags authentik 2026.2 registers', () => {
    expect(TAG_NAMES).toHaveLength(14);
    expect(new Set(TAG_NAMES).size).toBe(14);
  });

  it('writes !KeyOf, !Env and !Find as first-class helpers', () => {
    expect(writeValue(Tag.keyOf('grafana-provider'))).toBe('v: !KeyOf grafana-provider');
    expect(writeValue(Tag.env('AUTHENTIK_X_CLIENT_SECRET'))).toBe('v: !Env AUTHENTIK_X_CLIENT_SECRET');
    expect(writeValue(Tag.env('X', 'fallback'))).toBe('v: !Env [X, fallback]');
    expect(writeValue(Tag.find('authentik_flows.flow', ['slug', 'default-provider-invalidation-flow'])))
      .toBe('v: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]');
  });

  it('keeps the subclass so checks can tell an !Env from other tags', () => {
    expect(Tag.env('X')).toBeInstanceOf(Env);
    expect(Tag.keyOf('x')).toBeInstanceOf(KeyOf);
    expect(Tag.find('m.m')).toBeInstanceOf(Find);
    expect(Tag.env('X').variable).toBe('X');
  });

  it('writes !File on a scalar, or on a sequence with a default, as authentik reads it', () => {
    expect(writeValue(Tag.file('/run/secrets/key'))).toBe('v: !File /run/secrets/key');
    expect(writeValue(Tag.file('/run/secrets/key', 'fallback'))).toBe('v: !File [/run/secrets/key, fallback]');
    expect(Tag.file('/x')).toBeInstanceOf(FileTag);
    expect(Tag.file('/x').path).toBe('/x');
  });

  it('writes every other tag through the general mechanism, in its accepted node kind', () => {
    expect(writeValue(Tag.scalar('!Index', 0))).toBe('v: !Index 0');
    expect(writeValue(Tag.scalar('!Value', 1))).toBe('v: !Value 1');
    expect(writeValue(Tag.context('goauthentik.io/enterprise/licensed'))).toBe('v: !Context goauthentik.io/enterprise/licensed');
    expect(writeValue(Tag.format('%s-x', Tag.scalar('!Value', 0)))).toBe('v: !Format ["%s-x", !Value 0]');
    expect(writeValue(Tag.condition('AND', true, Tag.context('a')))).toBe('v: !Condition [AND, true, !Context a]');
    expect(writeValue(Tag.if(true, 'a', 'b'))).toBe('v: !If [true, a, b]');
    expect(writeValue(Tag.sequence('!AtIndex', [['a', 'b'], 0]))).toBe('v: !AtIndex [[a, b], 0]');
    expect(writeValue(Tag.sequence('!Enumerate', [['a'], 'SEQ', Tag.scalar('!Value', 0)]))).toBe('v: !Enumerate [[a], SEQ, !Value 0]');
    expect(writeValue(Tag.scalar('!File', '/etc/hostname'))).toBe('v: !File /etc/hostname');
    expect(writeValue(Tag.scalar('!ParseJSON', '{"a": 1}'))).toBe('v: !ParseJSON "{\\"a\\": 1}"');
    expect(writeValue(Tag.sequence('!FindObject', ['authentik_core.group', ['name', 'x']]))).toBe('v: !FindObject [authentik_core.group, [name, x]]');
  });

  it('fails when a tag is written on a node kind authentik rejects', () => {
    expect(() => Tag.sequence('!KeyOf', ['a'])).toThrow(/!KeyOf cannot be written on a sequence node/);
    expect(() => Tag.scalar('!Find', 'x')).toThrow(/!Find cannot be written on a scalar node/);
    expect(() => Tag.scalar('!If', 'x')).toThrow(/!If cannot be written on a scalar node/);
  });

  it('fails for a tag authentik does not register, naming the ones it does', () => {
    expect(() => Tag.scalar('!find' as never, 'x')).toThrow(/unknown blueprint tag "!find".*!KeyOf, !Find/);
  });

  it('fails for a !Condition without values or with an unknown mode', () => {
    expect(() => Tag.condition('AND')).toThrow(/at least one value/);
    expect(() => Tag.condition('EQ' as never, true)).toThrow(/mode "EQ" is not one of AND, NAND/);
  });

  it('reads back with tags intact and YAML 1.1 look-alikes still strings', () => {
    const parsed = parseBlueprint(writeValue(Tag.find('m.m', ['name', 'on'], ['slug', '0755'])));
    expect(parsed.v).toEqual({ tag: '!Find', items: ['m.m', ['name', 'on'], ['slug', '0755']] });
    expect(TagNodeKind.SEQUENCE).toBe('sequence');
  });
});
