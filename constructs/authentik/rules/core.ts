/** authentik's judgement of users and groups. */
import { Model } from '../models';
import { show, type EntryRule } from './rule';

export const CORE_RULES: readonly EntryRule[] = [
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
