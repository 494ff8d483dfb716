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
  return memoDuringSynth(doc, 'tags', documentTags, doc);
}

function documentTags(doc: EntryDocument): Tag[] {
  const out: Tag[] = [];
  collect(doc.identifiers, out);
  collect(doc.attrs, out);
  collect(doc.conditions, out);
  return out;
}

// the tags inside a sequence tag, once per tag (a large app's documents share their lookups' tags)
function innerTags(tag: Tag): Tag[] {
  const inside: Tag[] = [];
  const items = tag.items;
  for (let i = 0; i < items.length; i++) collect(items[i], inside);
  return inside;
}

function collect(value: unknown, out: Tag[]): void {
  if (value === null || typeof value !== 'object') return;
  if (value instanceof Tag) {
    out.push(value);
    if (value.kind === TagNodeKind.SCALAR) return;
    const inner = memoDuringSynth(value, 'innerTags', innerTags, value);
    // indexed loops: this walk runs in V8's baseline code, where for…of allocates per step
    for (let i = 0; i < inner.length; i++) out.push(inner[i]!);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collect(value[i], out);
  } else {
    for (const key in value) collect((value as Record<string, unknown>)[key], out);
  }
}
