"""Conformance step k: the README's "Migrate blumeops" steps applied to the user's real files.

A temporary copy of test/fixtures/blumeops (eblume/blumeops at 14e9315) gets dist/ at
authentik-config/dist, as the README lays it out. Then, for steps 2, 3 and 4 in order, the edits
the README writes for that step (its ```sh `git rm` lines and ```diff blocks) are applied, and what
runs is compared before and after the step:

- Kubernetes (steps 2, 3): `kubectl kustomize` renders argocd/manifests/{authentik,argocd,
  grafana-config,grafana}; the objects are compared semantically: every object, label, key, env var
  (by name), envFrom item, volume and mount, ExternalSecret data item (by secretKey), ArgoCD's
  `oidc.config` (parsed), each RBAC policy line, each grafana.ini key; plus what the programs make
  of them: ArgoCD's effective policy (every line of policy.csv and policy.*.csv), Grafana's
  effective [auth.generic_oauth] (grafana.ini overridden by GF_AUTH_GENERIC_OAUTH_* from the
  container's env and envFrom, resolved across the grafana and grafana-config folders), and the
  blueprints in authentik's terms (npm run compare).
- Ansible (step 4): zot's config.json.j2 and oidc-credentials.json.j2, Jellyfin's sso-auth.xml.j2
  and Forgejo's app.ini.j2 rendered through Jinja2 as Ansible does (ansible_render.py), compared as
  JSON, canonical XML and text.

The only differences allowed are the ones listed in ALLOWED for that step, each quoting the README
sentence that announces it (the quote must be in that step's text, and each announced difference
must occur). Anything else lost, added or changed fails. Self-tests then break a copy on purpose
(the hand-written blueprints ConfigMap left in step 2, ArgoCD's `url` deleted with the old advice, a
worker variable missing from the Component, Jellyfin's admin group emptied) and the check must fail
on each.

Usage: /usr/bin/python3 migration_check.py KUBECTL REPO DIST
"""

import configparser
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

from ansible_render import render_role
from blumeops_layout import apply_step, kustomize, lay_out, readme_step, readme_steps, render_copy
from manifests import CheckFailed, check

FOLDERS = ['authentik', 'argocd', 'grafana-config', 'grafana']
TEMPLATES = {
    'zot': ['config.json.j2', 'oidc-credentials.json.j2'],
    'jellyfin': ['sso-auth.xml.j2'],
    'forgejo': ['app.ini.j2'],
}
BLUEPRINTS = ('ConfigMap', 'authentik-blueprints')
GRAFANA_PREFIX = 'GF_AUTH_GENERIC_OAUTH_'


class Allowed:
    """A difference the README announces next to a step: `pattern` matches the difference's text,
    `count` times exactly; `readme` is the README's wording, which must appear in the step."""

    def __init__(self, pattern, readme, count=1):
        self.pattern, self.readme, self.count = re.compile(pattern), readme, count


ALLOWED = {
    2: [
        Allowed(r'^authentik: blueprints in authentik\'s terms: (argocd|forgejo|grafana|zot)\.yaml: '
                r'now applies blueprint "BlumeOps Common Identity" first$',
                'the `metaapplyblueprint` entries that make authentik apply `common.yaml` first', count=4),
    ],
    3: [
        Allowed(r'^argocd: ConfigMap argocd/argocd-rbac-cm data\[policy\.csv\] line "g, admins, role:admin": removed$',
                'the admins line gone from `policy.csv`'),
        Allowed(r'^argocd: ConfigMap argocd/argocd-rbac-cm data\[policy\.authentik\.csv\] line "g, admins, role:admin": added$',
                '`policy.authentik.csv` added'),
        Allowed(r'^argocd: ExternalSecret argocd/argocd-oidc-authentik spec\.data\[secretKey=client-secret\]\.remoteRef\.'
                r'(conversionStrategy|decodingStrategy|metadataPolicy): removed$',
                'the three `remoteRef` defaults it no longer spells out', count=3),
        Allowed(r'^grafana-config: ConfigMap monitoring/grafana-authentik-oidc: added$', 'shows the new ConfigMap'),
        Allowed(r'^grafana: Deployment monitoring/grafana spec\.template\.spec\.containers\[name=grafana\]\.envFrom'
                r'\[configMapRef=grafana-authentik-oidc\]\.configMapRef\.name: added$',
                '`envFrom: [{configMapRef: {name: grafana-authentik-oidc}}]`'),
        Allowed(r'^grafana: ConfigMap monitoring/grafana-<hash> data\[grafana\.ini\]\[auth\.generic_oauth\]'
                r'(client_id|scopes|auth_url|token_url|api_url|role_attribute_path): removed$',
                'delete `client_id`, `scopes`, `auth_url`, `token_url`, `api_url` and\n  `role_attribute_path` from `[auth.generic_oauth]`', count=6),
    ],
    4: [],
}


