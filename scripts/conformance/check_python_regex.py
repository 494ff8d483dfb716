"""Conformance step e: checkPythonRegex (Node) agrees with this Python's re.compile, verdict and
message, on every case; and every regex redirect URI in the synthesized blueprints compiles.

Usage: /usr/bin/python3 check_python_regex.py --features        (print this Python's dialect, JSON)
       /usr/bin/python3 check_python_regex.py CASES.json FOLDER...
"""

import json
import re
import sys
import warnings

from authentik_loader import YAMLTag, load
from manifests import CheckFailed, blueprint_texts, load_documents

OAUTH2_PROVIDER = 'authentik_providers_oauth2.oauth2provider'


def features():
    from re import _parser  # the dialect differences checkPythonRegex models
    return {
        'version': sys.version.split()[0],
        'zEscape': '\\z' in _parser.CATEGORIES,
        'templateFlag': 't' in _parser.FLAGS,
        'strictConditionalReferences': sys.version_info >= (3, 12),
        'wideWidths': hasattr(_parser, 'MAXWIDTH'),
    }


def python_verdict(pattern):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            re.compile(pattern)
            return None
        except re.error as err:
            return str(err)
        except (OverflowError, ValueError) as err:
            return f'{type(err).__name__}: {err}'


def regex_redirect_uris_in(text):
    """Every regex redirect URI of an OAuth2 provider in one blueprint, as authentik's loader reads it."""
    found = []
    for entry in load(text).get('entries') or []:
        if entry.get('model') != OAUTH2_PROVIDER:
            continue
        for uri in (entry.get('attrs') or {}).get('redirect_uris') or []:
            if isinstance(uri, dict) and uri.get('matching_mode') == 'regex' and not isinstance(uri.get('url'), YAMLTag):
                found.append(uri['url'])
    return found


def regex_redirect_uris(folder):
    """(file, url) of every regex redirect URI of an OAuth2 provider in the folder's blueprints."""
    return [(name, url) for name, text in sorted(blueprint_texts(load_documents(folder)).items()) for url in regex_redirect_uris_in(text)]


# the extraction must find regex URIs where they are, and only those: a blueprint it must read as two
SELF_TEST = """version: 1
entries:
- model: authentik_providers_oauth2.oauth2provider
  identifiers: {name: p}
  attrs:
    redirect_uris:
    - {matching_mode: strict, url: 'https://a.example/cb'}
    - {matching_mode: regex, url: '(?i)^https://a\\.example/.*$'}
    - {matching_mode: regex, url: 'https://(?<env>x)\\.example/'}
"""


def main(cases_file, folders):
    with open(cases_file, encoding='utf-8') as f:
        data = json.load(f)
    disagreements = []
    for case in data['cases']:
        actual = python_verdict(case['pattern'])
        if actual != case['expected']:
            disagreements.append((case['pattern'], actual, case['expected']))
    accepted = sum(1 for c in data['cases'] if c['expected'] is None)
    print(f'  {len(data["cases"])} patterns ({data["table"]} from the table, {data["generated"]} generated, seed {data["seed"]}; '
          f'{accepted} compile), Python {sys.version.split()[0]} as {data["dialect"]["name"]}: {len(disagreements)} disagreements')
    for pattern, actual, expected in disagreements[:20]:
        print(f'  DISAGREE {pattern!r}: re.compile says {actual!r}, checkPythonRegex says {expected!r}')

    uri_failures = []
    self_test = regex_redirect_uris_in(SELF_TEST)
    if [python_verdict(url) is None for url in self_test] != [True, False]:
        uri_failures.append(f'self-test: expected one compiling and one failing regex URI, found {self_test!r}')
    total = 0
    for folder in folders:
        try:
            uris = regex_redirect_uris(folder)
        except CheckFailed as err:
            uri_failures.append(f'{folder}: {err}')
            continue
        total += len(uris)
        for name, url in uris:
            verdict = python_verdict(url)
            if verdict is not None:
                uri_failures.append(f'{folder}/{name}: regex redirect URI {url!r} does not compile: {verdict}')
    print(f'  {total} regex redirect URIs in {len(folders)} folders compiled with re.compile')
    for failure in uri_failures:
        print(f'  FAIL {failure}')
    return 1 if disagreements or uri_failures else 0


if __name__ == '__main__':
    if sys.argv[1:] == ['--features']:
        print(json.dumps(features()))
        sys.exit(0)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
