/** A blueprint file named `name` holding `entries` (YAML text, indented as a list under `entries:`). */
export function bp(name: string, entries: string, extra = ''): string {
  return `version: 1\nmetadata:\n  name: ${name}\n${extra}entries:\n${entries}`;
}

/** A login flow: the flow, a user-login stage and the binding between them, by `!KeyOf`. */
export const FLOW = `
- model: authentik_flows.flow
  id: flow
  identifiers: {slug: login}
  attrs: {name: Login, title: Login, designation: authentication}
- model: authentik_stages_user_login.userloginstage
  id: login
  identifiers: {name: login-stage}
- model: authentik_flows.flowstagebinding
  identifiers: {target: !KeyOf flow, stage: !KeyOf login, order: 10}
`;
