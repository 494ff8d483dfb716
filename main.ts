/**
 * blumeops's authentik, declared: the blueprints, groups, service accounts and OIDC clients of
 * docs/blumeops-deployment.md, and the consumer half of every client (ArgoCD and Grafana on indri,
 * zot, Jellyfin and Forgejo configured by Ansible). `npm run synth` writes them to dist/.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'cdk8s';
import {
  AccessMap, AnsibleConsumer, AnsibleHost, ApplicationAccess, ArgoCdConsumer, AuthenticatorStaticStage, AuthenticatorTotpStage,
  AuthenticatorValidateStage, AuthentikChart, Blueprint, GrafanaConsumer, Group, KubernetesDestination, OidcClient, ZotConsumer,
  type OidcClientProps,
  synthCommand,
} from './constructs';

/**
 * What tests may change in blumeops's declaration (`main.ts` itself passes nothing): the External
 * Secrets Operator release declared, and zot's client secret generation and rotation.
 */
export interface BlumeopsVariant {
  /** @default '2.0.0' (the chart blumeops's argocd/apps/external-secrets.yaml runs) */
  readonly externalSecretsVersion?: string;
  /** @default - as declared below */
  readonly zot?: Pick<OidcClientProps, 'generateSecret' | 'secretRotation'>;
}

/** Declares blumeops's authentik in `app`. */
export function blumeops(app: App, variant: BlumeopsVariant = {}): AuthentikChart {
  const authentik = new AuthentikChart(app, 'Authentik', {
    namespace: 'authentik',
    // the release the base's image runs (v2026.2.0-…); upgrade one release at a time with npm run upgrade-check
    authentikVersion: '2026.2',
    // the overlay, for a base moved to ../base; once migrated, keep one of the two (README)
    kustomizeBase: '../base',
    secretStoreName: 'onepassword-blumeops',
    secretRemoteKey: 'Authentik (blumeops)',
    // the same item, as Ansible's `op read` names it
    secretItemUri: 'op://vg6xf6vvfmoh5hqjjhlhbeoaie/oor7os5kapczgpbwv7obkca4y4',
    externalUrl: 'https://authentik.ops.eblu.me',
    // included by the hand-written argocd/manifests/authentik kustomization, which stays where it is
    componentFolder: 'component',
    // argocd/apps/external-secrets.yaml: helm-chart-2.0.0; generated secrets need 2.8.0 (README)
    externalSecretsVersion: variant.externalSecretsVersion ?? '2.0.0',
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

  // where the consumers of authentik live: ArgoCD and Grafana on cluster indri, the rest on host
  // indri configured by Ansible; each gets its half of every client it uses
  const argocdApp = new KubernetesDestination(app, 'IndriArgoCd', { cluster: 'indri', application: 'argocd', namespace: 'argocd' });
  const grafanaApp = new KubernetesDestination(app, 'IndriGrafanaConfig', { cluster: 'indri', application: 'grafana-config', namespace: 'monitoring' });
  const indri = new AnsibleHost(app, 'IndriAnsible', { host: 'indri' });

  const mfa = new Blueprint(authentik, 'Mfa', {
    fileName: 'mfa.yaml',
    name: 'BlumeOps MFA Enforcement',
    description: 'Require MFA on default authentication flow',
  });
  // authentik's own validation stage of the default login flow: users without a device enrol one
  new AuthenticatorValidateStage(mfa, 'MfaValidation', {
    name: 'default-authentication-mfa-validation',
    notConfiguredAction: 'configure',
    deviceClasses: ['totp', 'webauthn', 'static'],
    configurationStages: [
      AuthenticatorTotpStage.fromName('default-authenticator-totp-setup'),
      AuthenticatorStaticStage.fromName('default-authenticator-static-setup'),
    ],
    updatesExisting: true,
  });

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
    consumers: [new GrafanaConsumer({
      destination: grafanaApp,
      scopes: ['openid', 'profile', 'email'],
      roles: [{ group: admins, role: 'Admin' }],
      defaultRole: 'Viewer',
    })],
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
    consumers: [new AnsibleConsumer({
      host: indri,
      name: 'forgejo',
      scopes: ['openid', 'email', 'profile'],
      // Forgejo asks for it; authentik has no such scope and ignores it (the claim comes with profile)
      extraScopes: ['groups'],
      roles: [{ group: admins, role: 'admin' }],
    })],
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
    ...variant.zot,
    redirectUris: ['https://registry.ops.eblu.me/zot/auth/callback/oidc'],
    launchUrl: 'https://registry.ops.eblu.me',
    access: ApplicationAccess.groups(admins, artifactWorkloads),
    // an admin sets the password in the UI after deploy; CI logs in by OIDC and mints an API key
    serviceAccounts: [{ username: 'zot-ci', name: 'Zot CI Service Account', groups: [artifactWorkloads] }],
    consumers: [new ZotConsumer({
      host: indri,
      scopes: ['openid', 'email', 'profile'],
      accessControl: {
        metricsUsers: [''], // anonymous scraping
        repositories: {
          '**': {
            policies: [
              { groups: [artifactWorkloads], actions: ['read', 'create'] }, // push, never overwrite
              { groups: [admins], actions: ['read', 'create', 'update', 'delete'] },
            ],
            anonymousPolicy: ['read'],
            defaultPolicy: ['read'],
          },
        },
      },
    })],
  });

  const argocd = new Blueprint(authentik, 'ArgoCd', {
    fileName: 'argocd.yaml',
    name: 'BlumeOps ArgoCD SSO',
    description: 'ArgoCD OIDC provider and application',
  });
  new OidcClient(argocd, 'Argocd', {
    name: 'ArgoCD',
    slug: 'argocd',
    redirectUris: [
      'https://argocd.ops.eblu.me/auth/callback',
      'https://argocd.tail8d86e.ts.net/auth/callback',
    ],
    launchUrl: 'https://argocd.ops.eblu.me',
    access: ApplicationAccess.groups(admins),
    consumers: [new ArgoCdConsumer({
      destination: argocdApp,
      scopes: ['openid', 'profile', 'email'],
      roles: [{ group: admins, role: 'role:admin' }],
    })],
  });

  const jellyfin = new Blueprint(authentik, 'Jellyfin', {
    fileName: 'jellyfin.yaml',
    name: 'BlumeOps Jellyfin SSO',
    description: 'Jellyfin OIDC provider and application',
  });
  new OidcClient(jellyfin, 'Jellyfin', {
    name: 'Jellyfin',
    slug: 'jellyfin',
    redirectUris: ['https://jellyfin.ops.eblu.me/sso/OID/redirect/authentik'],
    launchUrl: 'https://jellyfin.ops.eblu.me',
    // every signed-in user; the plugin makes members of admins Jellyfin administrators
    access: ApplicationAccess.anyAuthenticatedUser({ policyEngineMode: 'all' }),
    consumers: [new AnsibleConsumer({
      host: indri,
      name: 'jellyfin',
      scopes: ['openid', 'email', 'profile'],
      roles: [{ group: admins, role: 'admin' }],
    })],
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
