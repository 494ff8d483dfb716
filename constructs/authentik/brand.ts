import type { BrandRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../blueprint/object-ref';
import { AuthentikEntry } from './authentik-entry';
import { Model, type IApplication, type ICertificateKeyPair, type IFlow } from './models';
import type { Attributes } from './model-schema';
import { registerTypedEntry } from './private/entry-registry';
import type { BrandReleaseProps } from './release-props';

/** A brand. */
export type IBrand = IAuthentikObject<typeof Model.BRAND>;

/** The domain of the brand authentik defines at start-up. */
export const DEFAULT_BRAND_DOMAIN = 'authentik-default';

type ObjectFields = 'domain' | '_default' | 'flowAuthentication' | 'flowInvalidation' | 'flowRecovery' | 'flowUnenrollment'
  | 'flowUserSettings' | 'flowDeviceCode' | 'defaultApplication' | 'webCertificate' | 'clientCertificates';

/** Settings of a brand, for `Brand` and `Brand.defaultBrand`. */
export interface BrandOptions extends BlueprintEntryOptions, BrandReleaseProps, Attributes<Omit<BrandRequest, ObjectFields>> {
  /**
   * Whether this is the brand used when no other brand's domain matches the request.
   * @default - authentik's default (false) on create; unchanged on update
   */
  readonly default?: boolean;
  /**
   * Flow that signs users in.
   * @default - none: authentik falls back to the first authentication flow it finds
   */
  readonly flowAuthentication?: IFlow;
  /**
   * Flow that signs users out.
   * @default - none
   */
  readonly flowInvalidation?: IFlow;
  /**
   * Flow that recovers an account (a forgotten password).
   * @default - none: no recovery link
   */
  readonly flowRecovery?: IFlow;
  /**
   * Flow that lets users delete their account.
   * @default - none
   */
  readonly flowUnenrollment?: IFlow;
  /**
   * Flow of the user settings page.
   * @default - none
   */
  readonly flowUserSettings?: IFlow;
  /**
   * Flow of the OAuth device code grant.
   * @default - none
   */
  readonly flowDeviceCode?: IFlow;
  /**
   * Application users land on after signing in, instead of the library.
   * @default - the application library
   */
  readonly defaultApplication?: IApplication;
  /**
   * Certificate served for the brand's domain.
   * @default - authentik's self-signed certificate
   */
  readonly webCertificate?: ICertificateKeyPair;
  /**
   * Certificates accepted for client certificate authentication (mTLS stage).
   * @default - none
   */
  readonly clientCertificates?: readonly ICertificateKeyPair[];
}

/** Props for `Brand`. */
export interface BrandProps extends BrandOptions {
  /** Domain the brand serves (requests whose host ends with it), the identifier. */
  readonly domain: string;
}

const SPEC = registerTypedEntry(Model.BRAND, 'Brand', {
  orderRank: 55,
});

/** An `authentik_brands.brand`: the title, logo, flows and default application for requests to its domain. */
export class Brand extends AuthentikEntry implements IBrand {
  /** The brand for this domain, living outside this app. */
  public static fromDomain(domain: string): IBrand {
    return new LookupReference(Model.BRAND, { domain });
  }

  /**
   * The brand authentik defines at start-up (`authentik-default`), updated: only the fields given are
   * written, so everything else stays as authentik or the UI set it.
   */
  public static defaultBrand(scope: Construct, id: string, props: Omit<BrandOptions, 'updatesExisting'> = {}): Brand {
    return new Brand(scope, id, { ...props, domain: DEFAULT_BRAND_DOMAIN, updatesExisting: true });
  }

  declare public readonly model: typeof Model.BRAND;
  /** The domain. */
  public readonly domain: string;

  constructor(scope: Construct, id: string, props: BrandProps) {
    super(scope, id, Model.BRAND, props, SPEC);
    this.domain = props?.domain;
    this.node.addValidation({ validate: () => this.checkDomain() });
  }

  private checkDomain(): string[] {
    const domain = this.domain;
    if (typeof domain !== 'string' || domain === DEFAULT_BRAND_DOMAIN) return [];
    if (/^[a-z]+:\/\//i.test(domain) || domain.includes('/')) {
      return [`${this.path}: domain ${JSON.stringify(domain)} must be a bare host name such as "auth.example.com", not a URL`];
    }
    return [];
  }
}
