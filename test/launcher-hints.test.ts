import { App } from 'cdk8s';
import { afterEach, describe, expect, it } from 'vitest';
import { LARGE_DECLARATION_ENTRIES, LARGE_DECLARATION_HOOK, VALIDATION_MEMORY_DROPPED_HOOK, reportDeclarationSize, reportValidationMemoryDropped } from '../constructs/synth/private/launcher-hints';
import { memoizedDuringSynth } from '../constructs/blueprint/synth-memo';
import { BlueprintEntry } from '../constructs/blueprint/blueprint-entry';
import { benchApp } from '../scripts/bench-app';
import { blumeops } from '../main';
import { renderApp } from '../constructs';

const hooks = globalThis as Record<symbol, unknown>;

describe('reporting the size of a declaration to the launcher', () => {
  afterEach(() => {
    delete hooks[LARGE_DECLARATION_HOOK];
    delete hooks[VALIDATION_MEMORY_DROPPED_HOOK];
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

  it('tells the launcher once per synth that validation\'s memo is dropped, when it is: after validation, before the manifests', () => {
    const app = new App();
    benchApp(app, 3);
    const entries = app.node.findAll().filter(BlueprintEntry.isBlueprintEntry);
    const seen: boolean[] = [];
    hooks[VALIDATION_MEMORY_DROPPED_HOOK] = () => {
      // validation read every entry's wire form; by now nothing holds it
      seen.push(entries.some((e) => memoizedDuringSynth(e, 'wire')));
    };
    const files = renderApp(app);
    expect(seen).toEqual([false]);
    expect(files.size).toBeGreaterThan(0);
    expect(entries.length).toBeGreaterThan(10);
  });

  it('reports the dropped memo only where a launcher left a hook', () => {
    expect(reportValidationMemoryDropped()).toBe(false);
    let calls = 0;
    hooks[VALIDATION_MEMORY_DROPPED_HOOK] = () => {
      calls++;
    };
    expect(reportValidationMemoryDropped()).toBe(true);
    expect(calls).toBe(1);
  });
});
