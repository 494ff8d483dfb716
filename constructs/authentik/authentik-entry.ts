import type { Construct } from 'constructs';
import { memoDuringSynth } from '../blueprint/blueprint';
import { BlueprintEntry, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { checkValues } from '../blueprint/value-checks';
import type { BlueprintValue } from '../blueprint/value';
import { toWireAttributes } from './model-schema';
import { validateAgainstSchema } from './schema-validator';

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
    return this.wire().identifiers;
  }

  public get attributes(): Record<string, BlueprintValue> {
    return this.wire().attributes;
  }

  /** Both field sets in wire form, with the names the schema does not know; once per synth. */
  private wire(): { identifiers: Record<string, BlueprintValue>; attributes: Record<string, BlueprintValue>; problems: string[] } {
    return memoDuringSynth(this, 'wire', () => {
      const problems: string[] = [];
      const identifiers = toWireAttributes(this.model, this.typedIdentifiers(), `${this.path} identifiers`, problems);
      const attributes = toWireAttributes(this.model, this.typedAttributes(), `${this.path} attributes`, problems);
      return { identifiers, attributes, problems };
    });
  }

  /**
   * Problems with the declared fields: names the API does not know, values its request schema
   * rejects, identifiers that contradict attributes, and values that would not survive the file.
   */
  protected validateFields(): string[] {
    const { identifiers, attributes, problems: unknownNames } = this.wire();
    const problems = [...unknownNames];
    if (Object.keys(identifiers).length === 0) {
      problems.push(`${this.path}: has no identifiers, so authentik cannot find the object to update; give it a unique field such as name or slug`);
    }
    for (const [key, value] of Object.entries(identifiers)) {
      if (key in attributes && JSON.stringify(attributes[key]) !== JSON.stringify(value)) {
        problems.push(`${this.path}: ${key} is both an identifier (${JSON.stringify(value)}) and an attribute (${JSON.stringify(attributes[key])}); `
          + 'authentik merges identifiers over attributes, so set it in one place');
      }
    }
    // authentik merges identifiers into attrs before its serializer runs; validate what it will see
    const merged = { ...attributes, ...identifiers };
    for (const message of validateAgainstSchema(this.model, merged, { checkRequired: !this.retired })) {
      problems.push(`${this.path} (${this.model}): ${message}`);
    }
    problems.push(...checkValues(merged, `${this.path} attributes`));
    return problems;
  }
}