# ---------------------------------------------------------------- Kubernetes: semantic facts

def item_key(item, seen):
    for field in ('mountPath', 'secretKey', 'name'):
        if isinstance(item.get(field), str):
            key = f'[{field}={item[field]}]'
            break
    else:
        ref = next((f for f in ('configMapRef', 'secretRef') if f in item), None)
        key = f'[{ref}={(item[ref] or {}).get("name")}]' if ref else f'[{len(seen)}]'
    if key in seen:
        key = f'{key}#{len(seen)}'
    seen.add(key)
    return key


def flatten(value, path, out):
    if isinstance(value, dict):
        if not value:
            out[path] = {}
        for k, v in value.items():
            flatten(v, f'{path}.{k}' if path else str(k), out)
    elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        seen = set()
        for item in value:
            flatten(item, path + item_key(item, seen), out)
    else:
        out[path] = value


def parse_ini(text):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read_string(text)
    return {section: dict(parser[section]) for section in parser.sections()}


def data_facts(name, data, out):
    for key, value in (data or {}).items():
        where = f'data[{key}]'
        if re.fullmatch(r'policy(\.[^.]+)?\.csv', key):
            for line in policy_lines(value):
                out[f'{where} line "{line}"'] = True
        elif key == 'oidc.config':
            flatten(yaml.safe_load(value), where, out)
        elif key.endswith('.ini'):
            for section, values in parse_ini(value).items():
                for k, v in values.items():
                    out[f'{where}[{section}]{k}'] = v
        elif name == BLUEPRINTS[1] and key.endswith('.yaml'):
            out[where] = 'a blueprint (compared in authentik\'s terms)'
        else:
            out[where] = value


def policy_lines(text):
    return [' '.join(line.split()) for line in text.splitlines() if line.strip() and not line.strip().startswith('#')]


def object_id(folder, obj):
    meta = obj.get('metadata') or {}
    return f'{folder}: {obj.get("kind")} {meta.get("namespace") or ""}/{meta.get("name")}'


def object_facts(obj):
    out = {}
    rest = {k: v for k, v in obj.items() if k != 'data' or obj.get('kind') != 'ConfigMap'}
    flatten(rest, '', out)
    if obj.get('kind') == 'ConfigMap':
        data_facts(obj['metadata']['name'], obj.get('data'), out)
    return out


def unhash(objects, kustomization_path):
    """Generated ConfigMaps' names end in a content hash; `name-<hash>` everywhere, so a changed
    grafana.ini shows as changed keys, not as a new object."""
    with open(kustomization_path, encoding='utf-8') as f:
        generators = [g['name'] for g in (yaml.safe_load(f).get('configMapGenerator') or [])]
    if not generators:
        return objects
    pattern = re.compile(r'^(' + '|'.join(map(re.escape, generators)) + r')-[a-z0-9]{10}$')

    def walk(v):
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return pattern.sub(r'\1-<hash>', v) if isinstance(v, str) else v
    return [walk(o) for o in objects]


def find(objects, kind, name):
    found = [o for o in objects if o.get('kind') == kind and o['metadata'].get('name') == name]
    check(len(found) == 1, f'expected one {kind} {name} in the rendering, found {len(found)}')
    return found[0]


def argocd_effective(objects):
    rbac = find(objects, 'ConfigMap', 'argocd-rbac-cm').get('data') or {}
    facts = {'scopes': rbac.get('scopes')}
    for key, value in rbac.items():
        if re.fullmatch(r'policy(\.[^.]+)?\.csv', key):
            for line in policy_lines(value):
                facts[f'line "{line}"'] = True
    return facts


