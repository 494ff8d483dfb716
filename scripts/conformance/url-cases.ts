/**
 * The table of URL values authentik takes and refuses, by field (constructs/authentik/rules/urls.ts):
 * judged by test/judgement-urls.test.ts, and by conformance step u against Django's own URLValidator
 * with authentik's subclasses (scripts/conformance/check_django_urls.py).
 */
import { ModelName } from '../../constructs/catalog/generated/model-names';

/** A URL field: [model, wire field name]. */
export type UrlField = readonly [string, string];

/** The fields the table uses. */
export const F = {
  LAUNCH_URL: [ModelName.APPLICATION, 'meta_launch_url'],
  EXTERNAL_HOST: [ModelName.PROXYPROVIDER, 'external_host'],
  INTERNAL_HOST: [ModelName.PROXYPROVIDER, 'internal_host'],
  WEBHOOK_URL: [ModelName.NOTIFICATIONTRANSPORT, 'webhook_url'],
  SERVER_URI: [ModelName.LDAPSOURCE, 'server_uri'],
  FLEET_URL: [ModelName.FLEETCONNECTOR, 'url'],
  REPLY_URL: [ModelName.WSFEDERATIONPROVIDER, 'reply_url'],
  SLO_URL: [ModelName.SAMLSOURCE, 'slo_url'],
} as const satisfies Record<string, UrlField>;

/** `n` distinct characters of CJK Extension B (outside \u00a1-\uffff, so only the IDN fallback takes them). */
const astral = (n: number): string => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x20000 + i * 7)).join('');
const LONG_HOST = `https://${Array.from({ length: 5 }, (_, i) => String.fromCharCode(97 + i).repeat(60)).join('.')}.example/`;

/** [what, field, value]: values authentik takes. */
export const URL_ACCEPTED: Array<[string, UrlField, string]> = [
  ['a blank launch URL (blank=True: DRF skips the validators)', F.LAUNCH_URL, ''],
  ['whitespace only, blank after DRF strips it', F.LAUNCH_URL, '   '],
  ['a launch URL with a %(username)s placeholder (DomainlessFormattedURLValidator)', F.LAUNCH_URL, 'https://%(username)s.example.com'],
  ['blank://blank (DomainlessURLValidator adds the blank scheme)', F.LAUNCH_URL, 'blank://blank'],
  ['blank://blank on a proxy external host', F.EXTERNAL_HOST, 'blank://blank'],
  ['an IDN host (ul = \\u00a1-\\uffff)', F.LAUNCH_URL, 'https://münchen.example/'],
  ['an IDN host outside the Basic Multilingual Plane, taken through the punycode fallback', F.LAUNCH_URL, 'https://😀.example.com/'],
  ['localhost with a port', F.LAUNCH_URL, 'http://localhost:3000'],
  ['an IPv4 host', F.INTERNAL_HOST, 'http://192.168.1.10:8080/'],
  ['an IPv6 host', F.INTERNAL_HOST, 'http://[2001:db8::1]:8443/'],
  ['user:pass@ (the regex takes user information)', F.LAUNCH_URL, 'https://user:pass@app.example.com/'],
  ['a bare host name without a domain (Domainless)', F.INTERNAL_HOST, 'http://grafana:3000'],
  ['a Kubernetes service name', F.INTERNAL_HOST, 'http://grafana.monitoring.svc.cluster.local:3000'],
  ['an upper-case scheme and host (IGNORECASE, scheme lowered)', F.EXTERNAL_HOST, 'HTTPS://APP.EXAMPLE.COM'],
  ['surrounding whitespace, stripped by DRF before validating', F.EXTERNAL_HOST, ' https://app.example.com\n'],
  ['an ftp URL where Django\'s default schemes apply', F.WEBHOOK_URL, 'ftp://files.example.com/hook'],
  ['a query and fragment', F.LAUNCH_URL, 'https://app.example.com/path?x=1#frag'],
  ['two LDAP servers, comma-separated', F.SERVER_URI, 'ldaps://dc1.example.com,ldaps://dc2.example.com:636'],
  ['an LDAP server without a domain', F.SERVER_URI, 'ldap://dc1'],
  ['http on an LDAP source (MultiURLValidator adds http, https and blank)', F.SERVER_URI, 'http://ldap.example.com'],
  ['a fleet URL with a top-level domain', F.FLEET_URL, 'https://fleet.example.com'],
  ['a reply URL with a trailing dot after the top-level domain', F.REPLY_URL, 'https://sp.example.com./wsfed'],
  ['a punycode top-level domain', F.REPLY_URL, 'https://example.xn--p1ai/'],
  ['a host of full-width letters (in ul)', F.LAUNCH_URL, 'https://ｅｘａｍｐｌｅ.com/'],
  ['an IDN top-level domain', F.REPLY_URL, 'https://пример.рф/'],
  ['a user without a password', F.INTERNAL_HOST, 'http://admin@grafana:3000/'],
  ['an empty password', F.INTERNAL_HOST, 'http://admin:@grafana:3000/'],
  ['port 0', F.INTERNAL_HOST, 'http://grafana:00/'],
  ['an astral-plane label, taken through the punycode fallback (CJK Extension B)', F.LAUNCH_URL, `https://${astral(8)}.example.com/`],
  ['forty identical emoji, whose punycode stays short', F.LAUNCH_URL, `https://${'😀'.repeat(40)}.example.com/`],
  ['a host of digits only', F.INTERNAL_HOST, 'http://12345/'],
  ['ldaps on localhost', F.SERVER_URI, 'ldaps://localhost:636'],
  ['a formatted host with two placeholders', F.LAUNCH_URL, 'https://%(username)s%(name)s.example.com'],
  ['IPv4-mapped IPv6', F.INTERNAL_HOST, 'http://[::ffff:192.168.1.1]:8080/'],
  ['a 2048-character URL', F.LAUNCH_URL, `https://app.example.com/${'a'.repeat(2048 - 'https://app.example.com/'.length)}`],
];

