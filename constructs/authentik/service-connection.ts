import { LookupReference } from '../blueprint/blueprint-entry';
import { Model, type IServiceConnection } from './models';

/** Outpost service connections (Docker, Kubernetes) that live outside this app. */
export class ServiceConnection {
  /** The service connection with this name, whatever its kind, e.g. `Local Kubernetes Cluster`. */
  public static fromName(name: string): IServiceConnection {
    return new LookupReference(Model.BASE_SERVICE_CONNECTION, { name });
  }

  private constructor() {}
}
