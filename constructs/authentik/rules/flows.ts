/** authentik's judgement of flows and their stage bindings. */
import type { BlueprintEntry } from '../../blueprint/blueprint-entry';
import { Model } from '../models';
import { show, type AppRule } from './rule';

export const FLOW_APP_RULES: readonly AppRule[] = [
  {
    id: 'flow-stage-bindings-have-distinct-orders',
    source: 'authentik/flows/models.py',
    check: (entries) => {
      const groups = new Map<string, BlueprintEntry[]>();
      for (const e of entries) {
        if (e.model !== Model.FLOW_STAGE_BINDING || e.retired) continue;
        const fields = { ...e.attributes, ...e.identifiers } as Record<string, unknown>;
        if (typeof fields.order !== 'number' || fields.target === undefined) continue;
        const key = `${show(fields.target)}\u0000${fields.order}`;
        groups.set(key, [...(groups.get(key) ?? []), e]);
      }
      const problems: string[] = [];
      for (const bindings of groups.values()) {
        if (bindings.length < 2) continue;
        const fields = { ...bindings[0]!.attributes, ...bindings[0]!.identifiers } as Record<string, unknown>;
        problems.push(`${bindings[0]!.path}.order: ${String(fields.order)} is also the order of ${bindings.slice(1).map((b) => b.path).join(' and ')} `
          + `in flow ${show(fields.target)}; authentik sorts a flow's stages by order alone, so which runs first is left to the database; `
          + 'give each binding its own order (e.g. 10, 20, 30)');
      }
      return problems;
    },
  },
];
