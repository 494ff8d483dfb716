"""Renders blumeops's Ansible role templates through Jinja2 as Ansible does, without Ansible: role
defaults < play vars < facts (set_fact), variables templated lazily (a value that is one
expression keeps its type, as Ansible's native templating does), undefined variables an error
(StrictUndefined, as Ansible), `trim_blocks` on (the template module's default). The Ansible
filters and lookups the roles use after the README's step 4 are stood in by their documented
behaviour: `to_json` (json.dumps), `from_json`, `regex_replace` (re.sub), `lookup('file', path)`
(the file's text, trailing whitespace stripped). `op read "<uri>"` in a pre_task is stood in by
the text `op-read-stand-in:<uri>`, so a secret rendered before and after a step is equal exactly when both
read the same 1Password field.
"""

import json
import os
import re

import jinja2
import jinja2.nativetypes
import yaml

from manifests import CheckFailed, check

MAGIC = {
    'ansible_managed': 'Ansible managed',
    'ansible_env': {'HOME': '/Users/erichblume'},
    'inventory_hostname': 'indri',
}


def _lookup(kind, path, *rest, **kwargs):
    if kind != 'file' or rest:
        raise CheckFailed(f'lookup({kind!r}, …) has no stand-in here; only lookup(\'file\', path) does')
    with open(path, encoding='utf-8') as f:
        return f.read().rstrip()


def _regex_replace(value, pattern='', replacement='', ignorecase=False, multiline=False):
    flags = (re.I if ignorecase else 0) | (re.M if multiline else 0)
    return re.sub(pattern, replacement, value, flags=flags)


def environment(native=False, templates=None):
    cls = jinja2.nativetypes.NativeEnvironment if native else jinja2.Environment
    env = cls(loader=jinja2.FileSystemLoader(templates) if templates else None, trim_blocks=True,
              keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters.update(to_json=lambda v, **kw: json.dumps(v, **kw), from_json=json.loads, regex_replace=_regex_replace)
    env.globals['lookup'] = _lookup
    return env


def _template(env, value, ctx):
    if isinstance(value, str) and ('{{' in value or '{%' in value):
        return env.from_string(value).render(ctx)
    if isinstance(value, dict):
        return {k: _template(env, v, ctx) for k, v in value.items()}
    if isinstance(value, list):
        return [_template(env, v, ctx) for v in value]
    return value


def resolve(raw, base):
    """Templates every variable of `raw` in the context of `base` and each other, lazily."""
    env = environment(native=True)
    resolved = dict(base)
    pending = dict(raw)
    while pending:
        progress = False
        errors = {}
        for name, value in list(pending.items()):
            try:
                resolved[name] = _template(env, value, resolved)
            except jinja2.UndefinedError as err:
                errors[name] = str(err)
                continue
            del pending[name]
            progress = True
        if not progress:
            raise CheckFailed('undefined variables: ' + '; '.join(f'{k}: {v}' for k, v in sorted(errors.items())))
    return resolved


def _load_yaml(path):
    with open(path, encoding='utf-8') as f:
        return yaml.safe_load(f) or {}


def play_facts(root):
    """(play vars, facts) of playbooks/indri.yml: its `vars:` and what its pre_tasks set."""
    playbook = os.path.join(root, 'ansible', 'playbooks', 'indri.yml')
    play = _load_yaml(playbook)[0]
    magic = {**MAGIC, 'playbook_dir': os.path.dirname(playbook)}
    play_vars = resolve(play.get('vars') or {}, magic)
    env = environment(native=True)
    registered, facts = {}, {}
    for task in play.get('pre_tasks') or []:
        ctx = {**play_vars, **registered, **facts}
        command = task.get('ansible.builtin.command')
        if command:
            cmd = str(_template(env, command['cmd'], ctx))
            m = re.fullmatch(r'op read "([^"]+)"', cmd)
            check(m, f'pre_task {task.get("name")!r}: no stand-in for the command {cmd!r}')
            registered[task['register']] = {'stdout': f'op-read-stand-in:{m.group(1)}'}
        elif 'ansible.builtin.set_fact' in task:
            for name, value in task['ansible.builtin.set_fact'].items():
                facts[name] = _template(env, value, ctx)
    return magic, play_vars, facts


def render_role(root, role, templates):
    """{template: rendered text} of the role's templates with the role's defaults, play vars and facts."""
    magic, play_vars, facts = play_facts(root)
    role_dir = os.path.join(root, 'ansible', 'roles', role)
    defaults = _load_yaml(os.path.join(role_dir, 'defaults', 'main.yml'))
    raw = {k: v for k, v in {**defaults, **play_vars}.items() if k not in facts}
    ctx = resolve(raw, {**magic, **facts, 'role_path': role_dir})
    env = environment(templates=os.path.join(role_dir, 'templates'))
    out = {}
    for name in templates:
        try:
            out[name] = env.get_template(name).render(ctx)
        except jinja2.TemplateError as err:
            raise CheckFailed(f'ansible/roles/{role}/templates/{name}: {type(err).__name__}: {err}') from err
    return out
