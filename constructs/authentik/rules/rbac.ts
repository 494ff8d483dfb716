/** authentik's judgement of roles (and of the permissions a user is granted in a blueprint). */
import { distance } from 'fastest-levenshtein';
import { closest } from '../../private/prop-checks';
import { Model } from '../models';
import { ruleFacts } from './facts';
import { show, type EntryRule } from './rule';

export const RBAC_RULES: readonly EntryRule[] = [
  {
    id: 'permissions-exist',
    source: 'blueprints/schema.json',
    models: [Model.ROLE, Model.USER],
    check: ({ path, model, fields, version }) => {
      const value = fields.permissions;
      const facts = ruleFacts(version);
      const known = facts.permissions[model];
      if (!Array.isArray(value) || !known) return [];
      const problems: string[] = [];
      value.forEach((permission, i) => {
        if (typeof permission !== 'string' || known.includes(permission)) return;
        const meant = closest(permission, known as string[]);
        // an app newer than 2026.2 whose custom permissions are not all known: only a slip of one character off a known one is refused
        if (facts.partlyKnownApps.includes(permission.split('.')[0]!) && !known.some((k) => distance(k, permission) <= 1)) return;
        problems.push(`${path}.permissions[${i}]: ${show(permission)} is not a permission authentik ${facts.version} has, so the `
          + `blueprint fails to apply; ${meant ? `did you mean ${JSON.stringify(meant)}? ` : ''}permissions are "app_label.codename", `
          + 'e.g. "authentik_core.view_user"');
      });
      return problems;
    },
  },
];
