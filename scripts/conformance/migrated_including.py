"""Conformance step i's including kustomizations: the user's real folders after the README's
migration steps 2 and 3, as they include the generated Components.

Lays out test/fixtures/blumeops with DIST at authentik-config/dist, applies the README's steps 2 and
3 (blumeops_layout.py), puts the render-time stand-ins in, and copies every folder whose
kustomization lists a Component of DIST to OUT/<the Component's path in DIST>/, its `components:`
entry pointing at `../generated` instead (component_check.py places the Component there).

With OUT_WITHOUT_NAMESPACES, also writes the same folders with `metadata.namespace` deleted from
every resource they list (the kustomization's `namespace:` then sets it after the Components):
the Component must work whether or not the including kustomization's resources carry a namespace.

With OUT_BASE, also writes conformance step b's base for the overlay (`kustomizeBase: '../base'`):
the real authentik folder after step 2, without its `components:` entry (the overlay adds the same
objects itself), i.e. the README's "move the base to ../base".

Usage: /usr/bin/python3 migrated_including.py REPO DIST OUT [OUT_WITHOUT_NAMESPACES [OUT_BASE]]
"""

import os
import shutil
import sys
import tempfile

import yaml

from blumeops_layout import apply_step, lay_out, readme_step, readme_steps, render_copy
from manifests import CheckFailed, check


def without_namespaces(folder, target):
    shutil.copytree(folder, target)
    with open(os.path.join(target, 'kustomization.yaml'), encoding='utf-8') as f:
        resources = yaml.safe_load(f).get('resources') or []
    stripped = 0
    for resource in resources:
        path = os.path.join(target, resource)
        if not os.path.isfile(path):
            continue
        with open(path, encoding='utf-8') as f:
            docs = [d for d in yaml.safe_load_all(f) if d]
        for doc in docs:
            if (doc.get('metadata') or {}).pop('namespace', None) is not None:
                stripped += 1
        with open(path, 'w', encoding='utf-8') as f:
            yaml.safe_dump_all(docs, f)
    check(stripped > 0, f'{folder}: no resource carried a namespace to strip')
    return stripped


def main(repo, dist, out, out_without_namespaces=None, out_base=None):
    try:
        with tempfile.TemporaryDirectory() as work:
            root = lay_out(os.path.join(repo, 'test', 'fixtures', 'blumeops'), dist, os.path.join(work, 'blumeops'))
            steps = readme_steps(os.path.join(repo, 'README.md'))
            for step in (2, 3):
                apply_step(root, *readme_step(steps, step), f'step {step}')
            if out_base:
                shutil.copytree(os.path.join(root, 'argocd', 'manifests', 'authentik'), out_base)
                with open(os.path.join(out_base, 'kustomization.yaml'), encoding='utf-8') as f:
                    base = yaml.safe_load(f)
                check(base.pop('components', None), 'the authentik folder lists no Component after step 2')
                with open(os.path.join(out_base, 'kustomization.yaml'), 'w', encoding='utf-8') as f:
                    yaml.safe_dump(base, f, sort_keys=False)
                print(f'  the base: blumeops\'s argocd/manifests/authentik after the README\'s step 2, without its components')
            copy = render_copy(root, os.path.join(work, 'render'))
            dist_root = os.path.join(copy, 'authentik-config', 'dist')
            found = 0
            manifests = os.path.join(copy, 'argocd', 'manifests')
            for name in sorted(os.listdir(manifests)):
                path = os.path.join(manifests, name, 'kustomization.yaml')
                if not os.path.isfile(path):
                    continue
                with open(path, encoding='utf-8') as f:
                    text = f.read()
                for component in yaml.safe_load(text).get('components') or []:
                    rel = os.path.relpath(os.path.normpath(os.path.join(manifests, name, component)), dist_root)
                    check(not rel.startswith('..'), f'{name} includes {component}, which is not in dist/')
                    target = os.path.join(out, rel)
                    shutil.copytree(os.path.join(manifests, name), target)
                    with open(os.path.join(target, 'kustomization.yaml'), 'w', encoding='utf-8') as f:
                        f.write(text.replace(component, '../generated'))
                    print(f'  {rel}: included by blumeops\'s argocd/manifests/{name} after the README\'s steps 2 and 3')
                    if out_without_namespaces:
                        stripped = without_namespaces(target, os.path.join(out_without_namespaces, rel))
                        print(f'  {rel}: the same without namespaces in its resources ({stripped} objects had one)')
                    found += 1
            check(found > 0, 'no real folder includes a Component after the README\'s steps 2 and 3')
    except CheckFailed as err:
        print(f'  FAILED: {err}')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
