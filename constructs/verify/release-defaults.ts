import { catalogFor, type Catalog, type OpenApiSchema } from '../catalog/catalog';
import { isAuthentikVersion } from '../catalog/versions';
import { AuthentikAccessError, AuthentikApiError, type AuthentikReader } from './authentik-reader';

/**
 * For verify and plan: what the live authentik's release fills in when an apply writes a value that leaves a nested field
 * out: the default its request schema states (e.g. a redirect URI's `redirect_uri_type`, added in
 * 2026.5 with default `authorization`). The release is the one the server reports
 * (`GET /admin/version/`); its catalog's request schemas (`generated/<version>/models.json`) say the
 * defaults. Without a release this project knows, there are none: every left-out field that authentik
 * shows counts as a difference.
 */
export class ReleaseDefaults {
  private constructor(
    /** The release whose schemas are used, when known. */
    public readonly release: string | undefined,
    private readonly catalog: Catalog | undefined,
  ) {}

  /** The defaults of the release `reader`'s authentik reports; none when it reports no release this project knows. */
  static async of(reader: AuthentikReader): Promise<ReleaseDefaults> {
    let release: string | undefined;
    try {
      release = await reader.release();
    } catch (e) {
      // a proxy that hides /admin/version/: compare without defaults
      if (!(e instanceof AuthentikApiError || (e instanceof AuthentikAccessError && e.status === 403))) throw e;
    }
    return new ReleaseDefaults(release, isAuthentikVersion(release) ? catalogFor(release) : undefined);
  }

  /** Defaults for no release: every left-out field that authentik shows is a difference. */
  static none(): ReleaseDefaults {
    return new ReleaseDefaults(undefined, undefined);
  }

  /** The request schema of `field` of `model` (its `$ref`s and single `allOf` followed), if the release has one. */
  fieldSchema(model: string, field: string): OpenApiSchema | undefined {
    return this.resolve(this.catalog?.requestProperties(model)?.[field]);
  }

  /** `schema` with `$ref` and a single-member `allOf` followed, keeping a `default` stated beside them. */
  resolve(schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
    let s = schema;
    for (let i = 0; i < 10 && s; i++) {
      const fallback = s.default;
      let next: OpenApiSchema | undefined;
      if (typeof s.$ref === 'string') next = this.catalog?.requestSchemas().components[s.$ref.split('/').pop()!];
      else if (s.allOf && s.allOf.length === 1) next = s.allOf[0];
      else return s;
      s = next && fallback !== undefined && next.default === undefined ? { ...next, default: fallback } : next;
    }
    return s;
  }
}
