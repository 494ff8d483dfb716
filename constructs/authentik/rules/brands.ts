/** authentik's judgement of brands. */
import type { BlueprintEntry } from '../../blueprint/blueprint-entry';
import { Model } from '../models';
import type { AppRule } from './rule';

const DEFAULT_DOMAIN = 'authentik-default';

export const BRAND_APP_RULES: readonly AppRule[] = [
  {
    id: 'one-default-brand',
    source: 'authentik/brands/api.py',
    check: (entries) => {
      const brands = entries.filter((e) => e.model === Model.BRAND && !e.retired);
      const fields = (e: BlueprintEntry): Record<string, unknown> => ({ ...e.attributes, ...e.identifiers });
      const defaults = brands.filter((e) => fields(e).default === true);
      // authentik ships authentik-default with default: true; it stays the default unless the app clears it
      const shippedCleared = brands.some((e) => fields(e).domain === DEFAULT_DOMAIN && fields(e).default === false);
      const others = defaults.filter((e) => fields(e).domain !== DEFAULT_DOMAIN);
      const holders = [...(shippedCleared ? [] : ['the shipped brand authentik-default']), ...defaults.map((e) => e.path)];
      if (others.length === 0 || holders.length < 2) return [];
      return others.map((e) => `${e.path}.default: true, but ${holders.filter((h) => h !== e.path).join(' and ')} is default already; `
        + 'authentik refuses a second default brand ("Only a single brand can be set as default."); drop default here, or clear it on '
        + 'the other (for the shipped one: Brand.defaultBrand(scope, id, { default: false }) declared before this brand)');
    },
  },
];
