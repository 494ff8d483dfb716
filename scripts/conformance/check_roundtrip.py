"""Conformance step d, Python side: every generated blueprint must read back, through authentik's
loader, as exactly the values it was written from (strings compared as UTF-16, like JavaScript).

Usage: /usr/bin/python3 check_roundtrip.py CASES.json   (written by generate-roundtrip.ts)
"""

import json
import multiprocessing
import os
import sys

from authentik_loader import first_difference, load, to_json

SHOWN = 5
CASES = []


def check_case(case):
    """None when the case round-trips, else what went wrong."""
    if 'error' in case:
        return f'serializer threw: {case["error"]}'
    try:
        actual = to_json(load(case['yaml']))
    except Exception as err:  # any loader error is a counterexample, not a crash of the check
        return f'PyYAML could not load it: {type(err).__name__}: {err}'
    return first_difference(actual, case['expected'])


def check_index(i):
    return check_case(CASES[i])


def short_repr(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else f'{text[:limit]}... ({len(value)} chars)'


def main(path):
    with open(path, encoding='utf-8') as f:
        data = json.load(f)
    global CASES
    CASES = data['cases']
    # pure-Python PyYAML is the slow part: one process per core (forked, so CASES is shared)
    with multiprocessing.Pool(os.cpu_count()) as pool:
        problems = pool.map(check_index, range(len(CASES)), chunksize=100)
    failures = [(case, problem) for case, problem in zip(CASES, problems) if problem]
    total = len(CASES)
    print(f'  {total} strings ({data["fixed"]} fixed, {data["generated"]} generated, seed {data["seed"]}), '
          f'each in 12 positions of a blueprint, with a number; {len(failures)} did not round-trip')
    for case, problem in failures[:SHOWN]:
        print(f'  counterexample {short_repr(case["input"])}: {problem}')
        if 'yaml' in case:
            print(f'    written as: {short_repr(case["yaml"], 600)}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
