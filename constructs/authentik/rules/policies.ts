/** authentik's judgement of policies and policy bindings. */
import { Model } from '../models';
import { pythonSyntaxError } from './python-syntax';
import { isEmpty, isKnown, show, type EntryRule } from './rule';

const SUBJECTS = ['policy', 'group', 'user'] as const;

export const POLICY_RULES: readonly EntryRule[] = [
  {
    id: 'expression-policy-compiles',
    source: 'authentik/policies/expression/api.py',
    models: [Model.EXPRESSION_POLICY],
    check: ({ path, fields }) => expressionProblems(path, fields.expression, 'policy'),
  },
  {
    id: 'event-matcher-needs-a-criterion',
    source: 'authentik/policies/event_matcher/api.py',
    models: [Model.EVENT_MATCHER_POLICY],
    check: ({ path, fields, updatesExisting }) => {
      if (updatesExisting) return [];
      const given = ['action', 'client_ip', 'app', 'model'].filter((f) => !isEmpty(fields[f]));
      if (given.length > 0) return [];
      return [`${path}: none of action, client_ip, app and model is set: authentik refuses an event matcher without a criterion `
        + '("At least one criteria must be set"); set e.g. action: \'login_failed\''];
    },
  },
  {
    id: 'reputation-policy-checks-ip-or-username',
    source: 'authentik/policies/reputation/api.py',
    models: [Model.REPUTATION_POLICY],
    check: ({ path, fields }) => {
      const { check_ip: ip, check_username: username } = fields;
      if (ip === true || username === true || (ip !== undefined && !isKnown(ip)) || (username !== undefined && !isKnown(username))) return [];
      return [`${path}.check_ip: ${show(ip ?? null)} and check_username ${show(username ?? null)}: authentik refuses a reputation policy `
        + 'that checks neither ("Either IP or Username must be checked"; a field left out counts as false, whatever the model\'s default); '
        + 'set checkIp: true, checkUsername: true, or both'];
    },
  },
  {
    id: 'policy-binding-has-one-subject',
    source: 'authentik/policies/api/bindings.py',
    models: [Model.POLICY_BINDING],
    check: ({ path, fields, updatesExisting }) => {
      const set = SUBJECTS.filter((f) => !isEmpty(fields[f]));
      if (set.length > 1) {
        return [`${path}: sets ${set.join(' and ')}: authentik refuses a binding with more than one subject ("Only one of 'policy', 'group', `
          + "'user' can be set\"); keep one, and bind the others separately"];
      }
      if (set.length === 0 && !updatesExisting) {
        return [`${path}: sets none of policy, group and user: authentik refuses it ("One of 'policy', 'group', 'user' must be set"); `
          + 'bind a policy, a group or a user'];
      }
      return [];
    },
  },
];

/** A problem when a plain expression does not compile as Python. */
export function expressionProblems(path: string, expression: unknown, what: string): string[] {
  if (typeof expression !== 'string') return [];
  const error = pythonSyntaxError(expression);
  if (error === undefined) return [];
  return [`${path}.expression: ${show(expression)} is not valid Python (${error}); authentik compiles the ${what}'s expression on save and `
    + 'refuses it, failing the blueprint; fix the syntax (the expression is the body of a function: end with return …)'];
}
