// entry ids ask for the same construct ids again and again (every client has a `Provider`): five
// regular-expression passes each time were a visible share of a large synth. Bounded like the scalar memo
const kebabs = new Map<string, string>();
const MAX_KEBABS = 50_000;

/** `ZotCi` → `zot-ci`, `Admins` → `admins`. */
export function kebab(id: string): string {
  let out = kebabs.get(id);
  if (out === undefined) {
    out = id
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase();
    if (kebabs.size >= MAX_KEBABS) kebabs.clear();
    kebabs.set(id, out);
  }
  return out;
}
