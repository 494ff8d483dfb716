import { AuthentikAccessError, AuthentikApiError, AuthentikReader, AuthentikUnreachableError } from '../verify/authentik-reader';
import { importBlueprints, parseSources, type ImportResult } from './import-blueprints';
import { ImportError } from './import-error';
import { LiveSource, type LiveSelection } from './live-source';
import { catalogFor } from '../catalog/catalog';
import { AUTHENTIK_VERSIONS, isAuthentikVersion, type AuthentikVersion } from '../catalog/versions';
import { ReleaseDefaults } from '../verify/release-defaults';

/** Exit codes of `npm run import -- --from-live`, as plan's. */
export const LiveImportExitCode = {
  OK: 0,
  /** Bad arguments, missing environment, a selection authentik lacks, something that cannot be written exactly. */
  INVALID_INPUT: 2,
  /** authentik did not answer, or refused the token (401/403). */
  UNREACHABLE_OR_UNAUTHORIZED: 3,
} as const;

/** How to import from a live authentik. */
export interface LiveImportOptions extends LiveSelection {
  /** authentik's base URL (`AUTHENTIK_URL`). */
  readonly url: string;
  /** A read-only API token (`AUTHENTIK_TOKEN`), never printed. */
  readonly token: string;
  /** Module specifier the generated code imports the construct library from. */
  readonly libraryImport: string;
  /** Name of the blueprint the objects are declared in. @default 'Imported from authentik' */
  readonly blueprintName?: string;
  /**
   * The authentik release the objects are translated for (its fields, secrets and names).
   * @default - the release the live authentik reports (`GET /admin/version/`); 2026.2 when it reports none
   */
  readonly authentikVersion?: AuthentikVersion;
  /** Per-request timeout. @default 5000 */
  readonly timeoutMs?: number;
  /** fetch to use. @default the global one */
  readonly fetch?: typeof fetch;
}

/** The import, or why there is none with its exit code. */
export type LiveImportOutcome =
  | { readonly code: 0; readonly result: ImportResult }
  | { readonly code: 2 | 3; readonly message: string };

/**
 * Reads the selection from authentik and translates it as `importBlueprints` translates files;
 * secret fields are moved to worker secrets (their values written nowhere).
 */
export async function importFromLive(options: LiveImportOptions): Promise<LiveImportOutcome> {
  if (!/^https?:\/\//.test(options.url)) {
    return { code: LiveImportExitCode.INVALID_INPUT, message: `AUTHENTIK_URL ${JSON.stringify(options.url)} is not an http(s) URL; set it to authentik's base URL` };
  }
  if (options.token.trim() === '') return { code: LiveImportExitCode.INVALID_INPUT, message: 'AUTHENTIK_TOKEN is not set; set it to a read-only API token' };
  const token = options.token;
  const redact = (text: string): string => (token.length >= 4 ? text.split(token).join('***') : text);
  const reader = new AuthentikReader({ url: options.url, token, timeoutMs: options.timeoutMs, fetch: options.fetch });
  try {
    await reader.me();
    const { version, note } = await liveRelease(reader, options.authentikVersion);
    const source = new LiveSource(reader, catalogFor(version));
    if (note) source.notes.push(note);
    const blueprints = options.blueprints ?? [];
    const files = await source.instances(blueprints);
    const onlyInstances = blueprints.length > 0 && (options.applications ?? []).length === 0 && (options.flows ?? []).length === 0;
    const parsed = [
      ...(onlyInstances ? [] : [await source.read(options, options.blueprintName ?? 'Imported from authentik')]),
      ...parseSources(files),
    ];
    const result = importBlueprints(parsed, { libraryImport: options.libraryImport, moveLiteralSecrets: true, sourceNames: [reader.baseUrl], authentikVersion: version });
    return { code: LiveImportExitCode.OK, result: { ...result, notes: [...source.notes, ...result.notes] } };
  } catch (e) {
    if (e instanceof AuthentikAccessError || e instanceof AuthentikUnreachableError || e instanceof AuthentikApiError) {
      return { code: LiveImportExitCode.UNREACHABLE_OR_UNAUTHORIZED, message: redact(e.message) };
    }
    if (e instanceof ImportError) return { code: LiveImportExitCode.INVALID_INPUT, message: redact(e.message) };
    throw e;
  }
}

/**
 * The release to translate for: the one asked for, else the one authentik reports when this project
 * knows it; a release it does not know is refused (its fields are unknown here), and none reported
 * (a proxy hiding /admin/version/) falls back to the oldest known release, with a note.
 */
async function liveRelease(reader: AuthentikReader, asked: AuthentikVersion | undefined): Promise<{ version: AuthentikVersion; note?: string }> {
  if (asked !== undefined) {
    if (!isAuthentikVersion(asked)) throw new ImportError('--authentik-version', `${JSON.stringify(asked)} is not a release this project knows; give ${AUTHENTIK_VERSIONS.join(', ')}`);
    return { version: asked };
  }
  const { release } = await ReleaseDefaults.of(reader);
  if (release === undefined) {
    return { version: AUTHENTIK_VERSIONS[0], note: `authentik did not report its release (GET /admin/version/); translated for ${AUTHENTIK_VERSIONS[0]}: give --authentik-version if it runs a later one` };
  }
  if (!isAuthentikVersion(release)) {
    throw new ImportError(reader.baseUrl, `authentik runs ${release}, a release this project has no catalog of (it knows ${AUTHENTIK_VERSIONS.join(', ')}); `
      + 'upgrade this project, or give --authentik-version to translate for a known release');
  }
  return { version: release };
}
