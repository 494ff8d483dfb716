/** authentik's judgement of certificate-key pairs. */
import { Model } from '../models';
import { show, type EntryRule } from './rule';

const PEM_CERT = /^-----BEGIN CERTIFICATE-----\r?\n(?:[A-Za-z0-9+/=]+\r?\n)+-----END CERTIFICATE-----/;

export const CRYPTO_RULES: readonly EntryRule[] = [
  {
    id: 'certificate-data-is-pem',
    source: 'authentik/crypto/api.py',
    models: [Model.CERTIFICATE_KEY_PAIR],
    check: ({ path, fields }) => {
      const data = fields.certificate_data;
      if (typeof data !== 'string') return [];
      const body = data.trim();
      if (PEM_CERT.test(body)) return [];
      const looksLikePath = !body.includes('\n') && /^(\/|\.{1,2}\/|[\w.-]+\/)[^\s]*$|\.(pem|crt|cer)$/i.test(body);
      return [`${path}.certificate_data: ${show(data)} is not a PEM certificate; authentik refuses it ("Unable to load certificate.")`
        + (looksLikePath
          ? `; it looks like a file path: read the file with Tag.scalar('!File', ${JSON.stringify(body)}), which authentik resolves on the worker`
          : "; give the certificate as -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----, or read it with Tag.scalar('!File', …)")];
    },
  },
];
