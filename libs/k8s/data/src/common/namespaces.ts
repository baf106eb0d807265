/** Namespace of every PostgreSQL cluster (the `cnpg-backup` pod identity lives here). */
export const POSTGRES_NAMESPACE = 'databases';
/** Namespace of every Redis cache. */
export const REDIS_NAMESPACE = 'caches';
/** Namespace of every Kafka cluster (the Strimzi operator watches only it). */
export const KAFKA_NAMESPACE = 'kafka';
/** Namespace of the traces Kafka, Tempo's dedicated queue (in the ambient mesh; the Strimzi operator watches it when `traces-kafka` runs). */
export const TRACES_KAFKA_NAMESPACE = 'traces-kafka';
