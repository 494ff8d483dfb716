import type { PolicyEngineMode } from '@goauthentik/api';
import { EntryState } from '../blueprint/blueprint-entry';
import { isAuthentikObject } from '../blueprint/object-ref';
import { kebab } from '../blueprint/naming';
import type { Application } from './application';
import { checkProps, describeGiven } from '../private/prop-checks';
import type { IGroup } from './group';
import { Model, type IPolicy, type IUser } from './models';
import { BindingSubject, PolicyBinding } from './policy-binding';

/** Options for `ApplicationAccess.anyAuthenticatedUser`. */
export interface OpenAccessOptions {
  /**
   * The application's policy engine mode (it only matters once bindings are added by hand).
   * @default - authentik's default (`any`)
   */
  readonly policyEngineMode?: PolicyEngineMode;
}

/**
 * Who may open an application: listed groups, users or policies in binding order, or, as an explicit
 * choice, every signed-in user. Granted with `application.grantAccess(access)`.
 */
export class ApplicationAccess {
  /** Members of any of these groups, bound in this order. */
  public static groups(...groups: IGroup[]): ApplicationAccess {
    return new ApplicationAccess(groups.map((g) => BindingSubject.group(g)), false, 'any');
  }

  /** Any of these subjects (groups, users, policies), bound in this order. */
  public static subjects(...subjects: BindingSubject[]): ApplicationAccess {
    return new ApplicationAccess(subjects, false, 'any');
  }

  /** Every user who can sign in to authentik: no bindings at all. */
  public static anyAuthenticatedUser(options: OpenAccessOptions = {}): ApplicationAccess {
    return new ApplicationAccess([], true, options?.policyEngineMode);
  }

  private constructor(
    /** Subjects allowed, in binding order. */
    public readonly subjects: readonly BindingSubject[],
    /** Whether the application is deliberately open to everyone. */
    public readonly open: boolean,
    /** The policy engine mode the application gets. */
    public readonly policyEngineMode: PolicyEngineMode | undefined,
  ) {}

  /** The groups allowed, in binding order. */
  public get groups(): IGroup[] {
    return this.subjects.filter((s) => s instanceof BindingSubject && s.field === 'group').map((s) => s.object as IGroup);
  }

  /** The users allowed, in binding order. */
  public get users(): IUser[] {
    return this.subjects.filter((s) => s instanceof BindingSubject && s.field === 'user').map((s) => s.object as IUser);
  }

  /** The policies that allow, in binding order. */
  public get policies(): IPolicy[] {
    return this.subjects.filter((s) => s instanceof BindingSubject && s.field === 'policy').map((s) => s.object as IPolicy);
  }
}

/** Options for `Application.grantAccess`. */
export interface GrantAccessOptions {
  /**
   * Subjects whose access was taken away: their bindings are written with `state: absent`, so
   * authentik deletes them (a binding merely dropped from the file would stay and keep granting
   * access). Drop them from this list once authentik has applied the change.
   * @default - none
   */
  readonly revoked?: readonly (IGroup | IUser | IPolicy)[];
  /**
   * Write every binding as retired (`state: absent`), as when the application itself is retired.
   * @default false
   */
  readonly retired?: boolean;
}

/** The bindings a grant wrote. */
export interface AccessGrant {
  /** The access granted. */
  readonly access: ApplicationAccess;
  /** Bindings of the allowed subjects, in order. */
  readonly bindings: readonly PolicyBinding[];
  /** Bindings of revoked subjects, written with `state: absent`. */
  readonly revokedBindings: readonly PolicyBinding[];
}

/** A stable, readable construct id for a subject's binding: `Binding-admins`. */
function bindingId(subject: BindingSubject, index: number): string {
  const object = subject.object as unknown as Record<string, unknown>;
  const name = [object.groupName, object.username, object.name].find((v) => typeof v === 'string') as string | undefined;
  const query = isAuthentikObject(subject.object) ? (object.query as Record<string, unknown> | undefined) : undefined;
  const looked = query ? Object.values(query).find((v) => typeof v === 'string') as string | undefined : undefined;
  const label = name ?? looked;
  const base = label ? kebab(label) : `${subject.field}-${index}`;
  return subject.field === 'group' ? `Binding-${base}` : `Binding-${subject.field}-${base}`;
}

