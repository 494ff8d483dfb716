/** authentik's judgement of users and groups. */
import { Model } from '../models';
import { EntryReference, LookupReference } from '../../blueprint/blueprint-entry';
import { Tag } from '../../blueprint/tags';
import { asReference } from '../../blueprint/value';
import { show, type EntryRule } from './rule';

export const CORE_RULES: readonly EntryRule[] = [
  {
    id: 'group-is-not-its-own-parent',
    source: 'authentik/core/api/groups.py',
    models: [Model.GROUP],
    check: ({ path, fields }) => {
      const parents = fields.parents;
      if (!Array.isArray(parents)) return [];
      const problems: string[] = [];
      parents.forEach((parent, i) => {
        const reference = asReference(parent);
        const query = reference instanceof LookupReference && reference.model === Model.GROUP ? reference.query
          : parent instanceof Tag && parent.name === '!Find' && parent.items[0] === Model.GROUP
            ? Object.fromEntries((parent.items.slice(1) as unknown[]).filter((p): p is [string, unknown] => Array.isArray(p) && p.length === 2))
            : undefined;
        const self = reference instanceof EntryReference ? reference.entry.path === path
          : query !== undefined && Object.keys(query).length === 1 && typeof fields.name === 'string' && query.name === fields.name;
        if (self) {
          problems.push(`${path}.parents[${i}]: ${show(parent)} is the group itself; authentik refuses it ("Cannot set group as parent of `
            + 'itself."); drop it from parents');
        }
      });
      return problems;
    },
  },
  {
    id: 'token-names-user-and-intent',
    source: 'authentik/core/api/tokens.py',
    models: [Model.TOKEN],
    check: ({ path, fields }) => {
      const problems: string[] = [];
      // a blueprint has no request, so TokenSerializer.validate insists on both, on an update too
      if (fields.user === undefined || fields.user === null) {
        problems.push(`${path}: user is required: a token authenticates as a user, and authentik refuses a blueprint token without one `
          + '("Missing user"), on an update too; pass a User, ServiceAccount or User.fromUsername(...)');
      }
      if (fields.intent === undefined || fields.intent === null) {
        problems.push(`${path}.intent: not given: authentik refuses a blueprint token without one ("Missing intent"), on an update too; `
          + "set intent, e.g. 'api' or 'app_password'");
      }
      return problems;
    },
  },
  {
    id: 'user-path-has-no-edge-slashes-or-empty-segments',
    source: 'authentik/core/api/users.py',
    models: [Model.USER],
    check: ({ path, fields }) => {
      const value = fields.path;
      if (typeof value !== 'string' || value === '') return [];
      const fixed = value.split('/').filter((s) => s !== '').join('/') || 'users';
      if (value.startsWith('/') || value.endsWith('/')) {
        return [`${path}.path: ${show(value)} has a leading or trailing slash; authentik refuses it ("No leading or trailing slashes allowed."); `
          + `write ${JSON.stringify(fixed)}`];
      }
      if (value.split('/').includes('')) {
        return [`${path}.path: ${show(value)} has an empty segment (//); authentik refuses it ("No empty segments in user path allowed."); `
          + `write ${JSON.stringify(fixed)}`];
      }
      return [];
    },
  },
];
