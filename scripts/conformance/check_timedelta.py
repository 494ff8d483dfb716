"""Conformance step f: checkTimedelta (Node) accepts exactly the duration strings that authentik
2026.2's timedelta_string_validator accepts, here re-implemented from authentik/lib/utils/time.py
(split on ";" and "=", lower-cased keys from timedelta's keywords, float() values, at least one key,
datetime.timedelta(**kwargs)) and run on real Python: its float() and its timedelta limits.
A value is accepted when the validator raises nothing (ValueError is its "invalid"; OverflowError,
which it does not catch, fails the entry too). Also: timedeltaIgnoredKeys reports a value exactly
when authentik skips one of its keys or reads a key twice.

Usage: /usr/bin/python3 check_timedelta.py CASES.json
"""

import datetime
import json
import sys

TIMEDELTA_KEYWORDS = ('microseconds', 'milliseconds', 'seconds', 'minutes', 'hours', 'days', 'weeks')


def authentik_reads(text):
    """(accepted, number of keys skipped or repeated), as authentik's validator sees the value after DRF strips it."""
    skipped = 0
    values = {}
    try:
        for part in text.strip().split(';'):
            key, value = part.split('=')
            if key.lower() not in TIMEDELTA_KEYWORDS:
                skipped += 1
                continue
            if key.lower() in values:
                skipped += 1
            values[key.lower()] = float(value.strip())
        if not values:
            raise ValueError('no keys')
        datetime.timedelta(**values)
    except (ValueError, OverflowError):
        return False, 0
    return True, skipped


def main(cases_file):
    with open(cases_file, encoding='utf-8') as f:
        data = json.load(f)
    disagreements = []
    for case in data['cases']:
        accepted, skipped = authentik_reads(case['value'])
        if accepted != case['accepted'] or (skipped > 0) != (case['ignoredKeys'] > 0):
            disagreements.append((case['value'], accepted, skipped, case['accepted'], case['ignoredKeys']))
    accepted_count = sum(1 for c in data['cases'] if c['accepted'])
    print(f'  {len(data["cases"])} durations ({data["fixed"]} fixed, {data["generated"]} generated, seed {data["seed"]}; '
          f'{accepted_count} accepted): {len(disagreements)} disagreements')
    for value, accepted, skipped, node_accepted, node_ignored in disagreements[:20]:
        print(f'  DISAGREE {value!r}: authentik accepts={accepted} skips={skipped}, '
              f'checkTimedelta accepts={node_accepted} ignored={node_ignored}')
    return 1 if disagreements else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
