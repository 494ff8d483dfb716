"""Conformance step b: `kubectl kustomize` renders the synthesized folder on top of the base fixture,
and the rendered worker has what every blueprint's `!Env` needs.

Usage: /usr/bin/python3 kustomize_check.py KUBECTL BASE_FIXTURE FOLDER RENDERED_OUT.yaml
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

from authentik_loader import Env, load, walk
from manifests import (BLUEPRINTS_DIR, CONFIGMAP_NAME, MOUNT_PATH, WORKER_CONTAINER, WORKER_DEPLOYMENT, CheckFailed,
                       blueprint_texts, check, find_object, load_documents)


def lay_out(folder, base_fixture, root):
    """Copies the folder into root, deep enough that every `../x` base its kustomization lists lands
    inside root, and fills each of those bases with the fixture."""
    with open(os.path.join(folder, 'kustomization.yaml'), encoding='utf-8') as f:
        kustomization = yaml.safe_load(f)
    bases = [r for r in kustomization.get('resources', []) if r.startswith('../')]
    check(bases, 'kustomization.yaml lists no ../ base')
    depth = max(len(re.match(r'(?:\.\./)*', base).group()) // 3 for base in bases)
    overlay = os.path.join(root, *['nested'] * depth, 'overlay')
    shutil.copytree(folder, overlay)
    for base in bases:
        target = os.path.normpath(os.path.join(overlay, base))
        check(target.startswith(root + os.sep) and not os.path.exists(target), f'base {base} cannot be laid out')
        shutil.copytree(base_fixture, target)
    return overlay


def render(kubectl, overlay):
    result = subprocess.run([kubectl, 'kustomize', overlay], capture_output=True, text=True)
    check(result.returncode == 0, f'kubectl kustomize failed:\n{result.stderr.strip()}')
    return result.stdout


def env_vars(objects):
    """Every variable a blueprint reads with !Env (scalar key, or the first item of [key, default])."""
    names = set()
    for text in blueprint_texts(objects).values():
        for value in walk(load(text)):
            if isinstance(value, Env):
                check(type(value.key) is str, f'!Env key {value.key!r} is not a string')
                names.add(value.key)
    return names


def worker_container(objects):
    deployment = find_object(objects, 'Deployment', WORKER_DEPLOYMENT)
    pod = deployment['spec']['template']['spec']
    containers = [c for c in pod.get('containers', []) if c.get('name') == WORKER_CONTAINER]
    check(len(containers) == 1, f'{WORKER_DEPLOYMENT} has {len(containers)} containers named {WORKER_CONTAINER}')
    return pod, containers[0]


def check_mount(pod, container):
    volumes = [v['name'] for v in pod.get('volumes', []) if (v.get('configMap') or {}).get('name') == CONFIGMAP_NAME]
    check(len(volumes) == 1, f'{WORKER_DEPLOYMENT} has {len(volumes)} volumes of ConfigMap {CONFIGMAP_NAME}')
    mounts = [m for m in container.get('volumeMounts', []) if m.get('name') == volumes[0]]
    check(len(mounts) == 1, f'container {WORKER_CONTAINER} mounts volume {volumes[0]} {len(mounts)} times')
    check(mounts[0].get('readOnly') is True, f'blueprints mount is not readOnly: {mounts[0]}')
    check(mounts[0].get('mountPath') == MOUNT_PATH, f'blueprints mounted at {mounts[0].get("mountPath")}, not {MOUNT_PATH}')
    # a subfolder of AUTHENTIK_BLUEPRINTS_DIR, so authentik's own blueprints are still discovered
    check(MOUNT_PATH.startswith(BLUEPRINTS_DIR + '/'), f'{MOUNT_PATH} is not below {BLUEPRINTS_DIR}')


def check_env(container, external_secret, names):
    env = container.get('env', [])
    by_name = {e['name']: e for e in env}
    check(len(by_name) == len(env), f'container {WORKER_CONTAINER} has duplicate env names')
    secret_name = (external_secret['spec'].get('target') or {}).get('name') or external_secret['metadata']['name']
    secret_keys = {d.get('secretKey') for d in external_secret['spec'].get('data', [])}
    for name in sorted(names):
        check(name in by_name, f'!Env {name} is read by a blueprint but not set on the worker')
        ref = (by_name[name].get('valueFrom') or {}).get('secretKeyRef') or {}
        check(ref.get('name') == secret_name, f'{name} is not read from Secret {secret_name}: {by_name[name]}')
        check(ref.get('key') in secret_keys, f'{name} reads key {ref.get("key")!r}, which ExternalSecret does not provide')


def check_base_survives(container, base_fixture):
    """The patch adds to the base worker; it must not drop or change what the base sets."""
    _, base = worker_container(load_documents(base_fixture))
    rendered_env = {e['name']: e for e in container.get('env', [])}
    for var in base.get('env', []):
        check(rendered_env.get(var['name']) == var, f'base env {var["name"]} was lost or changed by the patch')
    for field in ('image', 'args', 'resources'):
        if field in base:
            check(field in container, f'base worker {field} was lost by the patch')


def check_rendered(objects, folder_objects, base_fixture):
    names = env_vars(objects)
    check(blueprint_texts(objects) == blueprint_texts(folder_objects), 'rendered ConfigMap differs from the synthesized one')
    external_secret = next((o for o in objects if o.get('kind') == 'ExternalSecret'), None)
    check(external_secret is not None, 'no ExternalSecret in the rendered output')
    pod, container = worker_container(objects)
    check_mount(pod, container)
    check_env(container, external_secret, names)
    check_base_survives(container, base_fixture)
    return names


def main(kubectl, base_fixture, folder, rendered_out):
    try:
        with tempfile.TemporaryDirectory() as root:
            output = render(kubectl, lay_out(folder, base_fixture, root))
        with open(rendered_out, 'w', encoding='utf-8') as f:
            f.write(output)
        objects = [o for o in yaml.safe_load_all(output) if o]
        names = check_rendered(objects, load_documents(folder), base_fixture)
    except CheckFailed as err:
        print(f'  {folder}: FAILED: {err}')
        return 1
    print(f'  {folder}: kustomize rendered {len(objects)} objects; worker mounts {CONFIGMAP_NAME} read-only at '
          f'{MOUNT_PATH}; {len(names)} !Env variables wired to ExternalSecret keys; base env kept')
    return 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
