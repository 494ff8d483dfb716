"""Conformance step i: every kustomize Component the synth writes (the authentik Component and each
consumer destination's) renders with `kubectl kustomize` when included with `components:` from the
hand-written kustomization that includes it (the user's real folder after the README's migration
steps, laid out by migrated_including.py as STAND_INS/<the Component's path>/), and
does what it says there: its resources land in the including kustomization's namespace, each patch
is found in its target, and what the stand-in declares itself survives.

Usage: /usr/bin/python3 component_check.py KUBECTL STAND_INS OUTPUT_FOLDER RENDERED_PREFIX
Writes each rendering to RENDERED_PREFIX-<n>.yaml for the ExternalSecret check.
"""

import os
import shutil
import subprocess
import sys
import tempfile

import yaml

from manifests import CheckFailed, check, load_documents


def components(folder):
    """Folders (relative to the output folder) holding a kustomization of kind Component."""
    found = []
    for root, _, files in os.walk(folder):
        if 'kustomization.yaml' not in files:
            continue
        with open(os.path.join(root, 'kustomization.yaml'), encoding='utf-8') as f:
            kustomization = yaml.safe_load(f)
        if kustomization.get('kind') == 'Component':
            found.append(os.path.relpath(root, folder))
    return sorted(found)


def subset(part, whole, where):
    """`part` (a patch) is found in `whole` (the rendered object); lists match items by name or mountPath."""
    if isinstance(part, dict):
        check(isinstance(whole, dict), f'{where}: expected a map, found {whole!r}')
        for key, value in part.items():
            check(key in whole, f'{where}.{key} is missing from the rendered object')
            subset(value, whole[key], f'{where}.{key}')
    elif isinstance(part, list):
        check(isinstance(whole, list), f'{where}: expected a list, found {whole!r}')
        for i, item in enumerate(part):
            key = next((k for k in ('name', 'mountPath') if isinstance(item, dict) and k in item), None)
            if key:
                matches = [w for w in whole if isinstance(w, dict) and w.get(key) == item[key]]
                check(len(matches) == 1, f'{where}[{key}={item[key]}] found {len(matches)} times')
                subset(item, matches[0], f'{where}[{key}={item[key]}]')
            else:
                check(item in whole, f'{where}[{i}] {item!r} is missing')
    else:
        check(part == whole, f'{where} is {whole!r}, the patch says {part!r}')


def ident(obj):
    return (obj.get('kind'), obj.get('metadata', {}).get('name'))


def render(kubectl, stand_in, component):
    with tempfile.TemporaryDirectory() as root:
        shutil.copytree(stand_in, os.path.join(root, 'including'))
        shutil.copytree(component, os.path.join(root, 'generated'))
        with open(os.path.join(root, 'including', 'kustomization.yaml'), encoding='utf-8') as f:
            including = yaml.safe_load(f)
        check('../generated' in (including.get('components') or []),
              f'{stand_in}/kustomization.yaml must list ../generated under components')
        result = subprocess.run([kubectl, 'kustomize', os.path.join(root, 'including')], capture_output=True, text=True)
        check(result.returncode == 0, f'kubectl kustomize failed:\n{result.stderr.strip()}')
        return result.stdout, including


def check_rendered(objects, component, stand_in, including):
    with open(os.path.join(component, 'kustomization.yaml'), encoding='utf-8') as f:
        kustomization = yaml.safe_load(f)
    by_id = {}
    for obj in objects:
        check(ident(obj) not in by_id, f'{ident(obj)} rendered twice')
        by_id[ident(obj)] = obj
    namespace = including.get('namespace')
    for resource in kustomization.get('resources') or []:
        for obj in load_documents(os.path.join(component, resource)):
            check(ident(obj) in by_id, f'resource {resource} ({ident(obj)}) is not in the rendered output')
            rendered = by_id[ident(obj)]
            if namespace:
                check(rendered['metadata'].get('namespace') == namespace, f'{ident(obj)} is not in namespace {namespace}')
            subset({k: v for k, v in obj.items() if k != 'metadata'}, rendered, f'{ident(obj)}')
    patched = set()
    for patch in kustomization.get('patches') or []:
        for obj in load_documents(os.path.join(component, patch['path'])):
            check('namespace' not in obj['metadata'], f'patch {patch["path"]} names a namespace, so it would not match the '
                  'namespace-less resources of the including kustomization')
            key = ident(obj)
            check(key in by_id, f'patch {patch["path"]}: its target {key} is not in the rendered output')
            subset({k: v for k, v in obj.items() if k not in ('metadata', 'apiVersion', 'kind')}, by_id[key], f'{key} (patched)')
            patched.add(key)
    # what the stand-in declares itself survives: its objects, the data keys of its resources and own
    # patches (e.g. hand-written policy.csv lines beside the generated policy.authentik.csv), its env vars
    files = [r for r in including.get('resources') or [] if not r.startswith('..')]
    files += [p['path'] for p in including.get('patches') or [] if 'path' in p]
    own = [o for r in files for o in load_documents(os.path.join(stand_in, r))]
    # a data key as the stand-in leaves it: its resources', then its own patches' in order (the
    # including folder's patches apply after its Components, so they have the last word)
    expected = {}
    for obj in own:
        expected.setdefault(ident(obj), {}).update(obj.get('data') or {})
    for obj in own:
        check(ident(obj) in by_id, f'the stand-in\'s {ident(obj)} was lost')
        rendered = by_id[ident(obj)]
        for key in (obj.get('data') or {}):
            value = expected[ident(obj)][key]
            check((rendered.get('data') or {}).get(key) == value, f'the stand-in\'s {ident(obj)} data key {key} was lost or changed')
        containers = ((obj.get('spec') or {}).get('template') or {}).get('spec', {}).get('containers') or []
        if containers:
            # images are pinned by the stand-in's `images:`, so compare the rest
            kept = [{k: v for k, v in c.items() if k != 'image'} for c in containers]
            subset({'containers': kept}, rendered['spec']['template']['spec'], f'{ident(obj)} (stand-in)')
    return len(own), len(patched)


