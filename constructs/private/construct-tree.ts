import type { IConstruct } from 'constructs';

/**
 * `scope.node.findAll()`: `scope` and every construct below it, in pre-order, children in the order
 * they were added. Walked by index: a synth leaves constructs' own walk in V8's baseline code, where
 * its for…of allocates an iterator result per construct, for trees of tens of thousands.
 * @param descend whether to walk below a construct (`scope` is always walked)
 */
export function constructsUnder(scope: IConstruct, descend?: (construct: IConstruct) => boolean): IConstruct[] {
  const out: IConstruct[] = [];
  visit(scope, out, descend, true);
  return out;
}

function visit(construct: IConstruct, out: IConstruct[], descend: ((construct: IConstruct) => boolean) | undefined, top: boolean): void {
  out.push(construct);
  if (!top && descend !== undefined && !descend(construct)) return;
  const children = construct.node.children;
  for (let i = 0; i < children.length; i++) visit(children[i]!, out, descend, false);
}