def grafana_effective(grafana, grafana_config):
    """[auth.generic_oauth] as Grafana reads it: grafana.ini, `$__env{X}` expanded, overridden by
    GF_AUTH_GENERIC_OAUTH_<KEY> from envFrom (in order) and env."""
    deployment = find(grafana, 'Deployment', 'grafana')
    pod = deployment['spec']['template']['spec']
    container = next(c for c in pod['containers'] if c['name'] == 'grafana')
    mount = next(m for m in container['volumeMounts'] if m.get('subPath') == 'grafana.ini')
    volume = next(v for v in pod['volumes'] if v['name'] == mount['name'])
    ini = parse_ini(find(grafana, 'ConfigMap', volume['configMap']['name'])['data']['grafana.ini'])
    env = {}
    everything = grafana + grafana_config
    for source in container.get('envFrom') or []:
        prefix = source.get('prefix', '')
        if 'configMapRef' in source:
            cm = find(everything, 'ConfigMap', source['configMapRef']['name'])
            env.update({prefix + k: v for k, v in (cm.get('data') or {}).items()})
        else:
            name = source['secretRef']['name']
            secrets = [o for o in everything if o.get('kind') == 'ExternalSecret'
                       and ((o['spec'].get('target') or {}).get('name') or o['metadata']['name']) == name]
            check(secrets or source['secretRef'].get('optional'), f'envFrom Secret {name} has no ExternalSecret')
            for es in secrets:
                template = ((es['spec'].get('target') or {}).get('template') or {}).get('data')
                keys = list(template) if template else [d['secretKey'] for d in es['spec'].get('data') or []]
                env.update({prefix + k: f'<Secret {name} key {k}>' for k in keys})
    for var in container.get('env') or []:
        env[var['name']] = var.get('value', json.dumps(var.get('valueFrom'), sort_keys=True))
    section = {k: re.sub(r'\$__env\{(\w+)\}', lambda m: env.get(m.group(1), ''), v)
               for k, v in ini.get('auth.generic_oauth', {}).items()}
    for name, value in env.items():
        if name.startswith(GRAFANA_PREFIX):
            section[name[len(GRAFANA_PREFIX):].lower()] = value
    return section


def render_state(kubectl, root, work):
    """{fact: value} of everything the four folders render, and the blueprint texts."""
    copy = render_copy(root, os.path.join(work, 'render'))
    rendered = {}
    for folder in FOLDERS:
        path = os.path.join(copy, 'argocd', 'manifests', folder)
        rendered[folder] = unhash(kustomize(kubectl, path), os.path.join(path, 'kustomization.yaml'))
    facts, objects = {}, {}
    for folder, objs in rendered.items():
        for obj in objs:
            oid = object_id(folder, obj)
            check(oid not in objects, f'{oid} rendered twice')
            objects[oid] = object_facts(obj)
    for key, value in argocd_effective(rendered['argocd']).items():
        facts[f'argocd: effective RBAC {key}'] = value
    for key, value in grafana_effective(rendered['grafana'], rendered['grafana-config']).items():
        facts[f'grafana: effective [auth.generic_oauth] {key}'] = value
    return objects, facts, rendered['authentik']


def blueprint_differences(repo, before, after, work):
    """npm run compare on the two authentik renderings: its lines, in authentik's terms."""
    dirs = []
    for label, objs in (('before', before), ('after', after)):
        d = os.path.join(work, f'compare-{label}')
        os.makedirs(d)
        with open(os.path.join(d, 'rendered.yaml'), 'w', encoding='utf-8') as f:
            yaml.safe_dump_all(objs, f)
        dirs.append(d)
    result = subprocess.run(['node', '--import', 'tsx', 'scripts/compare.ts', dirs[0], '--dist', dirs[1]],
                            cwd=repo, capture_output=True, text=True)
    check(result.returncode in (0, 1), f'npm run compare failed:\n{result.stderr.strip()}')
    return [f'authentik: blueprints in authentik\'s terms: {line.strip()}'
            for line in result.stdout.splitlines() if line.startswith('  ')]


def k8s_differences(repo, kubectl, before_root, after_root, work):
    before = render_state(kubectl, before_root, os.path.join(work, 'before'))
    after = render_state(kubectl, after_root, os.path.join(work, 'after'))
    diffs = []
    for oid in sorted(set(before[0]) | set(after[0])):
        if oid not in after[0]:
            diffs.append(f'{oid}: removed')
        elif oid not in before[0]:
            diffs.append(f'{oid}: added')
        else:
            diffs.extend(fact_differences(oid + ' ', before[0][oid], after[0][oid]))
    diffs.extend(fact_differences('', before[1], after[1]))
    diffs.extend(blueprint_differences(repo, before[2], after[2], work))
    return diffs, sum(len(o) for o in after[0].values())


