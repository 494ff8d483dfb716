/**
 * ArgoCD syncs with client-side apply unless told otherwise: `kubectl apply` stores the object, as
 * JSON, in the annotation kubectl.kubernetes.io/last-applied-configuration, and Kubernetes refuses
 * an object whose annotations together exceed 262,144 bytes. Proven here on the generated app of
 * 1,000 clients (scripts/bench-app.ts), with what ArgoCD adds on the way.
 */
import { App } from 'cdk8s';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { benchApp } from '../scripts/bench-app';
import { ANNOTATIONS_LIMIT_BYTES, renderApp } from '../constructs';

/** The annotations of `obj` once ArgoCD (annotation tracking, the larger of its two modes) applied it client-side. */
function appliedAnnotations(obj: { kind: string; metadata: { name: string; namespace?: string; labels?: object; annotations?: Record<string, string> } }): Record<string, string> {
  const trackingId = `authentik:/${obj.kind}:${obj.metadata.namespace ?? 'authentik'}/${obj.metadata.name}`;
  const applied = {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: { ...obj.metadata.labels, 'app.kubernetes.io/instance': 'authentik' },
      annotations: { ...obj.metadata.annotations, 'argocd.argoproj.io/tracking-id': trackingId },
    },
  };
  return { ...applied.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(applied)}\n` };
}

const annotationBytes = (annotations: Record<string, string>): number =>
  Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

describe('blueprint ConfigMaps and ArgoCD client-side apply', () => {
  let files: Map<string, string>;
  beforeAll(() => {
    const app = new App();
    benchApp(app, 1000);
    files = renderApp(app);
  }, 120_000);

  it('writes ConfigMaps whose last-applied annotation fits, for an app of 1,000 clients', () => {
    const maps = [...files.entries()].filter(([f]) => f.startsWith('configmap-authentik-blueprints')).map(([, text]) => parse(text));
    // about 3 MB of blueprints: several ConfigMaps, each syncable
    expect(maps.length).toBeGreaterThan(5);
    let blueprints = 0;
    for (const map of maps) {
      const bytes = annotationBytes(appliedAnnotations(map));
      expect(bytes, `${map.metadata.name}: ${bytes} bytes of annotations`).toBeLessThan(ANNOTATIONS_LIMIT_BYTES);
      blueprints += Object.keys(map.data).length;
    }
    // and no more ConfigMaps than needed: each but the smallest is at least half full
    const sizes = maps.map((m) => annotationBytes(appliedAnnotations(m))).sort((a, b) => b - a);
    expect(sizes.slice(0, -1).every((s) => s > ANNOTATIONS_LIMIT_BYTES / 2)).toBe(true);
    expect(blueprints).toBe(1000 + 7); // the generated clients and blumeops's own seven
  }, 120_000);

  it('would fail without sharding: the same blueprints in one ConfigMap are over the limit', () => {
    const data = Object.assign({}, ...[...files.entries()].filter(([f]) => f.startsWith('configmap-')).map(([, text]) => parse(text).data));
    const one = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'authentik-blueprints', namespace: 'authentik' }, data };
    expect(annotationBytes(appliedAnnotations(one))).toBeGreaterThan(ANNOTATIONS_LIMIT_BYTES);
  }, 120_000);
});
