/**
 * authentik's judgement of RADIUS providers and RAC endpoints: values authentik saves without a
 * check, which its RADIUS outpost or its RAC connection then read otherwise than meant.
 */
import { ModelName } from '../../catalog/model-facts';
import { isIP } from 'node:net';
import { isKnown, show, type EntryRule } from './rule';

/** The models these rules judge, by the catalog's names. */
const MODEL = {
  RADIUS_PROVIDER: ModelName.RADIUSPROVIDER,
  RAC_ENDPOINT: ModelName.ENDPOINT,
} as const;

/** Why Go's `net.ParseCIDR` refuses `text`, or undefined when it parses. */
export function goCidrError(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return 'no /prefix length';
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  const family = address.includes('%') ? 0 : isIP(address);
  if (family === 0) return `${JSON.stringify(address)} is not an IP address`;
  const max = family === 4 ? 32 : 128;
  if (!/^\d+$/.test(bits) || Number(bits) > max) return `${JSON.stringify(bits)} is not a prefix length of 0 to ${max}`;
  return undefined;
}

export const RAC_RADIUS_RULES: readonly EntryRule[] = [
  {
    id: 'radius-client-networks-are-cidrs',
    source: 'internal/outpost/radius/api.go',
    models: [MODEL.RADIUS_PROVIDER],
    check: ({ path, fields }) => {
      const value = fields.client_networks;
      // a blank value is refused by the API schema (and trimmed by authentik) already
      if (typeof value !== 'string' || !isKnown(value) || value.trim() === '') return [];
      const problems: string[] = [];
      value.split(',').forEach((part, i) => {
        const cidr = part.trim();
        const error = goCidrError(cidr);
        if (!error) return;
        const fix = error === 'no /prefix length' && isIP(cidr) !== 0 ? `write ${JSON.stringify(`${cidr}/${isIP(cidr) === 4 ? 32 : 128}`)} for that one host`
          : 'write each network in CIDR form, e.g. "192.168.1.0/24, fd00::/8", comma-separated without a trailing comma';
        problems.push(`${path}.client_networks entry ${i + 1}: ${show(cidr)} does not parse as a CIDR (${error}); authentik saves it, but the `
          + 'RADIUS outpost parses each entry with Go\'s net.ParseCIDR and drops one that fails with only a log line, so RADIUS clients '
          + `from there are never answered; ${fix}`);
      });
      return problems;
    },
  },
  {
    id: 'rac-endpoint-host-is-host-and-port',
    source: 'authentik/providers/rac/models.py',
    models: [MODEL.RAC_ENDPOINT],
    check: ({ path, fields }) => {
      const host = fields.host;
      // an empty host is refused by the API schema already
      if (typeof host !== 'string' || !isKnown(host) || host === '') return [];
      const colon = host.indexOf(':');
      if (colon !== 0 && (colon < 0 || /^\d*$/.test(host.slice(colon + 1)))) return [];
      const name = colon < 0 ? host : host.slice(0, colon);
      const port = colon < 0 ? '' : host.slice(colon + 1);
      const unbracketed = host.replace(/^\[([^\]]*)\](:\d+)?$/, '$1');
      const fix = host.includes('://') ? `drop the scheme: write ${JSON.stringify(host.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, ''))} (the protocol field says rdp, vnc or ssh)`
          : isIP(unbracketed) === 6 ? `for an IPv6 address give it in settings instead, e.g. settings: { hostname: ${JSON.stringify(unbracketed)}, port: '3389' }, which authentik merges over the host's`
            : 'write it as host or host:port, e.g. \'win11.lan:3389\'';
      return [`${path}.host: ${show(host)}: authentik saves it, but splits it at the first ":" into hostname ${JSON.stringify(name)} and port `
        + `${JSON.stringify(port)} for the connection (ConnectionToken.get_settings), so guacd connects nowhere; ${fix}`];
    },
  },
  {
    id: 'rac-endpoint-allows-a-connection',
    source: 'authentik/providers/rac/views.py',
    models: [MODEL.RAC_ENDPOINT],
    check: ({ path, fields }) => {
      if (fields.maximum_connections !== 0) return [];
      return [`${path}.maximum_connections: 0: authentik saves it, but refuses a connection once the endpoint has maximum_connections `
        + 'open ones (any value above -1 is a limit), so every connection is "Maximum connection limit reached."; write 1 for one '
        + 'connection at a time, or -1 for no limit'];
    },
  },
];
