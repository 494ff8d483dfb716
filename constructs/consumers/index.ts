export * from './group-role';
export * from './oidc-consumer';
export * from './kubernetes-destination';
export * from './argocd-consumer';
export * from './grafana-consumer';
export * from './ansible-host';
export * from './ansible-consumer';
export * from './zot-consumer';
