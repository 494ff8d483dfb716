import { describe, expect, it } from 'vitest';
import { Find } from '../constructs';
import { serializeBlueprint } from '../constructs/blueprint/serialize';
import { parseBlueprint } from '../constructs/synth/blueprint-parser';

/** A blueprint whose one entry sets `attrs.stages` to `value`. */
function written(value: unknown): string {
  return serializeBlueprint({
    version: 1, metadata: { name: 't', labels: {} },
    entries: [{ model: 'authentik_stages_authenticator_validate.authenticatorvalidatestage', state: 'present', attrs: { stages: value as never } }],
  }, 'header');
}

describe('blueprints as the user\'s yamllint wants them', () => {
  it('starts with the document marker, before the header comment', () => {
    expect(written([]).split('\n').slice(0, 3)).toEqual(['---', '# header', '']);
  });

  it('writes a tag in flow style while it fits, and one item per line when it would pass 120 characters in a ConfigMap', () => {
    const short = new Find('authentik_flows.flow', [['slug', 'login']]);
    const long = new Find('authentik_stages_authenticator_static.authenticatorstaticstage', [['name', 'default-authenticator-static-setup']]);
    const text = written([short, long]);
    expect(text).toContain('        - !Find [authentik_flows.flow, [slug, login]]\n');
    expect(text).toContain([
      '        - !Find',
      '          - authentik_stages_authenticator_static.authenticatorstaticstage',
      '          - [name, default-authenticator-static-setup]',
    ].join('\n'));
    // every line fits the ConfigMap's 4 extra spaces within 120
    for (const line of text.split('\n')) expect(line.length + 4, line).toBeLessThanOrEqual(120);
    // and reads back as the same tags
    const attrs = (parseBlueprint(text, 't.yaml').document.entries as Array<{ attrs: { stages: unknown[] } }>)[0].attrs.stages;
    expect(attrs).toEqual([short, long]);
  });
});
