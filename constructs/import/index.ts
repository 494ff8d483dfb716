export { DoesNotFit, ImportError } from './import-error';
export {
  arr, call, evaluate, exportsUsed, type Expr, lit, newExpr, obj, printExpr, printStatement, ref, type Statement, stringLiteral,
} from './code';
export { camelCase, NameScope, pascalCase, secretKeyFor } from './naming';
export { type SourceBlueprint, sourceBlueprints, type SourceEntry } from './source-blueprints';
export { typedLookups } from './typed-lookups';
export { type Choice, EntryTranslator, fieldOf, type MovedSecret, type Translation } from './entry-translator';
export { type CompareOptions, compareStates, constructDefaults, objectMismatch, type StateMismatch, type WorkerEnv } from './round-trip';
export { importBlueprints, type ImportOptions, type ImportResult, parseSources } from './import-blueprints';
export { type LiveSelection, LiveSource, naturalKey } from './live-source';
export { importFromLive, LiveImportExitCode, type LiveImportOptions, type LiveImportOutcome } from './live-import';
