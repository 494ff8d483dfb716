/** authentik's judgement of stages. */
import { Model } from '../models';
import { pythonSyntaxError } from './python-syntax';
import { isEmpty, isKnown, show, type EntryRule } from './rule';
import { ModelName } from '../../catalog/model-facts';

const REDIRECT_STAGE = ModelName.REDIRECTSTAGE;

export const STAGE_RULES: readonly EntryRule[] = [
  {
    id: 'identification-stage-needs-user-fields-or-sources',
    source: 'authentik/stages/identification/api.py',
    models: [Model.IDENTIFICATION_STAGE],
    check: ({ path, fields }) => {
      const { user_fields: userFields, sources } = fields;
      if (userFields instanceof Object && !Array.isArray(userFields)) return [];
      if (sources instanceof Object && !Array.isArray(sources)) return [];
      if (!isEmpty(userFields) || !isEmpty(sources)) return [];
      return [`${path}.user_fields: ${show(userFields ?? [])} and no sources: authentik refuses an identification stage with neither `
        + '("When no user fields are selected, at least one source must be selected"), on an update too; give userFields, e.g. '
        + "['username', 'email'], or sources"];
    },
  },
  {
    id: 'authenticator-validate-configure-needs-configuration-stages',
    source: 'authentik/stages/authenticator_validate/api.py',
    models: [Model.AUTHENTICATOR_VALIDATE_STAGE],
    check: ({ path, fields }) => {
      const stages = fields.configuration_stages;
      if (fields.not_configured_action !== 'configure' || (stages !== undefined && !Array.isArray(stages)) || !isEmpty(stages)) return [];
      return [`${path}.not_configured_action: "configure" with no configuration_stages: authentik refuses it ("you must set a `
        + 'configuration stage"); list the setup stages in configurationStages, e.g. [AuthenticatorTotpStage.fromName(\'default-authenticator-totp-setup\')], '
        + 'or use notConfiguredAction "skip" or "deny"'];
    },
  },
  {
    id: 'redirect-stage-mode-needs-target',
    source: 'authentik/stages/redirect/api.py',
    models: [REDIRECT_STAGE],
    check: ({ path, fields }) => {
      const { mode, target_static: url, target_flow: flow } = fields;
      if (mode === 'static' && (url === undefined || url === null || url === '')) {
        return [`${path}.target_static: ${show(url ?? null)} in mode "static": authentik refuses it ("Target URL should be present when `
          + 'mode is Static"); give targetStatic, the URL to redirect to'];
      }
      if (mode === 'flow' && (flow === undefined || flow === null)) {
        return [`${path}.target_flow: not given in mode "flow": authentik refuses it ("Target Flow should be present when mode is Flow"); `
          + 'give targetFlow, e.g. Flow.fromSlug(\'default-enrollment-flow\'), or use mode "static" with targetStatic'];
      }
      return [];
    },
  },
  {
    id: 'email-uses-tls-or-ssl-not-both',
    source: 'authentik/stages/email/models.py',
    models: [ModelName.EMAILSTAGE, ModelName.AUTHENTICATOREMAILSTAGE],
    check: ({ path, fields }) => {
      if (fields.use_tls !== true || fields.use_ssl !== true) return [];
      return [`${path}.use_ssl: true together with use_tls: true; Django's mail backend, which the stage builds to send, refuses both `
        + '("EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive"), so no mail is ever sent; keep useTls (STARTTLS, port 587) or useSsl '
        + '(implicit TLS, port 465)'];
    },
  },
  {
    id: 'prompt-expressions-compile',
    source: 'authentik/stages/prompt/models.py',
    models: [Model.PROMPT],
    check: ({ path, fields }) => {
      const problems: string[] = [];
      for (const [flag, field] of [['placeholder_expression', 'placeholder'], ['initial_value_expression', 'initial_value']] as const) {
        const value = fields[field];
        if (fields[flag] !== true || typeof value !== 'string' || !isKnown(value)) continue;
        const error = pythonSyntaxError(value);
        if (error) {
          problems.push(`${path}.${field}: ${show(value)} is not valid Python (${error}), and ${flag} makes authentik run it as an `
            + 'expression each time the prompt is shown, failing the flow; fix the expression or set the flag false for a plain value');
        }
      }
      return problems;
    },
  },
];
