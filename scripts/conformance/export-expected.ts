/**
 * Conformance step a, Node side: every blueprint of the app as the values authentik must read back,
 * for readback.py to compare with what PyYAML loads from the synthesized ConfigMap.
 *
 * Usage: node --import tsx scripts/conformance/export-expected.ts OUT.json
 */
import { writeFileSync } from 'node:fs';
import { App } from 'cdk8s';
import { Blueprint } from '../../constructs';
import { type ResolvedValue } from '../../constructs/blueprint/serialize';
import { blumeops } from '../../main';
import { encode, type Json } from './encode';

const out = process.argv[2];
if (!out) throw new Error('usage: export-expected.ts OUT.json');

const app = new App();
blumeops(app);
const expected: Record<string, Json> = {};
for (const blueprint of app.node.findAll().filter(Blueprint.isBlueprint)) {
  if (blueprint.fileName in expected) throw new Error(`two blueprints are written to ${blueprint.fileName}`);
  expected[blueprint.fileName] = encode(blueprint.render().document as unknown as ResolvedValue, blueprint.fileName);
}
if (Object.keys(expected).length === 0) throw new Error('the app has no blueprints');
writeFileSync(out, JSON.stringify(expected, null, 1));
