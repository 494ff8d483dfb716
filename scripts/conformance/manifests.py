"""Reading Kubernetes manifests (plain PyYAML) and the blueprints inside the ConfigMap."""

import os

import yaml

# docs/blumeops-deployment.md: the names main.ts must produce
CONFIGMAP_NAME = 'authentik-blueprints'
WORKER_DEPLOYMENT = 'authentik-worker'
WORKER_CONTAINER = 'worker'
MOUNT_PATH = '/blueprints/custom'
BLUEPRINTS_DIR = '/blueprints'


class CheckFailed(Exception):
    """A conformance assertion that does not hold."""


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def load_documents(path):
    """Every object in a multi-document YAML file, or in every .yaml file of a folder."""
    paths = [path] if os.path.isfile(path) else sorted(
        os.path.join(path, name) for name in os.listdir(path) if name.endswith(('.yaml', '.yml')))
    objects = []
    for file in paths:
        try:
            with open(file, encoding='utf-8') as f:
                objects.extend(doc for doc in yaml.safe_load_all(f) if doc is not None)
        except yaml.YAMLError as err:
            raise CheckFailed(f'{file} is not valid YAML: {err}') from err
    return objects


def find_object(objects, kind, name):
    matches = [o for o in objects if o.get('kind') == kind and o.get('metadata', {}).get('name') == name]
    check(len(matches) == 1, f'expected one {kind} {name}, found {len(matches)}')
    return matches[0]


def blueprint_texts(objects):
    """File name -> blueprint text, from the blueprints ConfigMap."""
    config_map = find_object(objects, 'ConfigMap', CONFIGMAP_NAME)
    data = config_map.get('data') or {}
    check(data, f'ConfigMap {CONFIGMAP_NAME} has no data')
    for name, text in data.items():
        # authentik discovers only **/*.yaml and skips names starting with "."
        check(name.endswith('.yaml') and not name.startswith('.'), f'{name}: authentik does not discover this file name')
        check(isinstance(text, str), f'{name}: ConfigMap value is not a string')
    return data
