import { LookupReference } from '../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../blueprint/object-ref';
import { Model } from './models';

/** A blueprint instance (a blueprint file authentik knows). */
export type IBlueprintInstance = IAuthentikObject<typeof Model.BLUEPRINT_INSTANCE>;

/** Blueprint instances that live outside this app (authentik's own, or another repository's). */
export class BlueprintInstance {
  /** The instance whose blueprint has this `metadata.name`, e.g. `Default - Authentication flow`. */
  public static fromName(name: string): IBlueprintInstance {
    return new LookupReference(Model.BLUEPRINT_INSTANCE, { name });
  }

  /** The instance of the file at this path under the blueprints folder, e.g. `system/bootstrap.yaml`. */
  public static fromPath(path: string): IBlueprintInstance {
    return new LookupReference(Model.BLUEPRINT_INSTANCE, { path });
  }

  private constructor() {}
}
