import { App } from 'cdk8s';
import { afterEach, describe, expect, it } from 'vitest';
import { LARGE_DECLARATION_ENTRIES, LARGE_DECLARATION_HOOK, reportDeclarationSize } from '../constructs/synth/private/launcher-hints';
import { benchApp } from '../scripts/bench-app';
import { blumeops } from '../main';
import { renderApp } from '../constructs';

const hooks = globalThis as Record<symbol, unknown>;

describe('reporting the size of a declaration to the launcher', () => {
  afterEach(() => {
    delete hooks[LARGE_DECLARATION_HOOK];
  });

  it('calls the launcher\'s hook once for a declaration of many entries, not for blumeops', () => {
    let calls = 0;
    hooks[LARGE_DECLARATION_HOOK] = () => {
      calls++;
    };
    const small = new App();
    blumeops(small);
    expect(reportDeclarationSize(small.node.findAll())).toBe(false);
    expect(calls).toBe(0);
    // a client of the benchmark's app is some four entries
    const large = new App();
    benchApp(large, Math.ceil(LARGE_DECLARATION_ENTRIES / 3));
    expect(reportDeclarationSize(large.node.findAll())).toBe(true);
    expect(calls).toBe(1);
  });

  it('is told by the synth itself, once, before the entries are rendered', () => {
    let calls = 0;
    hooks[LARGE_DECLARATION_HOOK] = () => {
      calls++;
    };
    const large = new App();
    benchApp(large, Math.ceil(LARGE_DECLARATION_ENTRIES / 3));
    renderApp(large);
    expect(calls).toBe(1);
  });

  it('changes nothing where no launcher left a hook (tests, tsx main.ts)', () => {
    const large = new App();
    benchApp(large, Math.ceil(LARGE_DECLARATION_ENTRIES / 3));
    expect(reportDeclarationSize(large.node.findAll())).toBe(false);
  });
});
