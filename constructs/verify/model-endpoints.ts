import { catalogFor, type Catalog } from '../catalog/catalog';
import { ModelName } from '../catalog/model-facts';
import { reportLabel } from '../catalog/model-words';
import { AUTHENTIK_VERSIONS, isAuthentikVersion, type AuthentikVersion } from '../catalog/versions';

/**
 * Where each blueprint model lives in authentik's API (`/api/v3`), read from the catalog of the
 * release in play (`api.path`, `api.filters`, `api.detail`, generated from that release's OpenAPI
 * document): the release the live authentik reports (`GET /admin/version/`), else, for each model,
 * the newest release this project knows that serves it. An entry whose model the release does not
 * serve is reported as "not checked (no API mapping)", never passed.
 */

/** How verify reads the objects of one model. */
export interface ModelEndpoint {
  /** List endpoint, relative to `/api/v3`. */
  readonly list: string;
  /** Query parameters of the list endpoint named like the field they filter on (verify still compares every object it gets). */
  readonly filters: readonly string[];
  /** Retrieve endpoint by a unique field, `{value}` standing for it (404 = no such object). */
  readonly detail?: { readonly field: string; readonly path: string };
  /** Short name in reports, e.g. `provider`. */
  readonly label: string;
}

/** The API of one release (or, for an unknown release, of the newest release serving each model). */
export class ModelEndpoints {
  private static readonly cache = new Map<string, ModelEndpoints>();
  private readonly endpoints = new Map<string, ModelEndpoint | undefined>();

  private constructor(
    /** The release whose catalog is read; undefined: the newest release that serves each model. */
    public readonly release: AuthentikVersion | undefined,
  ) {}

  /** The endpoints of `release` (as `/admin/version/` reports it); a release this project does not know reads the newest catalog serving each model. */
  static forRelease(release: string | undefined): ModelEndpoints {
    const known = isAuthentikVersion(release) ? release : undefined;
    const key = known ?? '';
    let hit = ModelEndpoints.cache.get(key);
    if (!hit) {
      hit = new ModelEndpoints(known);
      ModelEndpoints.cache.set(key, hit);
    }
    return hit;
  }

  /** How the API serves `model`, or undefined when the release does not serve it. */
  get(model: string): ModelEndpoint | undefined {
    if (!this.endpoints.has(model)) this.endpoints.set(model, this.compute(model));
    return this.endpoints.get(model);
  }

  private compute(model: string): ModelEndpoint | undefined {
    const catalogs: Catalog[] = this.release ? [catalogFor(this.release)] : [...AUTHENTIK_VERSIONS].reverse().map((v) => catalogFor(v));
    for (const catalog of catalogs) {
      const api = catalog.hasModel(model) ? catalog.model(model)?.api : undefined;
      if (!api?.path || api.unlisted) continue;
      return {
        list: api.path,
        filters: api.filters ?? [],
        ...(api.detail ? { detail: { field: api.detail, path: `${api.path}{value}/` } } : {}),
        label: reportLabel(model),
      };
    }
    return undefined;
  }
}

/** The meta model that applies another blueprint first: checked through its blueprint instance. */
export const META_APPLY_BLUEPRINT = ModelName.METAAPPLYBLUEPRINT;

/** The blueprint instances' list endpoint in `endpoints` (the catalog's path of `authentik_blueprints.blueprintinstance`). */
export function blueprintInstancesPath(endpoints: ModelEndpoints = ModelEndpoints.forRelease(undefined)): string {
  return endpoints.get(ModelName.BLUEPRINTINSTANCE)!.list;
}

/** Permission a token needs to read `model`: `authentik_core.group` → `authentik_core.view_group`. */
export function viewPermission(model: string): string {
  const dot = model.indexOf('.');
  return `${model.slice(0, dot)}.view_${model.slice(dot + 1)}`;
}

/** Short name of a model for reports (the catalog's words). */
export function modelLabel(model: string): string {
  return reportLabel(model);
}
