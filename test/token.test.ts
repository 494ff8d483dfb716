import { describe, expect, it } from 'vitest';
import { Blueprint, Flow, ServiceAccount, Tag, Token, User, WorkerSecret, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('Token', () => {
  it('writes an API token of a declared user, its key from the worker environment (a blueprint-only field)', () => {
    const { chart, bp } = setup();
    const robot = new ServiceAccount(bp, 'Robot', { username: 'robot', name: 'Robot' });
    const key = new WorkerSecret(bp, 'Key', { envVar: 'AUTHENTIK_ROBOT_TOKEN', secretKey: 'robot-token' });
    new Token(bp, 'RobotToken', { identifier: 'robot-api', user: robot, intent: 'api', expiring: false, key, description: 'CI' });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'robot-token')).toEqual({
      model: 'authentik_core.token', id: 'robot-token', state: 'present', identifiers: { identifier: 'robot-api' },
      attrs: {
        description: 'CI', expiring: false, intent: 'api',
        key: { tag: '!Env', value: 'AUTHENTIK_ROBOT_TOKEN' },
        user: { tag: '!KeyOf', value: 'robot' },
      },
    });
  });

  it('takes a looked-up user and a key from the blueprint context, or no key at all', () => {
    const { chart, bp } = setup();
    new Token(bp, 'A', { identifier: 'a', user: User.fromUsername('akadmin'), intent: 'api', expiring: false, key: Tag.scalar('!Context', 'token') });
    new Token(bp, 'B', { identifier: 'b', user: User.fromUsername('akadmin'), intent: 'recovery' });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'a').attrs.key).toEqual({ tag: '!Context', value: 'token' });
    expect(entry(bp, 'a').attrs.user).toEqual({ tag: '!Find', items: ['authentik_core.user', ['username', 'akadmin']] });
    expect(entry(bp, 'b').attrs.key).toBeUndefined();
  });

  it('fails when the key is a literal, the user is missing or a flow, or an API token would expire unnoticed', () => {
    const { chart, bp } = setup();
    // @ts-expect-error a key is a reference, never a string
    new Token(bp, 'Literal', { identifier: 'l', user: User.fromUsername('x'), intent: 'verification', key: 'sekrit' });
    new Token(bp, 'NoUser', { identifier: 'n', intent: 'verification' });
    new Token(bp, 'FlowUser', { identifier: 'f', user: Flow.fromSlug('x') as any, intent: 'verification' });
    new Token(bp, 'Expiring', { identifier: 'e', user: User.fromUsername('x'), intent: 'api' });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Literal: key must be a worker secret .*never a literal \(got string "…"\)/);
    expect(problems).toMatch(/Authentik\/App\/NoUser: user is required: a token authenticates as a user/);
    expect(problems).toMatch(/Authentik\/App\/FlowUser.user: expects a user, but was given authentik_flows.flow/);
    expect(problems).toMatch(/Authentik\/App\/Expiring: an api token expires 30 minutes after creation unless told otherwise; set expiring: false/);
    expect(bp.toYaml()).not.toMatch(/sekrit/);
    expect(problems).not.toMatch(/sekrit/);
  });

  it('fails when the key reads a !Context value that is itself a literal', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App', context: { token: 'literal-token' } });
    new Token(bp, 'T', { identifier: 't', user: User.fromUsername('x'), intent: 'api', expiring: false, key: Tag.scalar('!Context', 'token') });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/App\/T: key reads !Context token, whose value in the blueprint's context is a literal/);
  });
});
