import type { ApplicationRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { Reference } from '../blueprint/value';
import { AuthentikEntry } from './authentik-entry';
import type { Attributes } from './model-schema';
import type { IProvider } from './oauth2-provider';

// ApplicationSerializer.validate_slug rejects these: they collide with /application/o/<endpoint>/
const RESERVED_SLUGS = ['authorize', 'token', 'device', 'userinfo', 'introspect', 'revoke'];

/** Something policies, groups and users can be bound to. */
export interface IPolicyBindingTarget {
  /** A reference to the target; in a policy binding `!KeyOf` yields its `pbm_uuid`. */
  bindingTargetRef(): Reference;
}

/** Props for `Application`. */
export interface ApplicationProps extends BlueprintEntryOptions, Attributes<Omit<ApplicationRequest, 'name' | 'slug' | 'provider'>> {
  /** Display name. */
  readonly name: string;
  /** URL slug, the identifier. */
  readonly slug: string;
  /**
   * The provider (one provider serves one application).
   * @default - no provider
   */
  readonly provider?: IProvider;
}

/** An `authentik_core.application`. */
export class Application extends AuthentikEntry implements IPolicyBindingTarget {
  /** URL slug. */
  public readonly slug: string;
  /** Display name. */
  public readonly name: string;
  private readonly _props: ApplicationProps;

  constructor(scope: Construct, id: string, props: ApplicationProps) {
    super(scope, id, 'authentik_core.application', props);
    this.slug = props.slug;
    this.name = props.name;
    this._props = props;
    this.node.addValidation({
      validate: () => (RESERVED_SLUGS.includes(this.slug)
        ? [`${this.path}: slug "${this.slug}" is reserved by authentik's OAuth2 endpoints (${RESERVED_SLUGS.join(', ')}); choose another`]
        : []),
    });
  }

  public bindingTargetRef(): Reference {
    return this.ref();
  }

  public override get orderRank(): number {
    return 40;
  }

  protected typedIdentifiers(): Record<string, unknown> {
    return { slug: this.slug };
  }

  protected typedAttributes(): Record<string, unknown> {
    const { slug: _slug, provider, state: _state, conditions: _conditions, ...fields } = this._props;
    return { ...fields, provider: provider?.providerRef() };
  }
}
