import { describe, expect, it } from 'vitest';
import { tagsIn } from '../constructs/blueprint/document-tags';
import { withSynthMemo } from '../constructs/blueprint/synth-memo';
import { Tag } from '../constructs/blueprint/tags';
import type { EntryDocument } from '../constructs/blueprint/serialize';

describe('the tags of an entry document', () => {
  it('lists every tag in document order, identifiers, attrs, then conditions, the tags inside a sequence tag after it', () => {
    const key = Tag.keyOf('group');
    const env = Tag.env('SECRET');
    const nested = Tag.format('%s-%s', Tag.context('site'), Tag.keyOf('app'));
    const condition = Tag.condition('AND', Tag.env('FLAG'));
    const doc: EntryDocument = {
      model: 'authentik_core.application', id: 'x', state: 'present',
      identifiers: { slug: 'x', group: key },
      attrs: { name: nested, list: [1, { deep: env }], plain: 'text' },
      conditions: [condition],
    };
    const tags = tagsIn(doc);
    expect(tags.map((t) => t.name)).toEqual(['!KeyOf', '!Format', '!Context', '!KeyOf', '!Env', '!Condition', '!Env']);
    expect(tags[0]).toBe(key);
    expect(tags[4]).toBe(env);
  });

  it('is worked out once per document during a synth, and again outside one', () => {
    const doc: EntryDocument = { model: 'm', id: 'x', state: 'present', identifiers: { a: Tag.keyOf('y') }, attrs: {} };
    const [first, second] = withSynthMemo(() => [tagsIn(doc), tagsIn(doc)]);
    expect(second).toBe(first);
    expect(tagsIn(doc)).not.toBe(tagsIn(doc));
    expect(tagsIn(doc)).toEqual(first);
  });
});
