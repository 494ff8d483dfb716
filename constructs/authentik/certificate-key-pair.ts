import type { CertificateKeyPairRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import { Model, type ICertificateKeyPair } from './models';
import type { Attributes } from './model-schema';

/** Props for `CertificateKeyPair`. */
export interface CertificateKeyPairProps extends BlueprintEntryOptions, Attributes<Omit<CertificateKeyPairRequest, 'name'>> {
  /** Name, the identifier. */
  readonly name: string;
}


const SPEC = registerTypedEntry(Model.CERTIFICATE_KEY_PAIR, 'CertificateKeyPair', { orderRank: 5 });

/**
 * An `authentik_crypto.certificatekeypair`. The certificate is public and may be written as it is;
 * the private key is a secret, so it must come from `!Env` or `!File` (a worker secret or a mounted file).
 */
export class CertificateKeyPair extends AuthentikEntry implements ICertificateKeyPair {
  /** The key pair with this name, e.g. `authentik Self-signed Certificate`. */
  public static fromName(name: string): ICertificateKeyPair {
    return new LookupReference(Model.CERTIFICATE_KEY_PAIR, { name });
  }

  declare public readonly model: typeof Model.CERTIFICATE_KEY_PAIR;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: CertificateKeyPairProps) {
    super(scope, id, Model.CERTIFICATE_KEY_PAIR, props, SPEC);
    this.name = props?.name;
  }
}
