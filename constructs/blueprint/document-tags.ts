import type { EntryDocument } from './serialize';
import { memoDuringSynth } from './synth-memo';
import { Tag, TagNodeKind } from './tags';

/**
 * Every tag an entry document writes, in document order (identifiers, attrs, conditions, depth first),
 * the tags inside a sequence tag after it. Once per document and synth:
 * the `!KeyOf` order check and the worker-variable check both read it, and a large app's documents
 * share their lookups' tags, whose insides are listed once per tag.
 */
export function tagsIn(doc: EntryDocument): readonly Tag[] {
  return memoDuringSynth(doc, 'tags', () => {
    const out: Tag[] = [];
    collect(doc.identifiers, out);
    collect(doc.attrs, out);
    collect(doc.conditions, out);
    return out;
  });
}

function collect(value: unknown, out: Tag[]): void {
  if (value === null || typeof value !== 'object') return;
  if (value instanceof Tag) {
    out.push(value);
    if (value.kind === TagNodeKind.SCALAR) return;
    for (const inner of memoDuringSynth(value, 'innerTags', () => {
      const inside: Tag[] = [];
      for (const item of value.items) collect(item, inside);
      return inside;
    })) out.push(inner);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, out);
  } else {
    for (const key in value) collect((value as Record<string, unknown>)[key], out);
  }
}
