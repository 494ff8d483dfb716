"""Conformance step u: the URL rule (constructs/authentik/rules/urls.ts) agrees with Django's own
URLValidator (Debian's python3-django) and authentik's subclasses of it, re-written here from
authentik/lib/models.py (DomainlessURLValidator, DomainlessFormattedURLValidator) and
authentik/sources/ldap/models.py (MultiURLValidator), on every value of the URL table on every one of
the twelve URL fields. A value is taken as DRF takes it first (rest_framework/fields.py CharField):
stripped, and '' skips the validators where the field may be blank.

authentik 2026.x runs Django 5.2; Debian bookworm ships Django 3.2.25, whose URLValidator.__call__ is
the same (max_length 2048, unsafe characters, scheme check, urlsplit, IDN fallback, IPv6 check, the
253-character host name) and whose regexes differ only in the port (3.2: \\d{2,5}; 5.2: [0-9]{1,5}) and
\\d for [0-9] in ipv4_re; authentik's subclasses bring their own regexes, the same in both. The table
holds no one-digit port and no non-ASCII digit on a field of Django's own validator, so the verdicts
must agree.

Usage: /usr/bin/python3 check_django_urls.py CASES.json
"""

import json
import re
import sys

from django.conf import settings

settings.configure(USE_I18N=False)

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.validators import URLValidator  # noqa: E402
from django.utils.regex_helper import _lazy_re_compile  # noqa: E402


# authentik's validators, restated on top of Django's real URLValidator (what each does is read from
# authentik/lib/models.py and authentik/sources/ldap/models.py; the words and layout are ours)
def domainless_regex(validator, host_prefix):
    """Django's pattern with any scheme, an optional user:password@, and a host that needs no top-level
    domain (optionally preceded by `host_prefix`); case-insensitive, as authentik builds it."""
    host = "(" + host_prefix + validator.hostname_re + validator.domain_re + "|localhost)"
    return _lazy_re_compile(
        r"^(?:[a-z0-9.+-]*)://(?:[^\s:@/]+(?::[^\s:@/]*)?@)?"
        + "(?:" + validator.ipv4_re + "|" + validator.ipv6_re + "|" + host + ")"
        + r"(?::\d{1,5})?(?:[/?#][^\s]*)?\Z",
        re.IGNORECASE,
    )


class DomainlessURLValidator(URLValidator):
    """No top-level domain needed; http, https and blank taken besides the given schemes. A value whose
    scheme is not listed gets "default" put in front, which Django's scheme check then refuses."""

    host_prefix = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.regex = domainless_regex(self, self.host_prefix)
        self.schemes = ["http", "https", "blank", *self.schemes]

    def __call__(self, value):
        if value.split("://")[0].lower() not in self.schemes:
            value = "default" + value
        super().__call__(value)


class DomainlessFormattedURLValidator(DomainlessURLValidator):
    """The same, with `%(name)s`-style placeholder characters allowed before the host."""

    host_prefix = r"([%\(\)a-zA-Z])*"


class MultiURLValidator(DomainlessURLValidator):
    """Each comma-separated part checked on its own."""

    def __call__(self, value):
        for url in value.split(",") if "," in value else [value]:
            super().__call__(url)


CLASSES = {
    'django': URLValidator,
    'domainless': DomainlessURLValidator,
    'domainless-formatted': DomainlessFormattedURLValidator,
    'multi-domainless': MultiURLValidator,
}


def django_takes(case):
    """Whether authentik's serializer field takes the value: DRF's strip and blank, then the validator."""
    value = case['value'].strip()
    if value == '':
        return case['blank']
    # rest_framework/validators.py ProhibitNullCharactersValidator, ProhibitSurrogateCharactersValidator (every CharField)
    if '\x00' in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        return False
    schemes = case['schemes']
    validator = CLASSES[case['validator']](**({} if schemes is None else {'schemes': schemes}))
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        cases = json.load(f)
    if len(cases) < 100:
        print(f'  only {len(cases)} URL cases: the table did not load')
        return 1
    wrong = []
    for case in cases:
        theirs = django_takes(case)
        if theirs != case['accepted']:
            wrong.append(f"  {case['model']}.{case['field']} ({case['validator']}): {case['value']!r}: "
                         f"Django {'takes' if theirs else 'refuses'} it, the rule {'takes' if case['accepted'] else 'refuses'} it")
    import django
    taken = sum(1 for c in cases if c['accepted'])
    print(f'  {len(cases)} cases on Django {django.get_version()} with authentik\'s validators: '
          f'{taken} taken, {len(cases) - taken} refused, {len(wrong)} disagreements')
    for line in wrong[:50]:
        print(line)
    return 1 if wrong else 0


if __name__ == '__main__':
    sys.exit(main())
