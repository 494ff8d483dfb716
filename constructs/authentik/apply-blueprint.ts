import type { Construct } from 'constructs';
import { BlueprintEntry, LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { Blueprint } from '../blueprint/blueprint';
import { isAuthentikObject } from '../blueprint/object-ref';
import type { BlueprintValue } from '../blueprint/value';
import { describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import type { IBlueprintInstance } from './blueprint-instance';
import { Model } from './models';
import { registerTypedEntry } from './private/entry-registry';

/** Props for `ApplyBlueprint`. */
export interface ApplyBlueprintProps extends BlueprintEntryOptions {
  /** The blueprint to apply first: one of this app, or `BlueprintInstance.fromName(...)` / `.fromPath(...)`. */
  readonly blueprint: Blueprint | IBlueprintInstance;
  /**
   * Fail this blueprint when the other does not exist; `false` skips it silently.
   * @default true
   */
  readonly required?: boolean;
}

const SPEC = registerTypedEntry(Model.META_APPLY_BLUEPRINT, 'ApplyBlueprint', {
  ownProps: ['blueprint', 'required'],
  orderRank: 0,
});

/**
 * An `authentik_blueprints.metaapplyblueprint` entry: authentik applies another blueprint before
 * going on with this one. References to objects of another blueprint of the app add such an entry by
 * themselves; declare one for blueprints outside the app (authentik's defaults) or for an ordering
 * no reference expresses.
 */
export class ApplyBlueprint extends AuthentikEntry {
  declare public readonly model: typeof Model.META_APPLY_BLUEPRINT;
  /** The blueprint applied first. */
  public readonly blueprint: Blueprint | IBlueprintInstance;

  constructor(scope: Construct, id: string, props: ApplyBlueprintProps) {
    super(scope, id, Model.META_APPLY_BLUEPRINT, props, SPEC);
    this.blueprint = props?.blueprint;
    this.node.addValidation({ validate: () => this.checkTarget() });
  }

  /** What the meta entry matches the instance by: `{ name }` or `{ path }`. */
  public get instanceIdentifiers(): Record<string, BlueprintValue> | undefined {
    const target = this.blueprint as unknown;
    if (Blueprint.isBlueprint(target)) return { name: target.name };
    if (target instanceof LookupReference && target.model === Model.BLUEPRINT_INSTANCE) return { ...target.query };
    if (BlueprintEntry.isBlueprintEntry(target) && target.model === Model.BLUEPRINT_INSTANCE) return target.identifiers;
    return undefined;
  }

  private checkTarget(): string[] {
    const target = this.blueprint as unknown;
    const problems: string[] = [];
    if (this.instanceIdentifiers === undefined) {
      const given = isAuthentikObject(target) ? target.description : describeGiven(target);
      problems.push(`${this.path}: blueprint expects a Blueprint of this app, BlueprintInstance.fromName(...) or BlueprintInstance.fromPath(...); got ${given}`);
    }
    if (this.props.required !== undefined && typeof this.props.required !== 'boolean') {
      problems.push(`${this.path}: required must be true or false; got ${describeGiven(this.props.required)}`);
    }
    const own = Blueprint.tryOf(this);
    if (Blueprint.isBlueprint(target) && own) {
      if (target === own) problems.push(`${this.path}: a blueprint cannot apply itself first; point blueprint at another one`);
      else if (own.render().dependsOn.includes(target)) {
        problems.push(`${this.path}: ${own.fileName} already applies ${target.fileName} first, because it refers to its objects; drop this entry`);
      }
    }
    return problems;
  }

  protected override typedAttributes(): Record<string, unknown> {
    return { identifiers: this.instanceIdentifiers, required: this.props.required ?? true };
  }
}
