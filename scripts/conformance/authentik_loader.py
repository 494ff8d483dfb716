"""A port of authentik 2026.2's blueprint YAML loader, for the conformance checks.

authentik/blueprints/v1/common.py (commit 02df9eb9, see shared/docs/authentik-blueprints.md §1)
defines `BlueprintLoader(SafeLoader)` with one constructor per custom tag. Each constructor below
builds its arguments exactly as authentik's `__init__` does (`loader.construct_object(...)`, not
deep, on the same child nodes), so what PyYAML reads here is what authentik reads.

Where authentik would only fail later (a wrong node kind, a `!Condition` mode, a `!Find` query
that is not a list), this port raises at load time: for a generator, later is too late.

Tag objects compare by their JSON form (`to_json`): {"!tag": name, "kind": "scalar" | "sequence",
"value": raw scalar text | list of constructed items}.
"""

import yaml
from yaml import ScalarNode, SequenceNode
from yaml.constructor import ConstructorError

SEQ_TAG = 'tag:yaml.org,2002:seq'
CONDITION_MODES = ('AND', 'NAND', 'OR', 'NOR', 'XOR', 'XNOR')


class YAMLTag:
    """Base of the tag objects; keeps what was on the node, for comparison."""

    name = ''

    def __init__(self, loader, node):
        self.kind = node_kind(node)
        # a scalar tag sees the raw text (node.value); a sequence tag sees its constructed items
        self.value = node.value if self.kind == 'scalar' else [loader.construct_object(n) for n in node.value]

    def __repr__(self):
        return f'{self.name} {self.value!r}'


def node_kind(node):
    if isinstance(node, ScalarNode):
        return 'scalar'
    if isinstance(node, SequenceNode):
        return 'sequence'
    return 'mapping'


def require_kind(tag, node, *kinds):
    """Raise the way PyYAML reports construction errors when the node kind is not accepted."""
    if node_kind(node) not in kinds:
        raise ConstructorError(None, None, f'{tag} accepts only a {" or ".join(kinds)} node, got a {node_kind(node)}',
                               node.start_mark)


def require_items(tag, node, counts):
    if len(node.value) not in counts:
        raise ConstructorError(None, None, f'{tag} needs {" or ".join(map(str, counts))} items, got {len(node.value)}',
                               node.start_mark)


class KeyOf(YAMLTag):
    name = '!KeyOf'

    def __init__(self, loader, node):
        require_kind(self.name, node, 'scalar')
        super().__init__(loader, node)
        self.id_from = node.value


class ScalarOrDefault(YAMLTag):
    """`!Env`, `!File`, `!Context`: a scalar key, or `[key, default]` (authentik reads items 0 and 1)."""

    def __init__(self, loader, node):
        require_kind(self.name, node, 'scalar', 'sequence')
        if isinstance(node, SequenceNode):
            # authentik indexes node.value[0] and [1]: fewer items raise IndexError, more are ignored
            require_items(self.name, node, (2,))
        super().__init__(loader, node)
        self.key = node.value if isinstance(node, ScalarNode) else self.value[0]
        self.default = None if isinstance(node, ScalarNode) else self.value[1]


class Env(ScalarOrDefault):
    name = '!Env'


class File(ScalarOrDefault):
    name = '!File'


class Context(ScalarOrDefault):
    name = '!Context'


class Find(YAMLTag):
    """`[model, [field, value], ...]`: authentik iterates each query node's children."""

    name = '!Find'

    def __init__(self, loader, node):
        require_kind(self.name, node, 'sequence')
        if not node.value:
            raise ConstructorError(None, None, f'{self.name} needs a model', node.start_mark)
        for query in node.value[1:]:
            # authentik constructs `raw_node.value` item by item: anything but a plain list breaks
            if not isinstance(query, SequenceNode) or query.tag != SEQ_TAG or len(query.value) != 2:
                raise ConstructorError(None, None, f'{self.name} query must be a [field, value] list', query.start_mark)
        super().__init__(loader, node)
        self.model_name = self.value[0]
        self.conditions = self.value[1:]


class FindObject(Find):
    name = '!FindObject'


class Format(YAMLTag):
    name = '!Format'

    def __init__(self, loader, node):
        require_kind(self.name, node, 'sequence')
        if not node.value:
            raise ConstructorError(None, None, f'{self.name} needs a format string', node.start_mark)
        super().__init__(loader, node)
        self.format_string, self.args = self.value[0], self.value[1:]


class Condition(YAMLTag):
    name = '!Condition'

    def __init__(self, loader, node):
        require_kind(self.name, node, 'sequence')
        super().__init__(loader, node)
        # authentik checks both only when resolving (mode.upper() lookup; "At least one value")
        if not self.value or not isinstance(self.value[0], str) or self.value[0].upper() not in CONDITION_MODES:
            raise ConstructorError(None, None, f'{self.name} mode must be one of {", ".join(CONDITION_MODES)}',
                                   node.start_mark)
        if len(self.value) < 2:
            raise ConstructorError(None, None, f'{self.name} needs at least one value after the mode', node.start_mark)
        self.mode, self.args = self.value[0], self.value[1:]


