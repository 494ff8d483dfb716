/** Exit codes of `npm run verify`, as the README documents them. */
export const ExitCode = {
  /** Every blueprint file is applied at this commit's hash and every declared object holds. */
  OK: 0,
  /** A file is not applied yet (or failed), or authentik drifted from the declaration. */
  NOT_APPLIED_OR_DRIFTED: 1,
  /** Bad arguments, a bad duration, no `dist/`, unreadable blueprints or missing environment. */
  INVALID_INPUT: 2,
  /** authentik did not answer, or refused the token (401/403). */
  UNREACHABLE_OR_UNAUTHORIZED: 3,
} as const;

/** One of the exit codes above. */
export type ExitCodeValue = typeof ExitCode[keyof typeof ExitCode];
