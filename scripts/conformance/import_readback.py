"""Conformance step e, Python side: every original blueprint and every blueprint synthesized from its
import, read by authentik's loader (PyYAML, the 14 tags) and written out as JSON for the comparison.

Usage: /usr/bin/python3 import_readback.py WORK
WORK holds one folder per case with `original/` and `synth/` blueprint files; writes `loaded.json` in each.
"""

import json
import os
import sys

from authentik_loader import load, to_json


def read_folder(folder):
    out = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            out[name] = to_json(load(f.read()))
    return out


def main(work):
    cases = sorted(os.listdir(work))
    if not cases:
        print(f'import_readback: no cases in {work}', file=sys.stderr)
        return 1
    for case in cases:
        folder = os.path.join(work, case)
        loaded = {'original': read_folder(os.path.join(folder, 'original')), 'synth': read_folder(os.path.join(folder, 'synth'))}
        with open(os.path.join(folder, 'loaded.json'), 'w', encoding='utf-8') as f:
            json.dump(loaded, f)
    print(f'  read {len(cases)} import cases through authentik\'s loader')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
