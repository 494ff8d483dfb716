import { describe, expect, it } from 'vitest';
import {
  Blueprint, Flow, FlowStageBinding, Invitation, InvitationStage, ModelEntry, Policy, Prompt, PromptStage, Stage, validateApp,
} from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'Enroll', { fileName: 'enroll.yaml', name: 'Enrollment' });
  const flow = new Flow(bp, 'Flow', { slug: 'enroll', name: 'Enroll', title: 'Join', designation: 'enrollment' });
  return { chart, bp, flow };
}

const entries = (bp: Blueprint): any[] => parseBlueprint(bp.toYaml()).entries;
const entry = (bp: Blueprint, id: string): any => entries(bp).find((e: any) => e.id === id);

describe('Prompt and PromptStage', () => {
  it('write the fields, ordered before the stage that lists them, and the validation policies as references', () => {
    const { chart, bp, flow } = setup();
    const username = new Prompt(bp, 'Username', {
      name: 'enroll-username', fieldKey: 'username', label: 'Username', type: 'username', required: true, order: 0,
    });
    const policy = new ModelEntry(bp, 'Unique', {
      model: 'authentik_policies_expression.expressionpolicy', identifiers: { name: 'unique-username' }, attributes: { expression: 'return True' },
    });
    const stage = new PromptStage(bp, 'Form', {
      name: 'enroll-form', fields: [username, Prompt.fromName('default-user-settings-field-email')],
      validationPolicies: [policy, Policy.fromName('strong-password')],
    });
    new FlowStageBinding(bp, 'FormBinding', { target: flow, stage, order: 10 });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'username')).toEqual({
      model: 'authentik_stages_prompt.prompt', id: 'username', state: 'present', identifiers: { name: 'enroll-username' },
      attrs: { field_key: 'username', label: 'Username', order: 0, required: true, type: 'username' },
    });
    expect(entry(bp, 'form').attrs).toEqual({
      fields: [
        { tag: '!KeyOf', value: 'username' },
        { tag: '!Find', items: ['authentik_stages_prompt.prompt', ['name', 'default-user-settings-field-email']] },
      ],
      validation_policies: [{ tag: '!KeyOf', value: 'unique' }, { tag: '!Find', items: ['authentik_policies.policy', ['name', 'strong-password']] }],
    });
    const ids = entries(bp).map((e) => e.id);
    expect(ids.indexOf('username')).toBeLessThan(ids.indexOf('form'));
    expect(ids.indexOf('form')).toBeLessThan(ids.indexOf('form-binding'));
  });

  it('fails when a prompt is created without key, label and type, but not when it updates a built-in one', () => {
    const { chart, bp } = setup();
    new Prompt(bp, 'New', { name: 'new-field', placeholder: 'x' });
    new Prompt(bp, 'Builtin', { name: 'default-user-settings-field-locale', updatesExisting: true, required: true });
    const problems = validateApp(chart);
    for (const field of ['field_key', 'label', 'type']) {
      expect(problems).toContainEqual(`Authentik/Enroll/New (authentik_stages_prompt.prompt): ${field} is required by authentik's API`);
    }
    expect(problems.filter((p) => p.includes('Builtin'))).toEqual([]);
  });

  it('fails when a prompt stage lists a stage or a name among its fields, or a prompt as a policy', () => {
    const { chart, bp } = setup();
    const prompt = new Prompt(bp, 'Field', { name: 'f', fieldKey: 'f', label: 'F', type: 'text' });
    // @ts-expect-error fields are prompts, policies are policies
    new PromptStage(bp, 'Form', { name: 'form', fields: [Stage.fromName('x'), 'default-field'], validationPolicies: [prompt] });
    const problems = validateApp(chart);
    expect(problems).toContainEqual(expect.stringMatching(
      /^Authentik\/Enroll\/Form\.fields\[0\]: expects a prompt, but was given authentik_flows\.stage name="x"/));
    expect(problems).toContainEqual(
      'Authentik/Enroll/Form: fields[1] expects a prompt; got string "default-field"; pass a Prompt or Prompt.fromName(...)');
    expect(problems).toContainEqual(expect.stringMatching(
      /^Authentik\/Enroll\/Form\.validationPolicies\[0\]: expects a policy, but was given authentik_stages_prompt\.prompt "f"/));
  });

  it('fails when the prompt type is not one authentik knows', () => {
    const { chart, bp } = setup();
    // @ts-expect-error `string` is not a prompt type
    new Prompt(bp, 'Field', { name: 'f', fieldKey: 'f', label: 'F', type: 'string' });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      /^Authentik\/Enroll\/Field \(authentik_stages_prompt\.prompt\): type must be one of "text", /));
  });
});

describe('Invitation and InvitationStage', () => {
  it('write an invitation bound to its flow, with fixed data and expiry', () => {
    const { chart, bp, flow } = setup();
    new FlowStageBinding(bp, 'InvitationBinding', { target: flow, stage: new InvitationStage(bp, 'Check', { name: 'enroll-invitation' }), order: 0 });
    new Invitation(bp, 'Invite', {
      name: 'jane-smith', flow, singleUse: true, expires: '2028-12-31T23:59:59Z',
      fixedData: { email: 'jane@example.org', attributes: { team: 'ops' } },
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'invite')).toEqual({
      model: 'authentik_stages_invitation.invitation', id: 'invite', state: 'present', identifiers: { name: 'jane-smith' },
      attrs: {
        expires: '2028-12-31T23:59:59Z', fixed_data: { attributes: { team: 'ops' }, email: 'jane@example.org' },
        flow: { tag: '!KeyOf', value: 'flow' }, single_use: true,
      },
    });
  });

  it('fails on a flow slug, and on createdBy, which authentik\'s serializer reads only from the API caller', () => {
    const { chart, bp } = setup();
    // @ts-expect-error a slug is not a flow; createdBy is no prop
    new Invitation(bp, 'Invite', { name: 'x', flow: 'enroll', createdBy: 'akadmin' });
    const problems = validateApp(chart);
    expect(problems).toContainEqual(
      'Authentik/Enroll/Invite: flow expects a flow; got string "enroll"; pass a Flow, Flow.fromSlug(...) or a ModelEntry of authentik_flows.flow');
    expect(problems).toContainEqual(expect.stringMatching(
      /^Authentik\/Enroll\/Invite: "createdBy" is not an attribute of authentik_stages_invitation\.invitation/));
  });

  it('fails when an invitation name is not a slug', () => {
    const { chart, bp } = setup();
    new Invitation(bp, 'Invite', { name: 'Jane Smith' });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      /^Authentik\/Enroll\/Invite \(authentik_stages_invitation\.invitation\): name must match pattern/));
  });
});
