/**
 * A generated authentik app for the scaling benchmark: blumeops (main.ts) plus N OIDC clients, each in
 * its own blueprint, all granted to its admins group, shaped like its real clients.
 *
 *   node --import tsx scripts/bench-app.ts --clients 1000 --outdir /tmp/out [--check]
 *
 * N comes from `--clients N` or `BENCH_CLIENTS` (default 10); every other argument goes to synthCommand.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'cdk8s';
import { blumeops } from '../main';
import { ApplicationAccess, Blueprint, Group, OidcClient, synthCommand, type AuthentikChart } from '../constructs';

/** Declares blumeops (main.ts) plus `clients` generated OIDC clients in `app`. */
export function benchApp(app: App, clients: number): AuthentikChart {
  const authentik = blumeops(app);
  const admins = authentik.node.findChild('Common').node.findChild('Admins') as Group;

  const width = String(clients).length;
  for (let i = 1; i <= clients; i++) {
    const n = String(i).padStart(width, '0');
    const slug = `app-${n}`;
    const blueprint = new Blueprint(authentik, `App${n}`, {
      fileName: `${slug}.yaml`,
      name: `BlumeOps App ${n} SSO`,
      description: `App ${n} OIDC provider and application`,
    });
    // every third client is also reachable on the tailnet, as Grafana is
    const redirectUris = [`https://${slug}.ops.eblu.me/login/generic_oauth`];
    if (i % 3 === 0) redirectUris.push(`https://${slug}.tail8d86e.ts.net/login/generic_oauth`);
    // every tenth client has a CI identity in its own group, as Zot has
    const ci = i % 10 === 0 ? new Group(blueprint, 'Workloads', { name: `${slug}-workloads` }) : undefined;
    new OidcClient(blueprint, `App${n}`, {
      name: `App ${n}`,
      slug,
      redirectUris,
      launchUrl: `https://${slug}.ops.eblu.me`,
      access: ci ? ApplicationAccess.groups(admins, ci) : ApplicationAccess.groups(admins),
      serviceAccounts: ci ? [{ username: `${slug}-ci`, name: `App ${n} CI Service Account`, groups: [ci] }] : [],
    });
  }
  return authentik;
}

/** Splits `--clients N` off the arguments; falls back to BENCH_CLIENTS, then 10. */
export function parseClients(argv: readonly string[]): { clients: number; rest: string[] } {
  const rest = [...argv];
  let raw = process.env.BENCH_CLIENTS ?? '10';
  const at = rest.indexOf('--clients');
  if (at >= 0) raw = rest.splice(at, 2)[1] ?? '';
  const clients = Number(raw);
  if (!Number.isInteger(clients) || clients < 1) throw new Error(`--clients / BENCH_CLIENTS must be a positive integer, got "${raw}"`);
  return { clients, rest };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { clients, rest } = parseClients(process.argv.slice(2));
  process.exitCode = synthCommand({
    build: () => {
      const app = new App();
      benchApp(app, clients);
      return app;
    },
    argv: rest,
    // never the project's dist/; the benchmark always passes --outdir
    defaultOutdir: join(tmpdir(), 'blumeops-bench-app'),
  });
}
