import { describe, expect, it } from 'vitest';
import {
  ApplyBlueprint, AuthenticatorValidateStage, BindingSubject, Blueprint, BlueprintInstance, ExpressionPolicy, Flow, FlowStageBinding,
  IdentificationStage, PasswordStage, PolicyBinding, UserLoginStage, validateApp,
} from '../constructs';
import { comparableEntries, readCorpusFile, sortedEntries, type ComparableEntry } from './corpus-entries';
import { parseBlueprint, testChart } from './helpers';

const FILE = 'default/flow-default-authentication-flow.yaml';
const POLICY_BINDING = 'authentik_policies.policybinding';

const PASSWORD_OPTIONAL = `flow_plan = request.context.get("flow_plan")
if not flow_plan:
    return True
# If the user does not have a backend attached to it, they haven't
# been authenticated yet and we need the password stage
return not hasattr(flow_plan.context.get("pending_user"), "backend")
`;

const VALIDATE_OPTIONAL = `flow_plan = request.context.get("flow_plan")
if not flow_plan:
    return True
# if the authentication method is webauthn (passwordless), then we skip the authenticator
# validation stage by returning false (true will execute the stage)
return not (flow_plan.context.get("auth_method") == "auth_webauthn_pwl")
`;

// authentik's default authentication flow, declared with the typed constructs
function declareDefaultAuthenticationFlow(bp: Blueprint): void {
  new ApplyBlueprint(bp, 'PasswordChange', { blueprint: BlueprintInstance.fromName('Default - Password change flow'), required: false });
  const flow = new Flow(bp, 'Flow', {
    slug: 'default-authentication-flow', designation: 'authentication', name: 'Welcome to authentik!', title: 'Welcome to authentik!',
    authentication: 'none',
  });
  const password = new PasswordStage(bp, 'Password', {
    name: 'default-authentication-password',
    backends: [
      'authentik.core.auth.InbuiltBackend',
      'authentik.sources.kerberos.auth.KerberosBackend',
      'authentik.sources.ldap.auth.LDAPBackend',
      'authentik.core.auth.TokenBackend',
    ],
    configureFlow: Flow.fromSlug('default-password-change'),
  });
  const mfa = new AuthenticatorValidateStage(bp, 'MfaValidation', { name: 'default-authentication-mfa-validation' });
  const identification = new IdentificationStage(bp, 'Identification', {
    name: 'default-authentication-identification', userFields: ['email', 'username'],
  });
  const login = new UserLoginStage(bp, 'Login', { name: 'default-authentication-login' });

  new FlowStageBinding(bp, 'IdentificationBinding', { target: flow, stage: identification, order: 10 });
  const passwordBinding = new FlowStageBinding(bp, 'PasswordBinding', { target: flow, stage: password, order: 20, reEvaluatePolicies: true });
  const mfaBinding = new FlowStageBinding(bp, 'MfaBinding', { target: flow, stage: mfa, order: 30 });
  new FlowStageBinding(bp, 'LoginBinding', { target: flow, stage: login, order: 100 });

  const passwordOptional = new ExpressionPolicy(bp, 'PasswordOptional', {
    name: 'default-authentication-flow-password-stage', expression: PASSWORD_OPTIONAL,
  });
  const mfaOptional = new ExpressionPolicy(bp, 'MfaOptional', {
    name: 'default-authentication-flow-authenticator-validate-stage', expression: VALIDATE_OPTIONAL,
  });
  new PolicyBinding(bp, 'PasswordOptionalBinding', {
    target: passwordBinding, subject: BindingSubject.policy(passwordOptional), order: 10, failureResult: true,
  });
  new PolicyBinding(bp, 'MfaOptionalBinding', { target: mfaBinding, subject: BindingSubject.policy(mfaOptional), order: 10, failureResult: true });
}

// PolicyBinding (main's construct) matches a binding by target and subject, so it writes `order` as an
// attribute, and it pads enabled/negate/timeout with authentik's model defaults; authentik merges
// identifiers into attrs, so a binding is compared as one merged field set without those defaults
const PADDED = { enabled: true, negate: false, timeout: 30 };

function mergedBinding(e: ComparableEntry): ComparableEntry {
  return { model: e.model, identifiers: {}, attrs: { ...e.attrs, ...e.identifiers } };
}

describe('the default authentication flow, declared with the stage constructs', () => {
  it('writes the entries of authentik\'s own blueprint: the same models, identifiers and attributes', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Default', { fileName: 'flow-default-authentication-flow.yaml', name: 'Default - Authentication flow' });
    declareDefaultAuthenticationFlow(bp);
    expect(validateApp(chart)).toEqual([]);

    const ours = comparableEntries(parseBlueprint(bp.toYaml()));
    const theirs = comparableEntries(readCorpusFile(FILE));
    expect(ours).toHaveLength(theirs.length);

    const ourBindings = ours.filter((e) => e.model === POLICY_BINDING);
    for (const b of ourBindings) expect(b.attrs).toMatchObject(PADDED);
    const strip = (e: ComparableEntry): ComparableEntry => {
      if (e.model !== POLICY_BINDING) return e;
      const merged = mergedBinding(e);
      const attrs = Object.fromEntries(Object.entries(merged.attrs).filter(([k]) => !(k in PADDED)));
      return { ...merged, attrs };
    };
    expect(sortedEntries(ours.map(strip))).toEqual(sortedEntries(theirs.map(strip)));
  });

  it('orders every entry after the entries it refers to', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Default', { fileName: 'flow-default-authentication-flow.yaml', name: 'Default - Authentication flow' });
    declareDefaultAuthenticationFlow(bp);
    const written = parseBlueprint(bp.toYaml()).entries as any[];
    const seen = new Set<string>();
    for (const e of written) {
      for (const target of JSON.stringify([e.identifiers, e.attrs]).matchAll(/"tag":"!KeyOf","value":"([^"]+)"/g)) expect(seen).toContain(target[1]);
      seen.add(e.id);
    }
    expect(written.filter((e) => e.model === 'authentik_flows.flowstagebinding')).toHaveLength(4);
  });
});
