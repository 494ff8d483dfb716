import { LookupReference } from '../blueprint/blueprint-entry';
import { Model, type IUser } from './models';

/** Users that live outside this app. */
export class User {
  /** The user with this username. */
  public static fromUsername(username: string): IUser {
    return new LookupReference(Model.USER, { username });
  }

  private constructor() {}
}
