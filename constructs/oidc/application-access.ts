import type { IGroup } from '../authentik/group';

/** Who may open an application: listed groups, or, as an explicit choice, every signed-in user. */
export class ApplicationAccess {
  /** Members of any of these groups, bound in this order. */
  public static groups(...groups: IGroup[]): ApplicationAccess {
    return new ApplicationAccess(groups, false);
  }

  /** Every user who can sign in to authentik: no bindings at all. */
  public static anyAuthenticatedUser(): ApplicationAccess {
    return new ApplicationAccess([], true);
  }

  private constructor(
    /** Groups allowed, in binding order. */
    public readonly groups: readonly IGroup[],
    /** Whether the application is deliberately open to everyone. */
    public readonly open: boolean,
  ) {}
}
