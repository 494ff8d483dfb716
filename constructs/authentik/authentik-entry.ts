import type { Construct } from 'constructs';
import { BlueprintEntry, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { BlueprintValue } from '../blueprint/value';
import { toWireAttributes } from './model-schema';

/**
 * A blueprint entry whose identifiers and attributes are declared with authentik's own API field
 * names (camelCase, as in @goauthentik/api) and written with its wire names (snake_case).
 */
export abstract class AuthentikEntry extends BlueprintEntry {
  protected constructor(scope: Construct, id: string, model: string, options: BlueprintEntryOptions = {}) {
    super(scope, id, model, options);
    this.node.addValidation({ validate: () => this.validateFields() });
  }

  /** Identifiers with API field names. */
  protected abstract typedIdentifiers(): Record<string, unknown>;

  /** Attributes with API field names, identifiers excluded. */
  protected abstract typedAttributes(): Record<string, unknown>;

  public get identifiers(): Record<string, BlueprintValue> {
    return toWireAttributes(this.model, this.typedIdentifiers(), this.path, []);
  }

  public get attributes(): Record<string, BlueprintValue> {
    return toWireAttributes(this.model, this.typedAttributes(), this.path, []);
  }

  /** Problems with the declared fields, each naming this construct's path. */
  protected validateFields(): string[] {
    const problems: string[] = [];
    toWireAttributes(this.model, this.typedIdentifiers(), `${this.path} identifiers`, problems);
    toWireAttributes(this.model, this.typedAttributes(), `${this.path} attributes`, problems);
    return problems;
  }
}
