import { defineAddon } from './addon-declaration';

/**
 * CloudNativePG operator (PostgreSQL clusters, Databases, Poolers, ScheduledBackups).
 * @see https://cloudnative-pg.io/documentation/1.30/
 */
export const CLOUDNATIVE_PG = defineAddon({
  name: 'cloudnative-pg',
  description: 'CloudNativePG operator: PostgreSQL clusters, databases, PgBouncer poolers, scheduled backups',
  layer: 'data',
  optional: true,
  chart: { key: 'cloudnative-pg', repoURL: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.29.0', images: [{ path: 'image' }] },
});

/**
 * Barman Cloud CNPG-I plugin: WAL archiving and base backups to object storage through `ObjectStore`
 * resources (replaces the deprecated in-tree `barmanObjectStore`, ADR 0025). Installed next to the operator.
 * @see https://cloudnative-pg.io/plugin-barman-cloud/
 */
export const PLUGIN_BARMAN_CLOUD = defineAddon({
  name: 'plugin-barman-cloud',
  description: 'Barman Cloud plugin of CloudNativePG: WAL archive and base backups to S3 through ObjectStore',
  layer: 'data',
  optional: true,
  // cert-manager issues the operator <-> plugin mTLS certificates (chart templates Issuer + Certificates)
  requires: ['cloudnative-pg', 'cert-manager'],
  chart: {
    key: 'plugin-barman-cloud',
    repoURL: 'https://cloudnative-pg.github.io/charts',
    chart: 'plugin-barman-cloud',
    version: '0.7.0',
    images: [{ path: 'image' }, { path: 'sidecarImage' }],
  },
});

/**
 * The PostgreSQL clusters of `data.postgres` (manifests only, namespace `databases`). Every instance
 * runs as the shared ServiceAccount `platform-postgres`, whose Pod Identity may write only
 * `cnpg-backup/` of the backups bucket (WAL archive and base backups of every cluster).
 */
export const POSTGRES_CLUSTERS = defineAddon({
  name: 'postgres-clusters',
  description: 'PostgreSQL clusters of the environment (CloudNativePG Cluster, ObjectStore, ScheduledBackup, Database, Pooler)',
  layer: 'data',
  optional: true,
  requires: ['cloudnative-pg', 'plugin-barman-cloud'],
  podIdentities: [{ id: 'cnpg-backup', namespace: 'databases', serviceAccount: 'platform-postgres', permissions: [{ kind: 's3-bucket', bucket: 'backups' }], serviceAccountOwner: 'platform' }],
});

/**
 * OT-CONTAINER-KIT redis-operator (Redis, RedisReplication, RedisSentinel), watching namespace `caches`.
 * @see https://ot-redis-operator.netlify.app/
 */
export const REDIS_OPERATOR = defineAddon({
  name: 'redis-operator',
  description: 'OT-CONTAINER-KIT redis-operator: standalone Redis, replication and sentinel',
  layer: 'data',
  optional: true,
  chart: {
    key: 'redis-operator',
    repoURL: 'https://ot-container-kit.github.io/helm-charts/',
    chart: 'redis-operator',
    version: '0.26.1',
    images: [{ path: 'redisOperator', repositoryKey: 'imageName' }],
  },
});

/** The Redis caches of `data.redis` (manifests only, namespace `caches`). */
export const REDIS_CACHES = defineAddon({
  name: 'redis-caches',
  description: 'Redis caches of the environment (standalone, or replication + sentinel), exporter + ServiceMonitor',
  layer: 'data',
  optional: true,
  requires: ['redis-operator'],
});

/**
 * Strimzi cluster operator (Kafka in KRaft mode, node pools, topics, users), watching namespace `kafka`.
 * @see https://strimzi.io/docs/operators/latest/deploying
 */
export const STRIMZI_KAFKA_OPERATOR = defineAddon({
  name: 'strimzi-kafka-operator',
  description: 'Strimzi operator: Kafka (KRaft) clusters, node pools, topics and users',
  layer: 'data',
  optional: true,
  chart: { key: 'strimzi-kafka-operator', repoURL: 'quay.io/strimzi-helm', chart: 'strimzi-kafka-operator', version: '1.2.0', images: [{ path: 'image' }] },
});

/** The Kafka clusters of `data.kafka` with their topics and users (manifests only, namespace `kafka`). */
export const KAFKA_CLUSTERS = defineAddon({
  name: 'kafka-clusters',
  description: 'Kafka clusters of the environment (KRaft node pools, mTLS listener, rack awareness, topics, users with ACLs)',
  layer: 'data',
  optional: true,
  requires: ['strimzi-kafka-operator'],
});

/**
 * The Kafka Tempo queues spans in, dedicated to it (namespace `traces-kafka`, ADR 0034): Tempo 3.0 has no TLS
 * client, so the cluster's listener is plaintext without Kafka authentication, and the ambient mesh authenticates
 * and authorizes instead (ztunnel mTLS, an AuthorizationPolicy admitting only Tempo's ServiceAccount). No shared
 * listener is weakened.
 */
export const TRACES_KAFKA = defineAddon({
  name: 'traces-kafka',
  description: "Kafka dedicated to Tempo's span queue (KRaft, plaintext listener guarded by the ambient mesh, topic tempo-traces)",
  layer: 'data',
  optional: true,
  requires: ['strimzi-kafka-operator', 'ztunnel'],
});
