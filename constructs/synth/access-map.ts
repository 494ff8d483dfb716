import type { Construct, IConstruct } from 'constructs';
import { ACCESS_MAP_MARKER, ACCESS_MODELS, accessModel, type AccessModel, type AccessSubject } from './access';
import { Blueprint } from '../blueprint/blueprint';
import { catalogFor } from '../catalog/catalog';
import { authentikVersionOf } from '../catalog/construct-version';
import { OidcClient } from '../oidc/oidc-client';
import { reduceObjects } from './authentik-state';
import type { ParsedBlueprint } from './blueprint-parser';
import { DerivedFile } from './derived-file';
import { StateDescriber } from './state-descriptions';
import { constructsDuringSynth } from '../blueprint/synth-memo';

/**
 * The access map: who reaches what, generated from the blueprints of the output as authentik would
 * hold them (the change summary's reduction), as a Markdown file with a Mermaid flowchart that
 * Forgejo and GitHub render. Groups and accounts → the applications they may open → the roles the
 * applications' consumers give them. Committed with the output, so an access change shows in its diff.
 */

export { ACCESS_MAP_MARKER };

/** A role a consumer of an application gives the members of a group (ArgoCD's `role:admin` for `admins`). */
export interface ConsumerRole {
  /** The application's slug, e.g. `argocd`. */
  readonly application: string;
  /** The group's name, as the `groups` claim carries it. */
  readonly group: string;
  /** Who gives the role, e.g. `ArgoCD`. */
  readonly consumer: string;
  /** The role, e.g. `role:admin`. */
  readonly role: string;
}

/** Props for `AccessMap`. */
export interface AccessMapProps {
  /**
   * Path of the file in the output.
   * @default 'ACCESS.md'
   */
  readonly fileName?: string;
  /**
   * The roles consumers give groups, asked for at synth time (once the whole app is declared).
   * @default - no roles: the map ends at the applications
   */
  readonly roles?: () => readonly ConsumerRole[];
}

/** Writes the access map of the app's blueprints into the output (`ACCESS.md` by default). */
export class AccessMap extends DerivedFile {
  private readonly roles: () => readonly ConsumerRole[];

  constructor(scope: Construct, id: string, props: AccessMapProps = {}) {
    super(scope, id, props.fileName ?? 'ACCESS.md');
    this.roles = props.roles ?? (() => consumerRoles(this.node.root));
  }

  public render(_manifests: ReadonlyMap<string, string>): string {
    // the blueprints as rendered for the files (memoized during the synth), not parsed back from the
    // ConfigMaps: the same documents the files hold, without reading megabytes of YAML again
    const blueprints = constructsDuringSynth(this.node.root).filter(Blueprint.isBlueprint)
      .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
    // the release the blueprints were validated for answers which fields authentik keeps; only blueprints
    // of several releases (charts of different versions in one app) need every release asked
    const versions = new Set(blueprints.map((b) => authentikVersionOf(b)));
    const catalog = versions.size === 1 ? catalogFor([...versions][0]!) : undefined;
    const state = reduceObjects(blueprints.map((b) => ({
      source: b.fileName,
      document: b.render().document as unknown as ParsedBlueprint['document'],
    })), catalog, { models: ACCESS_MODELS });
    return renderAccessMap(accessModel(state.objects, new StateDescriber([state])), this.roles());
  }
}

