"""The README's layout of blumeops with this repository inside it, in a temporary folder, and the
edits of the README's "Migrate blumeops" steps, read from the README itself.

- `lay_out` copies the vendored real files (test/fixtures/blumeops) and puts dist/ where the README
  says: this repository checked out at `authentik-config/` inside blumeops's repository.
- `readme_step` returns what one step of the README tells the user to run: the files of its
  ```sh block's `git rm` lines and the unified diffs of its ```diff blocks. `apply_step` applies
  them as a user would (`git rm` = delete, `git apply` for the diffs), failing on any hunk that does
  not apply, so the README's edits are the ones proven.
- `render_copy` is where the stand-ins for what the vendored copy lacks go, in a throw-away copy
  used only for rendering: ArgoCD's install manifests (listed by URL) and grafana-config's
  dashboard ConfigMaps. Before and after a step get the same stand-ins.
"""

import os
import re
import shutil
import subprocess

import yaml

from manifests import CheckFailed, check

ARGOCD_INSTALL_URL = 'https://raw.githubusercontent.com/argoproj/argo-cd/v3.3.2/manifests/install.yaml'
ARGOCD_INSTALL_STAND_IN = 'argocd-install.stand-in.yaml'
DASHBOARD_STAND_IN = '''# STAND-IN written by scripts/conformance/blumeops_layout.py: the vendored copy of blumeops
# leaves out grafana-config's dashboard ConfigMaps (unrelated to authentik)
apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}
  labels:
    grafana_dashboard: "1"
'''
HERE = os.path.dirname(os.path.abspath(__file__))
MIGRATE_HEADING = '## Migrate blumeops'


def lay_out(vendored, dist, root):
    """blumeops's files at root, dist/ at root/authentik-config/dist; returns root."""
    shutil.copytree(vendored, root, ignore=shutil.ignore_patterns('LICENSE', 'README.md'))
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            os.chmod(os.path.join(folder, name), 0o755 if name in dirs else 0o644)
    shutil.copytree(dist, os.path.join(root, 'authentik-config', 'dist'))
    return root


def readme_steps(readme_path):
    """{step number: text} of the README's "Migrate blumeops" section (`**N. …` paragraphs)."""
    with open(readme_path, encoding='utf-8') as f:
        text = f.read()
    check(MIGRATE_HEADING in text, f'README has no section "{MIGRATE_HEADING}"')
    section = text[text.index(MIGRATE_HEADING):]
    end = re.search(r'\n## ', section[3:])
    section = section[:end.start() + 3] if end else section
    starts = [(int(m.group(1)), m.start()) for m in re.finditer(r'(?m)^\*\*(\d+)\. ', section)]
    steps = {}
    for i, (number, start) in enumerate(starts):
        stop = starts[i + 1][1] if i + 1 < len(starts) else len(section)
        steps[number] = section[start:stop]
    return steps


def readme_step(steps, number):
    """(files to delete, [diff text]) of step `number`, from its ```sh and ```diff blocks."""
    check(number in steps, f'README section "{MIGRATE_HEADING}" has no step {number}')
    text = steps[number]
    blocks = re.findall(r'(?ms)^ *```(\w+)\n(.*?)^ *```', text)
    removed = []
    for lang, body in blocks:
        if lang == 'sh':
            for line in body.splitlines():
                m = re.match(r'\s*git rm (.+)$', line)
                if m:
                    removed.extend(m.group(1).split())
    diffs = [body for lang, body in blocks if lang == 'diff']
    return removed, diffs


def apply_step(root, removed, diffs, label):
    for path in removed:
        target = os.path.join(root, path)
        check(os.path.isfile(target), f'{label}: README says `git rm {path}`, which is not in blumeops\'s files')
        os.remove(target)
    for i, diff in enumerate(diffs):
        # as a plain patch tool: no repository above root may take the paths as its own
        env = {**os.environ, 'GIT_CEILING_DIRECTORIES': os.path.dirname(os.path.abspath(root))}
        try:
            result = subprocess.run(['git', 'apply', '--whitespace=nowarn', '-'], cwd=root, input=diff,
                                    capture_output=True, text=True, env=env)
        except FileNotFoundError as err:
            raise CheckFailed('git is missing: the README\'s diffs are applied with `git apply`') from err
        check(result.returncode == 0, f'{label}: the README\'s diff #{i + 1} does not apply to blumeops\'s files:\n'
              + result.stderr.strip())


def render_copy(root, copy):
    """A copy of root with the stand-ins in place; returns copy."""
    shutil.copytree(root, copy)
    argocd = os.path.join(copy, 'argocd', 'manifests', 'argocd', 'kustomization.yaml')
    with open(argocd, encoding='utf-8') as f:
        text = f.read()
    check(text.count(ARGOCD_INSTALL_URL) == 1, f'{argocd} no longer lists {ARGOCD_INSTALL_URL}; update the stand-in')
    with open(argocd, 'w', encoding='utf-8') as f:
        f.write(text.replace(ARGOCD_INSTALL_URL, ARGOCD_INSTALL_STAND_IN))
    shutil.copy(os.path.join(HERE, ARGOCD_INSTALL_STAND_IN), os.path.join(os.path.dirname(argocd), ARGOCD_INSTALL_STAND_IN))
    grafana_config = os.path.join(copy, 'argocd', 'manifests', 'grafana-config')
    with open(os.path.join(grafana_config, 'kustomization.yaml'), encoding='utf-8') as f:
        resources = yaml.safe_load(f).get('resources') or []
    for resource in resources:
        path = os.path.join(grafana_config, resource)
        if resource.startswith('dashboards/') and not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            name = 'grafana-dashboard-' + os.path.basename(resource)[len('configmap-'):-len('.yaml')]
            with open(path, 'w', encoding='utf-8') as f:
                f.write(DASHBOARD_STAND_IN.format(name=name))
    return copy


def kustomize(kubectl, folder):
    result = subprocess.run([kubectl, 'kustomize', folder], capture_output=True, text=True)
    if result.returncode != 0:
        raise CheckFailed(f'kubectl kustomize {folder} failed:\n{result.stderr.strip()}')
    return [o for o in yaml.safe_load_all(result.stdout) if o]
