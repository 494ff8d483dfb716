import { describe, expect, it } from 'vitest';
import {
  Blueprint, EntryState, EventMatcherPolicy, Group, NotificationRule, NotificationTransport, PropertyMapping, WorkerSecret, validateApp,
} from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('NotificationTransport and NotificationRule', () => {
  it('write a webhook transport (URL from a secret), a rule to a group and the bindings of its event matchers', () => {
    const { chart, bp } = setup();
    const body = new PropertyMapping(bp, 'Body', { model: 'authentik_events.notificationwebhookmapping', name: 'slack body', expression: 'return {}' });
    const url = new WorkerSecret(bp, 'SlackUrl', { envVar: 'AUTHENTIK_SLACK_WEBHOOK', secretKey: 'slack-webhook' });
    const slack = new NotificationTransport(bp, 'Slack', { name: 'slack', mode: 'webhook_slack', webhookUrl: url, webhookMappingBody: body, sendOnce: true });
    const admins = new Group(bp, 'Admins', { name: 'admins' });
    const rule = new NotificationRule(bp, 'Errors', {
      name: 'errors', severity: 'alert', destinationGroup: admins, transports: [slack, NotificationTransport.fromName('default-local-transport')],
    });
    rule.matchPolicy(new EventMatcherPolicy(bp, 'Match', { name: 'match-error', action: 'configuration_error' }));
    rule.matchPolicy(EventMatcherPolicy.fromName('default-match-update'));
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'slack')).toEqual({
      model: 'authentik_events.notificationtransport', id: 'slack', state: 'present', identifiers: { name: 'slack' },
      attrs: { mode: 'webhook_slack', send_once: true, webhook_mapping_body: { tag: '!KeyOf', value: 'body' }, webhook_url: { tag: '!Env', value: 'AUTHENTIK_SLACK_WEBHOOK' } },
    });
    expect(entry(bp, 'errors')).toEqual({
      model: 'authentik_events.notificationrule', id: 'errors', state: 'present', identifiers: { name: 'errors' },
      attrs: {
        destination_group: { tag: '!KeyOf', value: 'admins' },
        severity: 'alert',
        transports: [{ tag: '!KeyOf', value: 'slack' }, { tag: '!Find', items: ['authentik_events.notificationtransport', ['name', 'default-local-transport']] }],
      },
    });
    expect(entry(bp, 'errors-policy0')).toMatchObject({
      model: 'authentik_policies.policybinding',
      identifiers: { policy: { tag: '!KeyOf', value: 'match' }, target: { tag: '!KeyOf', value: 'errors' } },
      attrs: { order: 0 },
    });
    expect(entry(bp, 'errors-policy1').identifiers.policy).toEqual({ tag: '!Find', items: ['authentik_policies_event_matcher.eventmatcherpolicy', ['name', 'default-match-update']] });
    expect(rule.policyBindings).toHaveLength(2);
  });

  it('retires the policy bindings with the rule', () => {
    const { chart, bp } = setup();
    const rule = new NotificationRule(bp, 'Old', { name: 'old', state: EntryState.ABSENT });
    rule.matchPolicy(EventMatcherPolicy.fromName('m'));
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'old-policy0').state).toBe('absent');
  });

  it('fails when a rule notifies nobody, a webhook has no URL, or an email transport has one', () => {
    const { chart, bp } = setup();
    new NotificationRule(bp, 'Nobody', { name: 'nobody', transports: [NotificationTransport.fromName('t')] });
    new NotificationTransport(bp, 'NoUrl', { name: 'no-url', mode: 'webhook' });
    new NotificationTransport(bp, 'Email', { name: 'email', mode: 'email', webhookUrl: 'https://x.example.com' });
    new NotificationTransport(bp, 'BadMapping', { name: 'bad', mode: 'webhook', webhookUrl: 'https://x.example.com', webhookMappingBody: Group.fromName('g') as any });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Nobody: nobody would be notified; set destinationGroup/);
    expect(problems).toMatch(/Authentik\/App\/NoUrl: mode webhook needs webhookUrl/);
    expect(problems).toMatch(/Authentik\/App\/Email: webhookUrl is only used by the webhook modes, not string "email"/);
    expect(problems).toMatch(/Authentik\/App\/BadMapping.webhookMappingBody: expects a webhook mapping, but was given authentik_core.group/);
  });
});
