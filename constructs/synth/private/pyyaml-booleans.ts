import type { ScalarTag, Tags } from 'yaml';

// PyYAML's booleans (resolver.py): the yaml library's 1.1 schema also reads y/Y/n/N as booleans
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const BOOL = 'tag:yaml.org,2002:bool';

/** The yaml library's YAML 1.1 tags with PyYAML's booleans, plus `extra` (authentik's tags). */
export function withPyyamlBooleans(tags: Tags, extra: Tags): Tags {
  const fixed = tags.map((tag) => {
    const t = tag as ScalarTag;
    if (t.tag !== BOOL || !t.test) return tag;
    return { ...t, test: t.test.test('true') ? PYYAML_TRUE : PYYAML_FALSE };
  });
  return [...fixed, ...extra];
}
