import { LookupReference } from '../blueprint/blueprint-entry';
import { Model, type IStage } from './models';

/** Stages that live outside this app, of any stage model. */
export class Stage {
  /** The stage with this name, e.g. `default-authentication-mfa-validation`, whatever its kind. */
  public static fromName(name: string): IStage {
    return new LookupReference(Model.BASE_STAGE, { name });
  }

  private constructor() {}
}