function subjectKey(subject: BindingSubject): unknown {
  return subject.object;
}

/**
 * Writes the policy bindings of `access` on `application`, in `scope`: one per subject in order
 * (`order` 0, 1, …), plus retired bindings for revoked subjects. Problems are reported at synth.
 * @internal used by `Application.grantAccess`
 */
export function writeAccessGrant(
  scope: import('constructs').Construct,
  application: Application,
  access: ApplicationAccess,
  options: GrantAccessOptions = {},
): AccessGrant {
  const problems: string[] = [];
  const where = application.path;
  if (!(access instanceof ApplicationAccess)) {
    application.node.addValidation({
      validate: () => [`${where}: access must be ApplicationAccess.groups(...), .subjects(...) or .anyAuthenticatedUser(); got ${describeGiven(access)}`],
    });
    return { access, bindings: [], revokedBindings: [] };
  }
  // plain JavaScript can pass retired: 'false', which must not silently keep or drop bindings
  problems.push(...checkProps(`${where}: grantAccess options`, options ?? {}, { revoked: 'any', retired: 'boolean' }));
  const state = options.retired === true ? EntryState.ABSENT : EntryState.PRESENT;
  const subjects = access.subjects;
  if (!access.open && subjects.length === 0) {
    problems.push(`${where}: access lists no groups; an application without bindings is open to every signed-in user, `
      + 'so say so explicitly with ApplicationAccess.anyAuthenticatedUser(), or list the groups allowed');
  }
  const unique: BindingSubject[] = [];
  for (const s of subjects) {
    if (!(s instanceof BindingSubject)) {
      problems.push(`${where}: access lists ${describeGiven(s)}; list groups (ApplicationAccess.groups) or BindingSubject values`);
      continue;
    }
    if (s.field === 'group' && !isAuthentikObject(s.object)) {
      problems.push(`${where}: access lists ${describeGiven(s.object)} as a group; pass a Group, Group.fromName(...) or a ModelEntry of ${Model.GROUP}`);
      continue;
    }
    // a subject listed twice is reported; bind it once so construction still succeeds
    if (unique.some((u) => subjectKey(u) === subjectKey(s))) {
      problems.push(`${where}: access lists ${s.field} ${label(s)} twice; list each once, in binding order`);
      continue;
    }
    unique.push(s);
  }
  const revoked = options.revoked ?? [];
  if (!Array.isArray(revoked)) problems.push(`${where}: revoked must be a list of groups, users or policies; got ${describeGiven(revoked)}`);
  const revokedSubjects: BindingSubject[] = [];
  for (const r of Array.isArray(revoked) ? revoked : []) {
    if (!isAuthentikObject(r)) {
      problems.push(`${where}: revoked lists ${describeGiven(r)}; pass the Group (or user, policy) objects whose access was taken away`);
      continue;
    }
    const subject = r.model === Model.USER ? BindingSubject.user(r as IUser)
      : r.model === Model.GROUP ? BindingSubject.group(r as IGroup) : BindingSubject.policy(r as IPolicy);
    if (unique.some((u) => subjectKey(u) === r)) {
      problems.push(`${where}: ${subject.field} ${label(subject)} is both allowed (access) and revoked; keep it in one list`);
      continue;
    }
    revokedSubjects.push(subject);
  }
  if (problems.length > 0) application.node.addValidation({ validate: () => problems });

  const bindings = unique.map((subject, order) => new PolicyBinding(scope, bindingId(subject, order), {
    state,
    target: application,
    subject,
    order,
  }));
  const revokedBindings = revokedSubjects.map((subject, i) => new PolicyBinding(scope, bindingId(subject, unique.length + i), {
    state: EntryState.ABSENT,
    target: application,
    subject,
    order: unique.length + i,
  }));
  return { access, bindings, revokedBindings };
}

function label(subject: BindingSubject): string {
  const o = subject.object as unknown as Record<string, unknown>;
  return String(o.groupName ?? o.username ?? o.name ?? subject.description);
}
