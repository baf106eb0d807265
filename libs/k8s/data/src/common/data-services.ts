import type { KafkaClustersAddon } from '../kafka-clusters/kafka-clusters-addon';
import type { PostgresClustersAddon } from '../postgres-clusters/postgres-clusters-addon';
import type { RedisCachesAddon } from '../redis-caches/redis-caches-addon';
import type { KafkaConnection, PostgresConnection, RedisConnection } from './connections';

/** A database a service uses: `data.postgres[].name` and one of its `databases[].name`. */
export interface DatabaseClaim {
  readonly cluster: string;
  readonly database: string;
}

/** A topic a service uses, and the KafkaUser it authenticates as. */
export interface TopicClaim {
  readonly cluster: string;
  readonly topic: string;
  readonly user: string;
}

/** What a service declares it uses (the golden path's `database`, `cache` and `topics`). */
export interface DataServiceClaims {
  readonly database?: DatabaseClaim;
  /** `data.redis[].name`. */
  readonly cache?: string;
  readonly topics?: readonly TopicClaim[];
}

/** The connections of a service's claims. */
export interface DataServiceConnections {
  readonly database?: PostgresConnection;
  readonly cache?: RedisConnection;
  readonly topics: readonly KafkaConnection[];
}

export interface DataServicesProps {
  /** Environment name (prefix of every error). */
  readonly envName: string;
  /** The composed instance add-ons; undefined when disabled in the environment. */
  readonly postgres?: PostgresClustersAddon;
  readonly redis?: RedisCachesAddon;
  readonly kafka?: KafkaClustersAddon;
}

/**
 * The consumption contract of the data layer: a service in namespace `consumer` names what it uses,
 * and gets typed connections back. Everything is resolved at synth time, so a claim on a cluster,
 * database, cache, topic or user the environment does not declare, on a disabled add-on, or from a
 * namespace the instance does not admit (its NetworkPolicy would drop the traffic) is an error naming it.
 */
export class DataServices {
  constructor(private readonly props: DataServicesProps) {}

  /**
   * Connections of `claims` for workloads in namespace `consumer`.
   * @throws Error naming the environment, the consumer and the missing or unauthorized instance
   */
  public connect(consumer: string, claims: DataServiceClaims): DataServiceConnections {
    const { envName } = this.props;
    const fail = (message: string): never => {
      throw new Error(`${envName}: consumer ${consumer}: ${message}`);
    };
    let database: PostgresConnection | undefined;
    if (claims.database) {
      const postgres = this.props.postgres ?? fail(`claims database ${claims.database.cluster}/${claims.database.database} but addons.enabled.postgres-clusters is not true`);
      database = postgres.database(claims.database.cluster, claims.database.database);
      if (!database.consumers.includes(consumer)) fail(`is not a consumer of database ${claims.database.cluster}/${claims.database.database} (consumers: ${database.consumers.join(', ')}); add it to data.postgres[].databases[].consumers`);
    }
    let cache: RedisConnection | undefined;
    if (claims.cache) {
      const redis = this.props.redis ?? fail(`claims cache ${claims.cache} but addons.enabled.redis-caches is not true`);
      cache = redis.connection(claims.cache);
      if (!cache.consumers.includes(consumer)) fail(`is not a consumer of cache ${claims.cache} (consumers: ${cache.consumers.join(', ')}); add it to data.redis[].consumers`);
    }
    const topics = (claims.topics ?? []).map((t) => {
      const kafka = this.props.kafka ?? fail(`claims topic ${t.cluster}/${t.topic} but addons.enabled.kafka-clusters is not true`);
      const connection = kafka.connection(t.cluster, t.topic, t.user);
      const owner = kafka.cluster(t.cluster).users.find((u) => u.userName === t.user)?.consumer;
      if (owner !== consumer) fail(`uses KafkaUser ${t.cluster}/${t.user}, which belongs to namespace ${owner}; declare a user with consumer: '${consumer}'`);
      return connection;
    });
    return { ...(database ? { database } : {}), ...(cache ? { cache } : {}), topics };
  }
}