/** The access map of `model` as Markdown: a Mermaid flowchart and the same facts as tables. Deterministic. */
export function renderAccessMap(model: AccessModel, roles: readonly ConsumerRole[] = []): string {
  const ids = new Map<string, string>();
  const counts = new Map<string, number>();
  const nodes: { subjects: string[]; applications: string[]; roles: string[] } = { subjects: [], applications: [], roles: [] };
  const node = (key: string, prefix: string, label: string, list: string[], shape: 'box' | 'round' = 'box'): string => {
    const known = ids.get(key);
    if (known !== undefined) return known;
    const id = `${prefix}${(counts.get(prefix) ?? 0) + 1}`;
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    ids.set(key, id);
    list.push(shape === 'round' ? `${id}(["${mermaidText(label)}"])` : `${id}["${mermaidText(label)}"]`);
    return id;
  };
  const edges: string[] = [];

  // subjects in a stable order: groups, then users, then policies and everyone, each sorted by label
  for (const [key, label] of model.groups) node(key, 'g', label, nodes.subjects);
  for (const user of model.users) node(user.key, 'u', user.label, nodes.subjects);
  const subjectNode = (s: AccessSubject): string => (s.kind === 'everyone' ? node('*', 'e', s.label, nodes.subjects, 'round')
    : node(s.key, s.kind === 'group' ? 'g' : s.kind === 'user' ? 'u' : 'p', s.label, nodes.subjects));
  for (const user of model.users) for (const g of user.groups) edges.push(`  ${ids.get(user.key)} -. member of .-> ${ids.get(g)}`);

  const rolesOf = (slug: string): ConsumerRole[] => roles.filter((r) => r.application === slug)
    .sort((a, b) => compare(a.consumer, b.consumer) || compare(a.role, b.role) || compare(a.group, b.group));
  for (const app of model.applications) {
    const a = node(app.key, 'a', app.label, nodes.applications);
    if (app.subjects.length === 0) edges.push(`  ${subjectNode({ key: '*', label: 'every signed-in user', kind: 'everyone', negate: false })} --> ${a}`);
    const all = app.mode === 'all' && app.subjects.length > 1;
    for (const s of app.subjects) {
      const label = [s.negate ? 'not' : '', all ? 'all of' : ''].filter(Boolean).join(', ');
      edges.push(`  ${subjectNode(s)} ${label ? `-- "${mermaidText(label)}" -->` : '-->'} ${a}`);
    }
    for (const r of rolesOf(app.slug)) {
      const roleNode = node(`${r.consumer}\u0000${r.role}`, 'r', `${r.consumer}: ${r.role}`, nodes.roles);
      edges.push(`  ${a} -- "${mermaidText(`group ${r.group}`)}" --> ${roleNode}`);
    }
  }

  const subgraph = (id: string, title: string, lines: string[]): string[] => (lines.length === 0 ? []
    : [`  subgraph ${id}["${title}"]`, ...lines.map((l) => `    ${l}`), '  end']);
  const whoMay = (subjects: readonly AccessSubject[], mode: string): string => {
    if (subjects.length === 0) return 'every signed-in user (no policy bindings)';
    const names = subjects.map((s) => `${s.negate ? 'not ' : ''}${s.label}`);
    return mode === 'all' && names.length > 1 ? `all of: ${names.join(', ')}` : names.join(', ');
  };
  const appRows = model.applications.map((app) => {
    const given = rolesOf(app.slug).map((r) => `${r.consumer} ${r.role} (group ${r.group})`).join(', ');
    return row([app.label.replace(/^application /, ''), whoMay(app.subjects, app.mode), app.mode, given || '—']);
  });
  const userRows = model.users.map((u) => {
    const opens = model.pairs.filter((p) => p.who === u.label).map((p) => p.application.replace(/^application /, ''));
    return row([u.label, u.groups.map((g) => model.groups.get(g) ?? g).join(', ') || '—', opens.join(', ') || '—']);
  });

  return [
    ACCESS_MAP_MARKER,
    '',
    '# Who reaches what',
    '',
    'Who may open which application in authentik, read from the blueprints in this folder as authentik',
    'would hold them: groups and accounts, the applications whose policy bindings let them in, and the',
    'roles the applications\' consumers give to members of a group. An application without policy',
    'bindings is open to every signed-in user.',
    '',
    '```mermaid',
    'flowchart LR',
    ...subgraph('who', 'Groups and accounts', nodes.subjects),
    ...subgraph('apps', 'Applications', nodes.applications),
    ...subgraph('roles', 'Roles in consumers', nodes.roles),
    ...edges,
    '```',
    '',
    '| Application | Who may open it | Policy engine mode | Roles given by consumers |',
    '| --- | --- | --- | --- |',
    ...appRows,
    ...(userRows.length === 0 ? [] : [
      '',
      '| Account | Member of | May open |',
      '| --- | --- | --- |',
      ...userRows,
    ]),
    '',
  ].join('\n');
}

// Mermaid labels in double quotes: quotes and angle brackets as entity codes
function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The roles every consumer of every OIDC client of the app gives groups (live clients only). */
export function consumerRoles(root: IConstruct): ConsumerRole[] {
  const roles: ConsumerRole[] = [];
  for (const client of constructsDuringSynth(root).filter((c): c is OidcClient => c instanceof OidcClient)) {
    if (client.retired) continue;
    for (const consumer of client.consumers) {
      for (const r of consumer.groupRoles?.() ?? []) {
        roles.push({ application: client.slug, group: r.group, consumer: consumer.consumerName, role: r.role });
      }
    }
  }
  return roles;
}
