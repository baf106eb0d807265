/** Public API of @platform/k8s-data: the data-services add-ons and the typed instances their consumers use. */
export * from './common/connections';
export * from './common/data-resources';
export * from './common/namespaces';
export * from './common/metrics-scrape';
export * from './cloudnative-pg/cloudnative-pg-addon';
export * from './cloudnative-pg/cloudnative-pg-values';
export * from './plugin-barman-cloud/plugin-barman-cloud-addon';
export * from './plugin-barman-cloud/plugin-barman-cloud-values';
export * from './postgres-clusters/postgres-cluster';
export * from './postgres-clusters/postgres-clusters-addon';
export * from './postgres-clusters/postgres-images';
export * from './postgres-clusters/postgres-object-store';
export * from './postgres-clusters/postgres-recovery';
export * from './redis-operator/redis-operator-addon';
export type * from './redis-operator/redis-operator-values';
export * from './redis-caches/redis-cache';
export * from './redis-caches/redis-caches-addon';
export * from './redis-caches/redis-images';