class If(YAMLTag):
    name = '!If'

    def __init__(self, loader, node):
        require_kind(self.name, node, 'sequence')
        # authentik: 1 item -> True/False; otherwise reads items 1 and 2 (2 items raise IndexError)
        require_items(self.name, node, (1, 3))
        super().__init__(loader, node)


class Enumerate(YAMLTag):
    name = '!Enumerate'

    def __init__(self, loader, node):
        require_kind(self.name, node, 'sequence')
        require_items(self.name, node, (3,))
        super().__init__(loader, node)
        self.iterable, self.output_body, self.item_body = self.value
        if self.output_body not in ('SEQ', 'MAP'):
            raise ConstructorError(None, None, f'{self.name} output must be SEQ or MAP', node.start_mark)


class EnumeratedItem(YAMLTag):
    """`!Index` / `!Value`: authentik does `int(node.value)`."""

    def __init__(self, loader, node):
        require_kind(self.name, node, 'scalar')
        super().__init__(loader, node)
        try:
            self.depth = int(node.value)
        except ValueError as err:
            raise ConstructorError(None, None, f'{self.name} depth must be an integer: {err}', node.start_mark)


class Index(EnumeratedItem):
    name = '!Index'


class Value(EnumeratedItem):
    name = '!Value'


class AtIndex(YAMLTag):
    name = '!AtIndex'

    def __init__(self, loader, node):
        require_kind(self.name, node, 'sequence')
        require_items(self.name, node, (2, 3))
        super().__init__(loader, node)


class ParseJSON(YAMLTag):
    name = '!ParseJSON'

    def __init__(self, loader, node):
        require_kind(self.name, node, 'scalar')
        super().__init__(loader, node)
        self.raw = node.value


# registration order of common.py
TAGS = (KeyOf, Find, FindObject, Context, Format, Condition, If, Env, File, Enumerate, Value, Index, AtIndex, ParseJSON)


class BlueprintLoader(yaml.SafeLoader):
    """authentik's loader: the pure-Python SafeLoader (YAML 1.1) plus the 14 tags; any other tag raises."""


for _tag in TAGS:
    BlueprintLoader.add_constructor(_tag.name, _tag)


def load(text):
    """Reads one blueprint file the way authentik's discovery does (`load(text, BlueprintLoader)`)."""
    return yaml.load(text, BlueprintLoader)


def to_json(value):
    """The JSON-comparable form of a loaded value; tags become {"!tag", "kind", "value"}."""
    if isinstance(value, YAMLTag):
        return {'!tag': value.name, 'kind': value.kind, 'value': to_json(value.value)}
    if isinstance(value, dict):
        return {key_text(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f'{type(value).__name__} is not a blueprint value: {value!r}')


def walk(value):
    """Every value nested in a loaded `value`, itself first and tag arguments included."""
    yield value
    if isinstance(value, YAMLTag):
        children = value.value if value.kind == 'sequence' else []
    elif isinstance(value, dict):
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        children = []
    for child in children:
        yield from walk(child)


def key_text(key):
    # a non-string key (1, true, null) would silently become a different JSON key: refuse it
    if not isinstance(key, str):
        raise TypeError(f'mapping key {key!r} is a {type(key).__name__}, not a string')
    return key


def utf16(text):
    """A string as JavaScript sees it: UTF-16 code units (lone surrogates kept)."""
    return text.encode('utf-16-le', 'surrogatepass')


def first_difference(actual, expected, path='$'):
    """Where two JSON-like values differ (types matter: True is not 1), or None when equal."""
    if type(actual) is not type(expected):
        # JSON has one number type; a float that is integral in JS arrives as an int
        both_numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (actual, expected))
        if not (both_numbers and actual == expected):
            return f'{path}: {type(actual).__name__} {actual!r} != {type(expected).__name__} {expected!r}'
        return None
    if isinstance(actual, dict):
        # keys compared as JS strings; order does not matter to authentik
        by_key = {utf16(k): v for k, v in expected.items()}
        if sorted(map(utf16, actual)) != sorted(by_key):
            return f'{path}: keys {list(actual)!r} != {list(expected)!r}'
        for k, a in actual.items():
            diff = first_difference(a, by_key[utf16(k)], f'{path}.{k}')
            if diff:
                return diff
        return None
    if isinstance(actual, list):
        if len(actual) != len(expected):
            return f'{path}: {len(actual)} items != {len(expected)}'
        for i, (a, e) in enumerate(zip(actual, expected)):
            diff = first_difference(a, e, f'{path}[{i}]')
            if diff:
                return diff
        return None
    if isinstance(actual, str):
        return None if utf16(actual) == utf16(expected) else f'{path}: {actual!r} != {expected!r}'
    return None if actual == expected else f'{path}: {actual!r} != {expected!r}'