def main(kubectl, stand_ins, folder, rendered_prefix):
    failed = False
    found = components(folder)
    if not found:
        print(f'  {folder}: FAILED: no Component found')
        return 1
    for i, rel in enumerate(found):
        stand_in = os.path.join(stand_ins, rel)
        try:
            check(os.path.isfile(os.path.join(stand_in, 'kustomization.yaml')),
                  f'no stand-in {stand_in}/kustomization.yaml; every Component needs one to be rendered as it will be included')
            output, including = render(kubectl, stand_in, os.path.join(folder, rel))
            with open(f'{rendered_prefix}-{i}.yaml', 'w', encoding='utf-8') as f:
                f.write(output)
            objects = [o for o in yaml.safe_load_all(output) if o]
            own, patched = check_rendered(objects, os.path.join(folder, rel), stand_in, including)
            print(f'  {folder}/{rel}: included from the stand-in, kustomize rendered {len(objects)} objects; '
                  f'resources in namespace {including.get("namespace")}, {patched} patched targets hold the patches, {own} stand-in objects kept')
        except CheckFailed as err:
            print(f'  {folder}/{rel}: FAILED: {err}')
            failed = True
    failed |= not rejects_missing_target(kubectl, stand_ins, folder, found)
    return 1 if failed else 0


def rejects_missing_target(kubectl, stand_ins, folder, found):
    """A Component whose patch targets an object the including kustomization lacks must fail to
    render; if it rendered, a real mistake of that kind would pass too. Its patches select their
    target by kind and name, which kustomize applies nowhere, silently, when nothing matches: the
    guard replacements are what fail, so the same copy without them must render (kubectl's own
    behaviour, the reason the guards exist)."""
    for rel in found:
        with open(os.path.join(folder, rel, 'kustomization.yaml'), encoding='utf-8') as f:
            kustomization = yaml.safe_load(f)
        if not kustomization.get('patches'):
            continue
        target = kustomization['patches'][0].get('target')
        if not target or not kustomization.get('replacements'):
            print(f'  FAILED: {rel}: its first patch has no target selector or the Component no guard replacements')
            return False
        missing = 'not-in-the-including-kustomization'
        ok = True
        for guarded in (True, False):
            with tempfile.TemporaryDirectory() as copy:
                broken = os.path.join(copy, 'component')
                shutil.copytree(os.path.join(folder, rel), broken)
                edited = yaml.safe_load(yaml.safe_dump(kustomization))
                old_name = edited['patches'][0]['target']['name']
                edited['patches'][0]['target']['name'] = missing
                if guarded:
                    for replacement in edited['replacements']:
                        if replacement['source'].get('name') == old_name:
                            replacement['source']['name'] = missing
                            for t in replacement['targets']:
                                t['select']['name'] = missing
                else:
                    del edited['replacements']
                with open(os.path.join(broken, 'kustomization.yaml'), 'w', encoding='utf-8') as f:
                    yaml.safe_dump(edited, f)
                try:
                    render(kubectl, os.path.join(stand_ins, rel), broken)
                    rendered = True
                except CheckFailed as err:
                    rendered = False
                    reason = str(err).strip().splitlines()[-1]
            if guarded and rendered:
                print(f'  FAILED: a copy of {rel} whose patch targets a missing object rendered')
                ok = False
            elif guarded:
                print(f'  rejects a copy of {rel} whose patch targets an object the including kustomization lacks ({reason[-160:]})')
            elif not rendered:
                print(f'  FAILED: without its guards, a copy of {rel} with a missing target failed to render; '
                      'kubectl no longer applies an unmatched selector silently: revisit the guards')
                ok = False
            else:
                print(f'  without its guards the same copy renders, the patch applied nowhere (why the guards exist)')
        return ok
    print('  FAILED: no Component with a patch to break')
    return False


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
