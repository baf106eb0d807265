/** Namespace of every PostgreSQL cluster (the `cnpg-backup` pod identity lives here). */
export const POSTGRES_NAMESPACE = 'databases';
/** Namespace of every Redis cache. */
export const REDIS_NAMESPACE = 'caches';
/** Namespace of every Kafka cluster (the Strimzi operator watches only it). */
export const KAFKA_NAMESPACE = 'kafka';
