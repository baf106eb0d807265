export * from './addons';
export * from './argocd-application-sources';
export * from './catalog';
export * from './config-error';
export * from './contract';
export * from './environment-schema';
export * from './naming';
export * from './ordering';
export * from './pull-through-cache';
export { LOG_RETENTION_DAYS } from './schema/primitives';
export { GITHUB_HOOK_CIDRS } from './schema/platform';
// data layer
export { KAFKA_TOPIC_ACCESS, POSTGRES_MAJOR_VERSIONS } from './schema/data';
export { INTERFACE_ENDPOINT_SERVICES, MIN_SUBNET_PREFIX, smallestSubnetPrefix, SUPPORTED_KUBERNETES_MINORS, vpcTooSmallForAzs } from './schema/foundation';
export * from './validate-environment';
export { nextFreeCidr } from './cidr';
export { closestKey } from './did-you-mean';
export * from './synthesis';
export * from './testing/fixture-environment';
