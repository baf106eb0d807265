/**
 * What a workload needs to use a data service (the consumption contract of the data layer): typed,
 * never a hand-typed hostname. Secrets live in the namespace of the instance (`namespace`); a consumer
 * in another namespace receives a copy through the secrets layer (ExternalSecret) or mounts it where
 * it runs there.
 */

/** One key of a Secret. */
export interface SecretKeyReference {
  readonly namespace: string;
  /** Secret name. */
  readonly name: string;
  readonly key: string;
}

/** A PostgreSQL database as its consumer connects to it. */
export interface PostgresConnection {
  readonly kind: 'postgres';
  /** Cluster name (`data.postgres[].name`). */
  readonly cluster: string;
  /** Read-write Service host (the PgBouncer pooler's when the cluster has one). */
  readonly host: string;
  readonly port: number;
  /** Read-only Service host (replicas; the primary when there is none). */
  readonly readOnlyHost: string;
  readonly database: string;
  /** Role the workload logs in as (the database owner). */
  readonly username: string;
  /** Secret of the role (type kubernetes.io/basic-auth), keys `username` and `password`. */
  readonly credentials: { readonly namespace: string; readonly name: string; readonly usernameKey: 'username'; readonly passwordKey: 'password' };
  /** Namespaces allowed to connect. */
  readonly consumers: readonly string[];
}

/** A Redis cache as its consumer connects to it. */
export interface RedisConnection {
  readonly kind: 'redis';
  readonly cache: string;
  /** Host of the primary (read-write) Service. */
  readonly host: string;
  readonly port: number;
  /** Sentinel Service (`host:port`) for sentinel-aware clients; undefined for standalone. */
  readonly sentinel?: { readonly host: string; readonly port: number; readonly masterName: string };
  /** The AUTH password. */
  readonly password: SecretKeyReference;
  readonly consumers: readonly string[];
}

/** A Kafka topic and the user a workload uses it as. */
export interface KafkaConnection {
  readonly kind: 'kafka';
  readonly cluster: string;
  /** `host:port` of the TLS listener's bootstrap Service. */
  readonly bootstrapServers: string;
  readonly topic: string;
  /** The KafkaUser (mTLS): Secret of the same name with `user.crt`, `user.key`, `user.p12`, `user.password`. */
  readonly user: { readonly name: string; readonly secret: string; readonly namespace: string };
  /** Cluster CA certificate to trust (`ca.crt`). */
  readonly caSecret: SecretKeyReference;
  /** Prefix the user's ACL allows consumer group ids to start with (Read on `group` prefix); absent when the user consumes no topic. */
  readonly consumerGroupPrefix?: string;
}
