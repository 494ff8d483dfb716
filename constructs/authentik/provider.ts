import { LookupReference } from '../blueprint/blueprint-entry';
import { Model, type IProvider } from './models';

/** Providers that live outside this app, of any provider model. */
export class Provider {
  /** The provider with this name, whatever its kind. */
  public static fromName(name: string): IProvider {
    return new LookupReference(Model.BASE_PROVIDER, { name });
  }

  private constructor() {}
}
