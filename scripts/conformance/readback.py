"""Conformance step a: the blueprints in a synthesized folder, read by authentik's loader, are exactly
the documents the app rendered, and have the shape authentik needs.

Usage: /usr/bin/python3 readback.py EXPECTED.json FOLDER...
"""

import json
import sys

import yaml

from authentik_loader import KeyOf, first_difference, load, to_json, walk
from manifests import CheckFailed, blueprint_texts, check, load_documents

STATES = ('present', 'created', 'must_created', 'absent')
# authentik's dataclass defaults: Blueprint.context and BlueprintEntry's fields (common.py)
BLUEPRINT_DEFAULTS = {'context': {}}
ENTRY_DEFAULTS = {'state': 'present', 'conditions': [], 'identifiers': {}, 'attrs': {}, 'permissions': []}


def check_metadata(name, doc):
    check(isinstance(doc, dict), f'{name}: not a mapping')
    # bool is an int in Python: `version: true` must not pass
    check(type(doc.get('version')) is int and doc['version'] == 1, f'{name}: version is {doc.get("version")!r}, not 1')
    metadata = doc.get('metadata')
    check(isinstance(metadata, dict), f'{name}: no metadata')
    # tags are not resolved in metadata: it must be plain strings
    check(type(metadata.get('name')) is str and metadata['name'], f'{name}: metadata.name {metadata.get("name")!r} is not a string')
    labels = metadata.get('labels', {})
    check(isinstance(labels, dict), f'{name}: metadata.labels is not a mapping')
    for key, value in labels.items():
        check(type(key) is str and type(value) is str, f'{name}: label {key!r}: {value!r} is not string: string')


def check_entries(name, doc):
    entries = doc.get('entries')
    check(isinstance(entries, list) and entries, f'{name}: entries is not a non-empty list')
    with_instance = set()  # ids of earlier entries that leave a model instance for !KeyOf
    seen = set()
    for i, entry in enumerate(entries):
        where = f'{name} entries[{i}]'
        check(isinstance(entry, dict), f'{where}: not a mapping')
        check(type(entry.get('model')) is str, f'{where}: model is not a string')
        check(entry.get('state', 'present') in STATES, f'{where}: state {entry.get("state")!r} is not one of {STATES}')
        entry_id = entry.get('id')
        check(entry_id is None or type(entry_id) is str, f'{where}: id {entry_id!r} is not a string')
        check(entry_id is None or entry_id not in seen, f'{where}: id {entry_id!r} is used twice')
        for value in walk(entry):
            if isinstance(value, KeyOf):
                check(value.id_from in with_instance,
                      f'{where} ({entry_id}): !KeyOf {value.id_from} does not point to an earlier entry with an instance')
        if entry_id is not None:
            seen.add(entry_id)
            if entry.get('state') != 'absent':
                with_instance.add(entry_id)


def as_authentik_sees_it(doc):
    """The JSON form with authentik's defaults filled in, so an omitted empty field equals an empty one."""
    out = {**BLUEPRINT_DEFAULTS, **doc}
    out['entries'] = [{**ENTRY_DEFAULTS, **entry} for entry in doc['entries']]
    return out


def check_folder(folder, expected):
    texts = blueprint_texts(load_documents(folder))
    check(sorted(texts) == sorted(expected), f'ConfigMap files {sorted(texts)} != app blueprints {sorted(expected)}')
    for name, text in sorted(texts.items()):
        try:
            doc = load(text)
        except Exception as err:
            raise CheckFailed(f'{name}: authentik cannot load it: {type(err).__name__}: {err}') from err
        check_metadata(name, doc)
        check_entries(name, doc)
        diff = first_difference(as_authentik_sees_it(to_json(doc)), as_authentik_sees_it(expected[name]), name)
        check(diff is None, f'{name} reads back differently from what the app rendered: {diff}')
    return len(texts)


# snippets authentik rejects, when loading or when resolving the tag; a port that loaded one would miss that mistake
MUST_NOT_LOAD = (
    'a: !find [m, [k, v]]', 'a: !env X', 'a: !KeyOf [x]', 'a: !If [x, y]', 'a: !Env [X]', 'a: !Index x',
    'a: !Find [m, k]', 'a: !Condition [MAYBE, x]', 'a: !Format {x: y}', 'a: !Find [m, [k, a?b]]',
)


def check_loader_rejects():
    for text in MUST_NOT_LOAD:
        try:
            load(text)
        except yaml.YAMLError:
            continue
        raise CheckFailed(f'the loader port accepts {text!r}, which authentik rejects')


def main(expected_path, folders):
    with open(expected_path, encoding='utf-8') as f:
        expected = json.load(f)
    try:
        check_loader_rejects()
    except CheckFailed as err:
        print(f'  FAILED: {err}')
        return 1
    print(f'  the loader port rejects all {len(MUST_NOT_LOAD)} malformed snippets')
    failed = False
    for folder in folders:
        try:
            count = check_folder(folder, expected)
            print(f'  {folder}: {count} blueprints read back identically through authentik\'s loader')
        except CheckFailed as err:
            print(f'  {folder}: FAILED: {err}')
            failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2:]))
