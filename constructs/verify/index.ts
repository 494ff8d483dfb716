export { ExitCode, type ExitCodeValue } from './exit-codes';
export { formatDuration, parseDuration } from './duration';
export {
  AUTHENTIK_TAG_NAMES, type BlueprintData, type BlueprintEntryData, BlueprintTag, isRecord, parseBlueprint, showValue,
} from './blueprint-tags';
export {
  appliedHash, DEFAULT_BLUEPRINTS_DIR, type DistBlueprintFile, type DistBlueprints, DistInputError, readDistBlueprints,
} from './dist-blueprints';
export {
  blueprintInstancesPath, META_APPLY_BLUEPRINT, type ModelEndpoint, ModelEndpoints, modelLabel, viewPermission,
} from './model-endpoints';
export {
  type ApiObject, AuthentikAccessError, AuthentikApiError, AuthentikReader, type AuthentikReaderOptions, AuthentikUnreachableError,
  type TokenUser,
} from './authentik-reader';
export { checkInstances, type InstanceCheck, type InstanceSummary } from './blueprint-instances';
export { BlueprintObjectChecker, CannotQuery, type EntryReport, type EntryStatus, type LookupHint, ObjectLookup } from './object-checks';
export { checkDiscovery, type DiscoveryCheck } from './discovery-check';
export {
  bindingSubject, type CheckedEntry, findUndeclaredAccess, liveBindings, liveBindingSets, type UndeclaredAccess,
} from './access-drift';
export {
  type BlueprintReport, CANNOT_SEE, checkFilesApplied, type DriftItem, runVerify, type VerifyOptions, type VerifyReport,
} from './verify-run';
export { formatReportText, instanceHeadline, instanceState } from './report-text';
export { errorJson, type JsonResult, reportJson } from './report-json';
export { verifyCommand, type VerifyCommandOptions } from './verify-command';
