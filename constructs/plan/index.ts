export {
  containsUnknown, identityFields, type LiveObject, LiveRef, LiveResolver, parseLookup, type Resolved, Unknown,
} from './live-resolver';
export {
  type AccessChange, type FieldChange, isSecretField, type PlanAction, type PlanFile, type PlanItem, type PlanOptions, type PlanReport,
  type PlanUndeclaredAccess, reduceDist, runPlan, type UnresolvedReference,
} from './plan-run';
export { formatPlanText, planErrorJson, planJson } from './plan-report';
export { planCommand, type PlanCommandOptions, PlanExitCode } from './plan-command';