/** [what, field, value, why authentik refuses it (our message)]. */
export const URL_REFUSED: Array<[string, UrlField, string, RegExp]> = [
  ['a scheme authentik does not list (myapp://)', F.LAUNCH_URL, 'myapp://x', /the scheme "myapp" is not one of http, https, blank, ftp, ftps/],
  ['not a URL at all', F.LAUNCH_URL, 'not a url', /not an absolute URL/],
  ['a space in the host', F.LAUNCH_URL, 'https://a b.example.com/', /holds a space/],
  ['a space in the path', F.EXTERNAL_HOST, 'https://app.example.com/a b', /holds a space/],
  ['a tab inside', F.LAUNCH_URL, 'https://app.example.com/a\tb', /tab or line break/],
  ['a host name of more than 253 characters', F.LAUNCH_URL, LONG_HOST, /more than the 253 DNS allows/],
  ['a URL of more than 2048 characters', F.LAUNCH_URL, `https://app.example.com/${'a'.repeat(2049 - 'https://app.example.com/'.length)}`, /longer than 2048/],
  ['a blank value where the field may not be blank', F.EXTERNAL_HOST, '  ', /may not be blank/],
  ['ftp where only http and https are listed', F.EXTERNAL_HOST, 'ftp://app.example.com', /the scheme "ftp" is not one of http, https, blank/],
  ['a host name without a top-level domain under Django\'s own URLValidator', F.FLEET_URL, 'https://fleet', /host, port or user information/],
  ['blank:// under Django\'s own URLValidator', F.REPLY_URL, 'blank://blank', /the scheme "blank" is not one of http, https, ftp, ftps/],
  ['a port of six digits', F.LAUNCH_URL, 'https://app.example.com:123456/', /host, port or user information/],
  ['a label starting with a dash', F.LAUNCH_URL, 'https://-app.example.com/', /host, port or user information/],
  ['a label of 64 characters', F.EXTERNAL_HOST, `https://${'a'.repeat(64)}.example.com/`, /host, port or user information/],
  ['an invalid IPv6 address', F.INTERNAL_HOST, 'http://[1::2::3]/', /urlsplit refuses it/],
  ['an unclosed IPv6 bracket', F.INTERNAL_HOST, 'http://[::1/', /Invalid IPv6 URL/],
  ['an IPv4 octet above 255 (not an IP, and 256 is no top-level domain)', F.FLEET_URL, 'http://256.1.1.1/', /host, port or user information/],
  ['a space after the comma between LDAP servers', F.SERVER_URI, 'ldaps://dc1.example.com, ldaps://dc2.example.com', /" ldaps:\/\/dc2.example.com": the scheme " ldaps"/],
  ['an empty part between LDAP servers', F.SERVER_URI, 'ldaps://dc1.example.com,,ldaps://dc2.example.com', /"": it is not an absolute URL/],
  ['a user with a colon and @ in the password', F.LAUNCH_URL, 'https://u:p@ss@app.example.com/', /host, port or user information/],
  ['a formatted placeholder on a plain Domainless field', F.EXTERNAL_HOST, 'https://%(username)s.example.com', /host, port or user information/],
  ['an IPv4 address in brackets', F.INTERNAL_HOST, 'http://[192.168.1.1]/', /urlsplit refuses it|not an IPv6 address/],
  ['a backslash in the host', F.LAUNCH_URL, 'https://app\\evil.example.com/', /host, port or user information/],
  ['an underscore in the host', F.FLEET_URL, 'https://my_host.example.com/', /host, port or user information/],
  ['a scheme without slashes', F.LAUNCH_URL, 'mailto:admin@example.com', /not an absolute URL/],
  ['a host label ending with a dash', F.INTERNAL_HOST, 'http://grafana-.example/', /host, port or user information/],
  ['a non-breaking space in the host', F.LAUNCH_URL, 'https://app\u00a0name.example.com/', /holds a space/],
  ['an astral-plane label whose punycode is longer than 63', F.LAUNCH_URL, `https://${astral(30)}.example.com/`, /host, port or user information/],
  ['a trailing dot on a bare host (Domainless has no top-level domain to end with a dot)', F.INTERNAL_HOST, 'http://grafana./', /host, port or user information/],
  ['a null character in the path (DRF\'s ProhibitNullCharactersValidator)', F.LAUNCH_URL, 'https://app.example.com/\u0000', /null character/],
  ['a lone surrogate in the path (DRF\'s ProhibitSurrogateCharactersValidator)', F.LAUNCH_URL, 'https://app.example.com/\ud800', /lone surrogate/],
  ['no host', F.SLO_URL, 'https:///path', /host, port or user information|names no host/],
];
