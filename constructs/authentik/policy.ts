import { LookupReference } from '../blueprint/blueprint-entry';
import { Model, type IPolicy } from './models';

/** Policies that live outside this app, of any policy model. */
export class Policy {
  /** The policy with this name, whatever its kind. */
  public static fromName(name: string): IPolicy {
    return new LookupReference(Model.BASE_POLICY, { name });
  }

  private constructor() {}
}
