/** authentik's judgement of providers. */
import { Model } from '../models';
import { goRegexpError } from './go-regexp';
import { isKnown, show, type EntryRule } from './rule';
import { ModelName } from '../../catalog/model-facts';

const SAML_PROVIDER = ModelName.SAMLPROVIDER;

export const PROVIDER_RULES: readonly EntryRule[] = [
  {
    id: 'saml-signing-key-signs-something',
    source: 'authentik/providers/saml/api/providers.py',
    models: [SAML_PROVIDER],
    check: ({ path, fields }) => {
      const { signing_kp: key, sign_assertion: assertion, sign_response: response } = fields;
      if (key === undefined || key === null || assertion === true || response === true) return [];
      if ((assertion !== undefined && !isKnown(assertion)) || (response !== undefined && !isKnown(response))) return [];
      return [`${path}.signing_kp: ${show(key)} is given, but neither sign_assertion nor sign_response is true in this entry: authentik `
        + 'refuses it ("With a signing keypair selected, at least one of \'Sign assertion\' and \'Sign Response\' must be selected"; a '
        + 'field left out counts as false, whatever the model\'s default); set signAssertion: true (and/or signResponse: true)'];
    },
  },
  {
    id: 'proxy-mode-proxy-needs-internal-host',
    source: 'authentik/providers/proxy/api.py',
    models: [Model.PROXY_PROVIDER],
    check: ({ path, fields, updatesExisting }) => {
      const { mode, internal_host: host } = fields;
      if (mode !== undefined && mode !== 'proxy') return [];
      if (host !== undefined && host !== '' && host !== null) return [];
      if (mode === undefined && updatesExisting) {
        return [`${path}.mode: not given, so authentik validates the provider as mode "proxy" (its default, on an update too), which needs `
          + 'internal_host ("Internal host cannot be empty when forward auth is disabled"); give the mode it has, e.g. mode: \'forward_single\', '
          + 'or internalHost'];
      }
      return [`${path}: mode proxy needs internalHost (where the outpost forwards requests, e.g. http://app.default.svc:8080); `
        + 'authentik rejects the provider without it. For forward auth use ProxyProvider.forwardAuthSingle(...) or .forwardAuthDomain(...)'];
    },
  },
  {
    id: 'proxy-internal-host-has-scheme',
    source: 'internal/outpost/proxyv2/application/mode_proxy.go',
    models: [Model.PROXY_PROVIDER],
    check: ({ path, fields }) => {
      const host = fields.internal_host;
      if (typeof host !== 'string' || host === '' || /^https?:\/\/[^/]/i.test(host)) return [];
      return [`${path}.internal_host: ${show(host)} has no http:// or https:// scheme; the outpost parses it as a URL and cannot forward `
        + `to it (every request fails); write ${JSON.stringify(`http://${host.replace(/^[a-z]+:\/*/i, '')}`)}`];
    },
  },
  {
    id: 'proxy-basic-auth-needs-attributes',
    source: 'authentik/providers/proxy/api.py',
    models: [Model.PROXY_PROVIDER],
    check: ({ path, fields }) => {
      if (fields.basic_auth_enabled !== true) return [];
      const missing = ['basic_auth_user_attribute', 'basic_auth_password_attribute'].filter((f) => fields[f] === undefined || fields[f] === '');
      if (missing.length === 0) return [];
      return [`${path}.basic_auth_enabled: true without ${missing.join(' and ')}: authentik refuses it ("User and password attributes must `
        + 'be set when basic auth is enabled"); name the user attributes that hold them, e.g. basicAuthUserAttribute: \'username\''];
    },
  },
  {
    id: 'proxy-skip-path-compiles-with-re2',
    source: 'internal/outpost/proxyv2/application/application.go',
    models: [Model.PROXY_PROVIDER],
    check: ({ path, fields }) => {
      const value = fields.skip_path_regex;
      if (typeof value !== 'string' || !isKnown(value)) return [];
      const problems: string[] = [];
      value.split('\n').forEach((line, i) => {
        if (line === '') return;
        const error = goRegexpError(line);
        if (error) {
          problems.push(`${path}.skip_path_regex line ${i + 1}: ${show(line)} does not compile with Go's regexp (RE2: ${error}); the `
            + 'outpost skips it with only a log line, so those paths are not let through; rewrite it without look-arounds, '
            + 'backreferences or possessive quantifiers');
        }
      });
      return problems;
    },
  },
  {
    id: 'strict-redirect-uri-has-no-wildcard',
    source: 'authentik/providers/oauth2/views/authorize.py',
    models: [Model.OAUTH2_PROVIDER],
    check: ({ path, fields }) => {
      const uris = fields.redirect_uris;
      if (!Array.isArray(uris)) return [];
      const problems: string[] = [];
      uris.forEach((uri, i) => {
        if (uri === null || typeof uri !== 'object' || Array.isArray(uri)) return;
        const { matching_mode: mode, url } = uri as Record<string, unknown>;
        if (mode !== 'strict' || typeof url !== 'string' || !url.includes('*')) return;
        problems.push(`${path}.redirect_uris[${i}].url: strict redirect URI ${show(url)} holds a *, which strict matching compares `
          + 'literally, so no client URL ever matches; use RedirectUri.regex(...) with an anchored pattern, e.g. '
          + `${JSON.stringify(`^${url.replace(/[.?+()[\]{}|^$\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`)}`);
      });
      return problems;
    },
  },
];