def fact_differences(prefix, before, after):
    out = []
    for key in sorted(set(before) | set(after)):
        if key not in after:
            out.append(f'{prefix}{key}: removed')
        elif key not in before:
            out.append(f'{prefix}{key}: added')
        elif before[key] != after[key]:
            out.append(f'{prefix}{key}: changed from {before[key]!r} to {after[key]!r}')
    return out


# ---------------------------------------------------------------- Ansible

def ansible_state(root):
    state = {}
    for role, templates in TEMPLATES.items():
        for name, text in render_role(root, role, templates).items():
            state[f'{role} {name}'] = text
    return state


def ansible_differences(before_root, after_root):
    before, after = ansible_state(before_root), ansible_state(after_root)
    diffs = []
    for key in sorted(before):
        old, new = before[key], after[key]
        where = f'ansible: {key[:-3]}'
        if key.endswith('.json.j2'):
            a, b = {}, {}
            flatten(json.loads(old), '', a)
            flatten(json.loads(new), '', b)
            diffs.extend(fact_differences(where + ' ', a, b))
        elif key.endswith('.xml.j2'):
            a, b = (ET.canonicalize(t.split('?>', 1)[1], strip_text=True) for t in (old, new))
            if a != b:
                diffs.append(f'{where}: changed (canonical XML differs):\n    before {a}\n    after  {b}')
        elif old != new:
            gone = [line for line in old.splitlines() if line not in new.splitlines()]
            came = [line for line in new.splitlines() if line not in old.splitlines()]
            diffs.append(f'{where}: changed: lines {gone} became {came}')
    forgejo = after['forgejo app.ini.j2']
    check('authentik' not in forgejo and '[oauth2_client]' in forgejo and 'CLIENT_ID' not in forgejo.upper().replace(' ', '_'),
          'Forgejo\'s app.ini now names authentik or a client id: the README says it holds no OIDC client settings')
    return diffs, len(after)


# ---------------------------------------------------------------- the steps

def judge(step, diffs, step_text):
    problems = []
    flat = ' '.join(step_text.split())
    for allowed in ALLOWED[step]:
        if ' '.join(allowed.readme.split()) not in flat:
            problems.append(f'the README\'s step {step} no longer says "{allowed.readme}", which allows {allowed.pattern.pattern}')
        hits = [d for d in diffs if allowed.pattern.search(d)]
        if len(hits) != allowed.count:
            problems.append(f'the README announces ({allowed.readme!r}) {allowed.count} difference(s) matching '
                            f'{allowed.pattern.pattern}, found {len(hits)}')
    for d in diffs:
        if not any(a.pattern.search(d) for a in ALLOWED[step]):
            problems.append(f'not announced by the README\'s step {step}: {d}')
    return problems


def run_step(repo, kubectl, steps, step, root, work, breakage=None):
    """Applies README step `step` to root (in place); returns (problems, summary)."""
    before = os.path.join(work, f'step{step}-before')
    subprocess.run(['cp', '-a', root, before], check=True)
    removed, diffs = readme_step(steps, step)
    check(removed or diffs, f'the README\'s step {step} has no ```sh git rm line and no ```diff block to apply')
    apply_step(root, removed, diffs, f'step {step}')
    if breakage:
        breakage(root)
    if step == 4:
        differences, count = ansible_differences(before, root)
        what = f'{count} templates'
    else:
        differences, count = k8s_differences(repo, kubectl, before, root, os.path.join(work, f'step{step}'))
        what = f'{count} facts of the objects of {len(FOLDERS)} folders'
    return judge(step, differences, steps[step]), differences, what


def migrate(repo, kubectl, dist, work, breakage=None):
    """Steps 2-4 on a fresh layout, each compared; with `breakage` ({step: edit}), the steps before
    that one are only applied and the broken step is the last one compared."""
    steps = readme_steps(os.path.join(repo, 'README.md'))
    root = lay_out(os.path.join(repo, 'test', 'fixtures', 'blumeops'), dist, os.path.join(work, 'blumeops'))
    results = {}
    last = max(breakage) if breakage else 4
    for step in range(2, last + 1):
        if breakage and step not in breakage:
            apply_step(root, *readme_step(steps, step), f'step {step}')
            continue
        results[step] = run_step(repo, kubectl, steps, step, root, work, breakage.get(step) if breakage else None)
    return results


