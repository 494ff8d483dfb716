/**
 * blumeops's authentik, declared: the blueprints, groups, service accounts and OIDC clients of
 * docs/blumeops-deployment.md. `npm run synth` writes them to dist/, which ArgoCD syncs.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'cdk8s';
import { ApplicationAccess, AuthentikChart, Blueprint, Group, OidcClient, synthCommand } from './constructs';
import { AccessMap } from './constructs/synth/access-map';

/** Declares blumeops's authentik in `app`. */
export function blumeops(app: App): AuthentikChart {
  const authentik = new AuthentikChart(app, 'Authentik', {
    namespace: 'authentik',
    kustomizeBase: '../base',
    secretStoreName: 'onepassword-blumeops',
    secretRemoteKey: 'Authentik (blumeops)',
  });
  // consumed by the base worker and server Deployments
  for (const key of ['secret-key', 'postgresql-host', 'postgresql-port', 'postgresql-name', 'postgresql-user', 'postgresql-password']) {
    authentik.secrets.addKey(key);
  }

  const common = new Blueprint(authentik, 'Common', {
    fileName: 'common.yaml',
    name: 'BlumeOps Common Identity',
    description: 'Shared groups and identity resources',
  });
  const admins = new Group(common, 'Admins', { name: 'admins' });

  const grafana = new Blueprint(authentik, 'Grafana', {
    fileName: 'grafana.yaml',
    name: 'BlumeOps Grafana SSO',
    description: 'Grafana OIDC provider and application',
  });
  new OidcClient(grafana, 'Grafana', {
    name: 'Grafana',
    slug: 'grafana',
    redirectUris: [
      'https://grafana.ops.eblu.me/login/generic_oauth',
      'https://grafana.tail8d86e.ts.net/login/generic_oauth',
    ],
    launchUrl: 'https://grafana.ops.eblu.me',
    access: ApplicationAccess.groups(admins),
  });

  const forgejo = new Blueprint(authentik, 'Forgejo', {
    fileName: 'forgejo.yaml',
    name: 'BlumeOps Forgejo SSO',
    description: 'Forgejo OIDC provider and application',
  });
  new OidcClient(forgejo, 'Forgejo', {
    name: 'Forgejo',
    slug: 'forgejo',
    redirectUris: ['https://forge.eblu.me/user/oauth2/authentik/callback'],
    launchUrl: 'https://forge.eblu.me',
    access: ApplicationAccess.groups(admins),
  });

  const zot = new Blueprint(authentik, 'Zot', {
    fileName: 'zot.yaml',
    name: 'BlumeOps Zot SSO',
    description: 'Zot OIDC provider, application, and CI identity',
  });
  // zot's config.json grants this group read+create (push, never overwrite) on every repository
  const artifactWorkloads = new Group(zot, 'ArtifactWorkloads', { name: 'artifact-workloads' });
  new OidcClient(zot, 'Zot', {
    name: 'Zot',
    applicationName: 'Zot Registry',
    slug: 'zot',
    redirectUris: ['https://registry.ops.eblu.me/zot/auth/callback/oidc'],
    launchUrl: 'https://registry.ops.eblu.me',
    access: ApplicationAccess.groups(admins, artifactWorkloads),
    // an admin sets the password in the UI after deploy; CI logs in by OIDC and mints an API key
    serviceAccounts: [{ username: 'zot-ci', name: 'Zot CI Service Account', groups: [artifactWorkloads] }],
  });

  // ACCESS.md: who reaches what, read from the blueprints above
  new AccessMap(authentik, 'AccessMap');

  return authentik;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = synthCommand({
    build: () => {
      const app = new App();
      blumeops(app);
      return app;
    },
    argv: process.argv.slice(2),
    defaultOutdir: join(here, 'dist'),
  });
}
