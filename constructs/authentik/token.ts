import type { TokenRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../blueprint/object-ref';
import type { Tag } from '../blueprint/tags';
import { describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import { isEnvSecret, type IEnvSecret } from './env-secret';
import { Model, type IUser } from './models';
import type { Attributes } from './model-schema';
import { registerTypedEntry } from './private/entry-registry';
import { isSecretReference } from './user';

/** A token. */
export type IToken = IAuthentikObject<typeof Model.TOKEN>;

/** Props for `Token`. */
export interface TokenProps extends BlueprintEntryOptions, Attributes<Omit<TokenRequest, 'identifier' | 'user'>> {
  /** Token identifier (unique), the identifier. */
  readonly identifier: string;
  /**
   * The user the token authenticates as (required when the token is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly user?: IUser;
  /**
   * The token's secret value, by reference only: a worker secret or an `!Env`, `!File` or `!Context` tag
   * (a blueprint-only field).
   * @default - authentik generates one, readable only in its UI or API
   */
  readonly key?: IEnvSecret | Tag;
}

const SPEC = registerTypedEntry(Model.TOKEN, 'Token', {
  ownProps: ['key'],
  orderRank: 22,
});

/**
 * An `authentik_core.token`: an API token, app password, recovery or verification token of a user.
 * Its key is never a literal; an `api` or `app_password` token must say whether it expires, since
 * authentik's default makes a token expire 30 minutes after it is created.
 */
export class Token extends AuthentikEntry implements IToken {
  /** The token with this identifier, living outside this app. */
  public static fromIdentifier(identifier: string): IToken {
    return new LookupReference(Model.TOKEN, { identifier });
  }

  declare public readonly model: typeof Model.TOKEN;
  /** Token identifier. */
  public readonly identifier: string;

  constructor(scope: Construct, id: string, props: TokenProps) {
    super(scope, id, Model.TOKEN, props, SPEC);
    this.identifier = props?.identifier;
    this.node.addValidation({ validate: () => this.checkToken() });
  }

  protected override typedAttributes(): Record<string, unknown> {
    const key = this.props.key;
    // a literal is reported by validation, never written
    return { ...super.typedAttributes(), key: isEnvSecret(key) ? key.envTag() : isSecretReference(key) ? key : undefined };
  }

  private checkToken(): string[] {
    if (this.retired) return [];
    const problems: string[] = [];
    const { key, intent, expiring, expires } = this.props;
    if (key !== undefined && !isSecretReference(key)) {
      problems.push(`${this.path}: key must be a worker secret (new WorkerSecret(...)) or an !Env, !File or !Context tag, never a literal `
        + `(got ${describeGiven(key).replace(/".*"/, '"…"')}); a token written in the blueprint would be committed to Git`);
    }
    // a missing user or intent: rules/core.ts, for every token entry
    if ((intent === 'api' || intent === 'app_password') && expiring === undefined && expires === undefined && !this.updatesExisting) {
      problems.push(`${this.path}: an ${intent} token expires 30 minutes after creation unless told otherwise; set expiring: false, `
        + 'or expiring: true with expires');
    }
    return problems;
  }
}