def lose_argocd_url(root):
    path = os.path.join(root, 'argocd', 'manifests', 'argocd', 'argocd-cm-patch.yaml')
    with open(path, encoding='utf-8') as f:
        text = f.read()
    with open(path, 'w', encoding='utf-8') as f:
        f.write(re.sub(r'(?m)^  url: .*\n', '', text))


def lose_worker_variable(root):
    path = os.path.join(root, 'authentik-config', 'dist', 'component', 'deployment-authentik-worker.patch.yaml')
    with open(path, encoding='utf-8') as f:
        patch = yaml.safe_load(f)
    env = patch['spec']['template']['spec']['containers'][0]['env']
    patch['spec']['template']['spec']['containers'][0]['env'] = [e for e in env if e['name'] != 'AUTHENTIK_ZOT_CLIENT_SECRET']
    with open(path, 'w', encoding='utf-8') as f:
        yaml.safe_dump(patch, f)


def lose_jellyfin_admins(root):
    path = os.path.join(root, 'authentik-config', 'dist', 'ansible', 'indri', 'jellyfin.json')
    with open(path, encoding='utf-8') as f:
        settings = json.load(f)
    settings['role_groups']['admin'] = []
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(settings, f)


def keep_blueprint_configmap(root):
    folder = os.path.join(root, 'argocd', 'manifests', 'authentik')
    vendored = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                            'test', 'fixtures', 'blumeops', 'argocd', 'manifests', 'authentik', 'configmap-blueprint.yaml')
    with open(vendored, encoding='utf-8') as src, open(os.path.join(folder, 'configmap-blueprint.yaml'), 'w', encoding='utf-8') as dst:
        dst.write(src.read())
    path = os.path.join(folder, 'kustomization.yaml')
    with open(path, encoding='utf-8') as f:
        text = f.read()
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text.replace('resources:\n', 'resources:\n  - configmap-blueprint.yaml\n', 1))


SELF_TESTS = [
    ('step 2 with the hand-written ConfigMap left in resources', 2, keep_blueprint_configmap,
     r'already registered id: ConfigMap\.v1\.\[noGrp\]/authentik-blueprints'),
    ('ArgoCD\'s `url` deleted from the argocd-cm patch in step 3', 3, lose_argocd_url, r'ConfigMap argocd/argocd-cm data\[url\]: removed'),
    ('the Component\'s worker patch without AUTHENTIK_ZOT_CLIENT_SECRET in step 2', 2, lose_worker_variable,
     r'containers\[name=worker\]\.env\[name=AUTHENTIK_ZOT_CLIENT_SECRET\]'),
    ('jellyfin.json\'s admin group emptied in step 4', 4, lose_jellyfin_admins, r'jellyfin sso-auth\.xml: changed'),
]


def main(kubectl, repo, dist):
    failed = False
    with tempfile.TemporaryDirectory() as work:
        try:
            results = migrate(repo, kubectl, dist, os.path.join(work, 'migrate'))
        except CheckFailed as err:
            print(f'  {dist}: FAILED: {err}')
            return 1
        for step, (problems, differences, what) in results.items():
            if problems:
                failed = True
                print(f'  {dist}: step {step}: FAILED:')
                for p in problems:
                    print(f'    - {p}')
            else:
                print(f'  {dist}: step {step} applied as the README writes it; {what} compared before and after; '
                      f'{len(differences)} difference(s), each announced by the README')
                for d in differences:
                    print(f'    {d}')
        for i, (title, step, breakage, expect) in enumerate(SELF_TESTS):
            try:
                problems = migrate(repo, kubectl, dist, os.path.join(work, f'self-test-{i}'), {step: breakage})[step][0]
            except CheckFailed as err:
                problems = [str(err)]
            if any(re.search(expect, p) for p in problems):
                print(f'  self-test: {title}: fails as it must ({next(p for p in problems if re.search(expect, p))[:150]})')
            else:
                failed = True
                print(f'  self-test: {title}: FAILED: the check did not report /{expect}/; it reported {problems}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
