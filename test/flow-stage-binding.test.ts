import { describe, expect, it } from 'vitest';
import {
  BindingSubject, Blueprint, Flow, FlowStageBinding, Group, PasswordStage, Policy, PolicyBinding, Stage, UserLoginStage, validateApp,
} from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'Login', { fileName: 'login.yaml', name: 'Login' });
  const flow = new Flow(bp, 'Flow', { slug: 'login', name: 'Login', title: 'Welcome', designation: 'authentication' });
  return { chart, bp, flow };
}

const entries = (bp: Blueprint): any[] => parseBlueprint(bp.toYaml()).entries;
const entry = (bp: Blueprint, id: string): any => entries(bp).find((e: any) => e.id === id);

describe('FlowStageBinding', () => {
  it('writes flow, stage and order as identifiers and the API fields as attributes, after the flow and the stage', () => {
    const { chart, bp, flow } = setup();
    const password = new PasswordStage(bp, 'Password', { name: 'login-password', backends: ['authentik.core.auth.InbuiltBackend'] });
    new FlowStageBinding(bp, 'PasswordBinding', {
      target: flow, stage: password, order: 20, reEvaluatePolicies: true, evaluateOnPlan: false, invalidResponseAction: 'retry',
      policyEngineMode: 'any',
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'password-binding')).toEqual({
      model: 'authentik_flows.flowstagebinding',
      id: 'password-binding',
      state: 'present',
      identifiers: { order: 20, stage: { tag: '!KeyOf', value: 'password' }, target: { tag: '!KeyOf', value: 'flow' } },
      attrs: { evaluate_on_plan: false, invalid_response_action: 'retry', policy_engine_mode: 'any', re_evaluate_policies: true },
    });
    const ids = entries(bp).map((e) => e.id);
    expect(ids.indexOf('password-binding')).toBeGreaterThan(Math.max(ids.indexOf('flow'), ids.indexOf('password')));
  });

  it('binds stages and flows looked up by name and slug', () => {
    const { chart, bp } = setup();
    new FlowStageBinding(bp, 'Binding', {
      target: Flow.fromSlug('default-authentication-flow'), stage: UserLoginStage.fromName('default-authentication-login'), order: 100,
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'binding').identifiers).toEqual({
      order: 100,
      stage: { tag: '!Find', items: ['authentik_stages_user_login.userloginstage', ['name', 'default-authentication-login']] },
      target: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-authentication-flow']] },
    });
  });

  it('is a policy binding target, declared or looked up in a built-in flow', () => {
    const { chart, bp, flow } = setup();
    const binding = new FlowStageBinding(bp, 'Binding', { target: flow, stage: Stage.fromName('x'), order: 10 });
    new PolicyBinding(bp, 'Only', { target: binding, subject: BindingSubject.policy(Policy.fromName('is-internal')), order: 0 });
    const mfa = Stage.fromName('default-authentication-mfa-validation');
    const builtin = FlowStageBinding.fromFlowStage(Flow.fromSlug('default-authentication-flow'), mfa, 30);
    new PolicyBinding(bp, 'Admins', { target: builtin, subject: BindingSubject.group(Group.fromName('admins')), order: 5 });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'only').identifiers.target).toEqual({ tag: '!KeyOf', value: 'binding' });
    expect(entry(bp, 'admins').identifiers.target).toEqual({
      tag: '!Find',
      items: ['authentik_flows.flowstagebinding', ['order', 30],
        ['stage', { tag: '!Find', items: ['authentik_flows.stage', ['name', 'default-authentication-mfa-validation']] }],
        ['target', { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-authentication-flow']] }]],
    });
  });

  it('fails when the stage is a slug string, the target is a stage, or order is missing', () => {
    const { chart, bp } = setup();
    // @ts-expect-error a string is not a stage; a stage is not a flow; order is required
    new FlowStageBinding(bp, 'Bad', { target: Stage.fromName('s'), stage: 'default-authentication-login' });
    const problems = validateApp(chart);
    expect(problems).toContainEqual('Authentik/Login/Bad: stage expects a stage; got string "default-authentication-login"; '
      + 'pass a stage construct, Stage.fromName(...) or a ModelEntry of a stage model');
    expect(problems).toContainEqual(expect.stringMatching(
      /^Authentik\/Login\/Bad\.target: expects a flow, but was given authentik_flows\.stage name="s"/));
    expect(problems).toContainEqual('Authentik/Login/Bad: order is required: authentik finds the object by it; give it a value');
  });

  it('fails on a misspelt prop, with a suggestion', () => {
    const { chart, bp, flow } = setup();
    // @ts-expect-error `reEvaluatePolicy` is not a prop
    new FlowStageBinding(bp, 'Bad', { target: flow, stage: Stage.fromName('s'), order: 1, reEvaluatePolicy: true });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      /^Authentik\/Login\/Bad: "reEvaluatePolicy" is not an attribute .* did you mean "reEvaluatePolicies"\?/));
  });
});
