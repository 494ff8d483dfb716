export { groupNameOf, type GroupRole } from './group-role';
export {
  type ConsumerSecret, type ConsumerSettings, type IOidcConsumer, OidcConsumer, type OidcConsumerOptions, roleGroupsOf, rolesOf,
  scopeFor,
} from './oidc-consumer';
export { KubernetesDestination, type KubernetesDestinationProps } from './kubernetes-destination';
export { ArgoCdConsumer, type ArgoCdConsumerProps } from './argocd-consumer';
export { GrafanaConsumer, type GrafanaConsumerProps, type GrafanaRole } from './grafana-consumer';
export { AnsibleHost, type AnsibleHostProps } from './ansible-host';
export { AnsibleConsumer, type AnsibleConsumerProps } from './ansible-consumer';
export {
  type ZotAccessControl, type ZotAction, ZotConsumer, type ZotConsumerProps, type ZotGroupPolicy, type ZotRepositoryAccess,
} from './zot-consumer';
