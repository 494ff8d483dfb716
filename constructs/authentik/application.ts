import type { ApplicationRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { writeAccessGrant, type AccessGrant, type ApplicationAccess, type GrantAccessOptions } from './application-access';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import { Model, type IApplication, type IProvider } from './models';
import type { Attributes } from './model-schema';
import type { ApplicationReleaseProps } from './release-props';

// ApplicationSerializer.validate_slug rejects these: they collide with /application/o/<endpoint>/
const RESERVED_SLUGS = ['authorize', 'token', 'device', 'userinfo', 'introspect', 'revoke'];

/** Props for `Application`. */
export interface ApplicationProps extends BlueprintEntryOptions, ApplicationReleaseProps,
  Attributes<Omit<ApplicationRequest, 'name' | 'slug' | 'provider' | 'backchannelProviders'>> {
  /** Display name. */
  readonly name: string;
  /** URL slug, the identifier. */
  readonly slug: string;
  /**
   * The provider (one provider serves one application).
   * @default - no provider
   */
  readonly provider?: IProvider;
  /**
   * Backchannel providers (SCIM, Google Workspace, …).
   * @default - none
   */
  readonly backchannelProviders?: readonly IProvider[];
  /**
   * Icon: a URL or a path under authentik's media (a blueprint-only field, stored as `meta_icon`).
   * @default - none
   */
  readonly icon?: string;
}


const SPEC = registerTypedEntry(Model.APPLICATION, 'Application', {
  orderRank: 40,
});

/** An `authentik_core.application`. */
export class Application extends AuthentikEntry implements IApplication {
  /** An application that lives outside this app, looked up by slug. */
  public static fromSlug(slug: string): IApplication {
    return new LookupReference(Model.APPLICATION, { slug });
  }

  declare public readonly model: typeof Model.APPLICATION;
  /** URL slug. */
  public readonly slug: string;
  /** Display name. */
  public readonly name: string;
  /** The provider, if any. */
  public readonly provider?: IProvider;
  private readonly _grants: AccessGrant[] = [];

  constructor(scope: Construct, id: string, props: ApplicationProps) {
    super(scope, id, Model.APPLICATION, props, SPEC);
    this.slug = props?.slug;
    this.name = props?.name;
    this.provider = props?.provider;
    this.node.addValidation({
      validate: () => (RESERVED_SLUGS.includes(this.slug)
        ? [`${this.path}: slug "${this.slug}" is reserved by authentik's OAuth2 endpoints (${RESERVED_SLUGS.join(', ')}); choose another`]
        : []),
    });
  }

  /**
   * Grants `access`: one policy binding per allowed group, user or policy, in order, beside the
   * application (in its scope), and retired bindings for revoked subjects. Sets the application's
   * policy engine mode to the access's (`any` for a list) unless the props set one.
   */
  public grantAccess(access: ApplicationAccess, options: GrantAccessOptions = {}): AccessGrant {
    const grant = writeAccessGrant(this.node.scope ?? this, this, access, options);
    this._grants.push(grant);
    return grant;
  }

  /** The access granted so far. */
  public get grants(): readonly AccessGrant[] {
    return [...this._grants];
  }

  protected override typedAttributes(): Record<string, unknown> {
    const attrs = super.typedAttributes();
    const mode = this._grants.map((g) => g.access?.policyEngineMode).find((m) => m !== undefined);
    if (attrs.policyEngineMode === undefined && mode !== undefined && !this.retired) attrs.policyEngineMode = mode;
    return attrs;
  }
}
