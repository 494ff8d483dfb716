/** authentik's judgement of notification transports and rules. */
import { Model } from '../models';
import type { EntryRule } from './rule';

const SECRET_QUERY = /^(token|access_token|api[-_]?key|key|secret|password|passwd|pwd|sig|signature|auth|code)$/i;
// webhook URLs whose path is itself the credential
const SECRET_PATHS: ReadonlyArray<[RegExp, string]> = [
  [/^https:\/\/hooks\.slack\.com\/services\//i, 'a Slack webhook URL, whose path is its secret'],
  [/^https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[^/]+\/[^/]+/i, 'a Discord webhook URL, whose last segment is its token'],
  [/^https:\/\/[^/]+\.webhook\.office\.com\//i, 'a Microsoft Teams webhook URL, which carries its key'],
  [/^https:\/\/chat\.googleapis\.com\/.*[?&]key=/i, 'a Google Chat webhook URL, which carries its key'],
];

export const EVENT_RULES: readonly EntryRule[] = [
  {
    id: 'webhook-url-holds-no-credential',
    source: 'authentik/events/models.py',
    models: [Model.NOTIFICATION_TRANSPORT],
    check: ({ path, fields }) => {
      const url = fields.webhook_url;
      if (typeof url !== 'string' || url === '') return [];
      let reason: string | undefined;
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        return [];
      }
      if (parsed.password !== '') reason = 'a password in its user information';
      else for (const [name] of parsed.searchParams) if (SECRET_QUERY.test(name)) reason ??= `the query parameter ${JSON.stringify(name)}`;
      for (const [pattern, what] of SECRET_PATHS) if (!reason && pattern.test(url)) reason = what;
      if (!reason) return [];
      const redacted = `${parsed.protocol}//${parsed.host}/…`;
      return [`${path}.webhook_url: ${JSON.stringify(redacted)} carries its credential in clear (${reason}), which would be committed to Git `
        + 'in the blueprint; read the URL from the worker environment: webhookUrl: new WorkerSecret(...) (or Tag.env(...) on a ModelEntry)'];
    },
  },
];

