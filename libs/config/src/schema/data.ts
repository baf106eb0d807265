import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/**
 * Data services of an environment (ADR 0025): the PostgreSQL clusters (CloudNativePG), Redis caches
 * (OT redis-operator) and Kafka clusters (Strimzi, KRaft) the platform runs for its consumers, with
 * their sizes, backups and the consumers allowed to reach them. Libraries never branch on the
 * environment name: `highAvailability` is what makes staging/prod stricter than dev.
 */

/** A DNS-1123 label short enough for the names operators derive from it (`<name>-rw`, `<name>-pooler-rw`, `<name>-kafka-bootstrap`). */
const instanceName = z.string().regex(/^[a-z]([-a-z0-9]{0,28}[a-z0-9])?$/, { message: 'must be a DNS-1123 label of at most 30 characters starting with a letter' });

/** A namespace of a consumer (a tenant or a service namespace) allowed to reach an instance. */
const consumerNamespace = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a namespace name (DNS-1123 label)' });

/** A PostgreSQL identifier the platform creates (database or role): lower-case, no quoting needed. */
const pgIdentifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case PostgreSQL identifier (letters, digits, _; at most 63 characters)' });

/** Requests of one container: CPU cores and memory MiB; the memory limit equals the request (no overcommit for stateful pods). */
export const dataResourcesSchema = z.strictObject({
  /** CPU request, cores (e.g. 0.5). */
  cpu: z.number().positive().max(64),
  /** Memory request and limit, MiB. */
  memoryMiB: z.number().int().min(64).max(262144),
});

/** PostgreSQL major versions the pinned CloudNativePG operator (1.30) supports with published images. */
export const POSTGRES_MAJOR_VERSIONS = [16, 17, 18] as const;

/**
 * A 6-field cron (seconds first), the format of CloudNativePG `ScheduledBackup.spec.schedule`.
 * @see https://cloudnative-pg.io/documentation/current/backup/#scheduled-backups
 */
const sixFieldCron = z.string().superRefine((s, ctx) => {
  const fields = s.trim().split(/\s+/);
  if (fields.length !== 6) {
    ctx.addIssue({ code: 'custom', message: `"${s}" must be a 6-field cron with seconds first (CloudNativePG format), e.g. "0 0 2 * * *" for 02:00 UTC daily` });
    return;
  }
  try {
    CronExpressionParser.parse(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a valid cron expression: ${(e as Error).message}` });
  }
});

const postgresDatabaseSchema = z.strictObject({
  /** Database name (CloudNativePG `Database.spec.name`). */
  name: pgIdentifier,
  /** Owner role, created by the operator with a generated password in Secret `<cluster>-<owner>` (never in git). */
  owner: pgIdentifier,
  /** Namespaces whose pods may connect (NetworkPolicy); at least one. */
  consumers: z.array(consumerNamespace).min(1),
});

const postgresClusterSchema = z.strictObject({
  name: instanceName,
  /** PostgreSQL major version; the image is `ghcr.io/cloudnative-pg/postgresql:<pinned minor>-standard-trixie`. */
  postgresMajor: z.union(POSTGRES_MAJOR_VERSIONS.map((v) => z.literal(v)) as unknown as [z.ZodLiteral<16>, z.ZodLiteral<17>, z.ZodLiteral<18>], {
    message: `must be one of ${POSTGRES_MAJOR_VERSIONS.join(', ')}`,
  }),
  /** PostgreSQL instances (1 primary + replicas), spread across zones. */
  instances: z.number().int().min(1).max(9),
  /** PGDATA volume per instance, GiB (gp3, encrypted). */
  storageGiB: z.number().int().min(1).max(16384),
  /** Separate WAL volume per instance, GiB; omit to keep WAL on the data volume. */
  walStorageGiB: z.number().int().min(1).max(16384).optional(),
  resources: dataResourcesSchema,
  backup: z.strictObject({
    /** Base backup schedule, 6-field cron (seconds first), UTC. */
    schedule: sixFieldCron,
    /** Recovery window kept in the object store, days (barman `retentionPolicy: <n>d`). */
    retentionDays: z.number().int().min(1, { message: 'must be at least 1 day; a retention of 0 days keeps no recovery window' }).max(3650),
  }),
  /** Render a PodMonitor for the instances' metrics port. */
  podMonitor: z.boolean(),
  /** A PgBouncer Pooler (`<name>-pooler-rw`) in front of the primary; omit for none. */
  pooler: z
    .strictObject({
      instances: z.number().int().min(1).max(10),
      poolMode: z.enum(['session', 'transaction']),
    })
    .optional(),
  /** Databases and their owner roles, declared for their consumers. */
  databases: z.array(postgresDatabaseSchema).min(1),
});

const redisCacheSchema = z.strictObject({
  name: instanceName,
  /** `standalone`: one Redis pod (`Redis`); `replication`: `RedisReplication` plus `RedisSentinel` for failover. */
  mode: z.enum(['standalone', 'replication']),
  /** Redis pods of a replication (1 primary + replicas); 1 for standalone. */
  replicas: z.number().int().min(1).max(9),
  /** Sentinel pods of a replication (odd, quorum = majority); 0 for standalone. */
  sentinels: z.number().int().min(0).max(7),
  /** RDB/AOF volume per pod, GiB; `false` for a cache without persistence. */
  persistence: z.union([z.literal(false), z.strictObject({ sizeGiB: z.number().int().min(1).max(1024) })]),
  resources: dataResourcesSchema,
  /** Namespaces whose pods may connect. */
  consumers: z.array(consumerNamespace).min(1),
});

const kafkaTopicSchema = z.strictObject({
  /** Topic name (also the KafkaTopic name): lower-case letters, digits, `.`, `-`. */
  name: z.string().regex(/^[a-z0-9]([-.a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a lower-case topic name (letters, digits, . and -, DNS-1123 subdomain)' }),
  partitions: z.number().int().min(1).max(1000),
  replicationFactor: z.number().int().min(1).max(9),
  /** `min.insync.replicas` of the topic. */
  minInsyncReplicas: z.number().int().min(1).max(9),
  /** `retention.ms` in hours. */
  retentionHours: z.number().int().min(1).max(87600),
});

/** What a user may do on one topic: `consume` (Read, Describe + its consumer group), `produce` (Write, Describe), or both. */
export const KAFKA_TOPIC_ACCESS = ['consume', 'produce', 'produce-consume'] as const;

const kafkaUserSchema = z.strictObject({
  /** KafkaUser name (the TLS client certificate CN and the Secret of the same name). */
  name: instanceName,
  /** Namespace of the workload using the credentials (may connect to the bootstrap). */
  consumer: consumerNamespace,
  /** Topics of this cluster the user may use; ACLs are rendered on exactly these. */
  topics: z
    .array(z.strictObject({ topic: z.string().min(1), access: z.enum(KAFKA_TOPIC_ACCESS) }))
    .min(1),
});

const kafkaClusterSchema = z.strictObject({
  name: instanceName,
  /** `combined`: one KafkaNodePool with roles broker + controller; `dedicated`: separate broker and controller pools. */
  nodePools: z.enum(['combined', 'dedicated']),
  /** Broker nodes (combined: the nodes of the one pool). */
  brokers: z.number().int().min(1).max(30),
  /** KRaft controllers of the dedicated pool (odd); equal to `brokers` for `combined`. */
  controllers: z.number().int().min(1).max(9),
  /** Log volume per broker, GiB. */
  storageGiB: z.number().int().min(1).max(16384),
  /** Metadata volume per dedicated controller, GiB. */
  controllerStorageGiB: z.number().int().min(1).max(1024),
  /** Resources of a broker (combined: of each node). */
  brokerResources: dataResourcesSchema,
  /** Resources of a dedicated controller. */
  controllerResources: dataResourcesSchema,
  /** Run Cruise Control (rebalancing). */
  cruiseControl: z.boolean(),
  topics: z.array(kafkaTopicSchema),
  users: z.array(kafkaUserSchema),
});

export const dataSchema = z
  .strictObject({
    /**
     * Production-grade topology for every instance (staging/prod): PostgreSQL 3+ odd instances, Redis
     * replication with 3+ sentinels, Kafka 3+ brokers and 3+ odd controllers, topics with replication
     * factor >= 3 and `min.insync.replicas` below it.
     */
    highAvailability: z.boolean(),
    postgres: z.array(postgresClusterSchema),
    redis: z.array(redisCacheSchema),
    kafka: z.array(kafkaClusterSchema),
  })
  .superRefine((d, ctx) => {
    const ha = d.highAvailability;
    const unique = (list: readonly { name: string }[], path: string, what: string): void => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.name)) ctx.addIssue({ code: 'custom', path: [path, i, 'name'], message: `duplicate ${what} "${x.name}"; names must be unique` });
        seen.add(x.name);
      });
    };
    unique(d.postgres, 'postgres', 'PostgreSQL cluster');
    unique(d.redis, 'redis', 'Redis cache');
    unique(d.kafka, 'kafka', 'Kafka cluster');

    d.postgres.forEach((c, i) => {
      if (ha && (c.instances < 3 || c.instances % 2 === 0)) {
        ctx.addIssue({ code: 'custom', path: ['postgres', i, 'instances'], message: `${c.instances} with data.highAvailability: true; use an odd count of at least 3 (one per zone)` });
      }
      const dbs = new Set<string>();
      c.databases.forEach((db, j) => {
        if (dbs.has(db.name)) ctx.addIssue({ code: 'custom', path: ['postgres', i, 'databases', j, 'name'], message: `duplicate database "${db.name}" in cluster ${c.name}` });
        dbs.add(db.name);
      });
    });

    d.redis.forEach((r, i) => {
      if (r.mode === 'standalone' && (r.replicas !== 1 || r.sentinels !== 0)) {
        ctx.addIssue({ code: 'custom', path: ['redis', i, 'mode'], message: `standalone runs 1 pod and no sentinel (replicas ${r.replicas}, sentinels ${r.sentinels}); set replicas: 1, sentinels: 0 or mode: 'replication'` });
      }
      if (r.mode === 'replication' && (r.replicas < 2 || r.sentinels < 3 || r.sentinels % 2 === 0)) {
        ctx.addIssue({ code: 'custom', path: ['redis', i, 'sentinels'], message: `replication needs replicas >= 2 and an odd sentinels >= 3 (got replicas ${r.replicas}, sentinels ${r.sentinels})` });
      }
      if (ha && r.mode !== 'replication') {
        ctx.addIssue({ code: 'custom', path: ['redis', i, 'mode'], message: `"${r.mode}" with data.highAvailability: true; use mode: 'replication' (RedisReplication + RedisSentinel)` });
      }
    });

    d.kafka.forEach((k, i) => {
      const at = (...p: (string | number)[]) => ['kafka', i, ...p];
      if (k.nodePools === 'combined' && k.controllers !== k.brokers) {
        ctx.addIssue({ code: 'custom', path: at('controllers'), message: `combined node pools run controllers on the brokers; set controllers: ${k.brokers} (= brokers) or nodePools: 'dedicated'` });
      }
      if (k.controllers % 2 === 0) ctx.addIssue({ code: 'custom', path: at('controllers'), message: `${k.controllers} controllers cannot form a majority quorum after one failure; use an odd count` });
      if (ha && (k.brokers < 3 || k.controllers < 3)) {
        ctx.addIssue({ code: 'custom', path: at('brokers'), message: `${k.brokers} brokers / ${k.controllers} controllers with data.highAvailability: true; use at least 3 of each (one per zone)` });
      }
      const topics = new Set<string>();
      k.topics.forEach((t, j) => {
        if (topics.has(t.name)) ctx.addIssue({ code: 'custom', path: at('topics', j, 'name'), message: `duplicate topic "${t.name}" in cluster ${k.name}` });
        topics.add(t.name);
        if (t.replicationFactor > k.brokers) {
          ctx.addIssue({ code: 'custom', path: at('topics', j, 'replicationFactor'), message: `${t.replicationFactor} exceeds the ${k.brokers} brokers of cluster ${k.name}; lower it to at most ${k.brokers} or add brokers` });
        }
        if (t.minInsyncReplicas > t.replicationFactor) {
          ctx.addIssue({ code: 'custom', path: at('topics', j, 'minInsyncReplicas'), message: `${t.minInsyncReplicas} exceeds replicationFactor ${t.replicationFactor}; producers with acks=all could never write` });
        } else if (ha && t.minInsyncReplicas >= t.replicationFactor) {
          ctx.addIssue({ code: 'custom', path: at('topics', j, 'minInsyncReplicas'), message: `${t.minInsyncReplicas} is not below replicationFactor ${t.replicationFactor} with data.highAvailability: true; one broker down would stop acks=all writes (use ${Math.max(1, t.replicationFactor - 1)})` });
        }
        if (ha && t.replicationFactor < 3) {
          ctx.addIssue({ code: 'custom', path: at('topics', j, 'replicationFactor'), message: `${t.replicationFactor} with data.highAvailability: true; use at least 3` });
        }
      });
      const users = new Set<string>();
      k.users.forEach((u, j) => {
        if (users.has(u.name)) ctx.addIssue({ code: 'custom', path: at('users', j, 'name'), message: `duplicate user "${u.name}" in cluster ${k.name}` });
        users.add(u.name);
        u.topics.forEach((t, n) => {
          if (!topics.has(t.topic)) {
            ctx.addIssue({ code: 'custom', path: at('users', j, 'topics', n, 'topic'), message: `user ${u.name} references topic "${t.topic}", which cluster ${k.name} does not declare (topics: ${[...topics].join(', ') || 'none'})` });
          }
        });
      });
    });
  });

/** The fields of an environment the data section is checked against. */
interface DataContext {
  readonly data: z.output<typeof dataSchema>;
  readonly storage: { readonly backupsRetentionDays: number };
  readonly addons: { readonly enabled: Readonly<Record<string, boolean | undefined>> };
}

/** The add-on that renders each kind of instance (its operator is in its `requires`). */
const INSTANCE_ADDONS = { postgres: 'postgres-clusters', redis: 'redis-caches', kafka: 'kafka-clusters' } as const;

/**
 * Cross-section checks of `data` (run from the environment schema): instances need their add-on
 * enabled, and a PostgreSQL backup retention must fit in the backups bucket's lifecycle (objects
 * older than `storage.backupsRetentionDays` expire, which would break the recovery window).
 */
export function checkDataAgainstEnvironment(env: DataContext, ctx: z.RefinementCtx): void {
  for (const [kind, addon] of Object.entries(INSTANCE_ADDONS) as [keyof typeof INSTANCE_ADDONS, string][]) {
    const list: unknown = env.data[kind];
    if (Array.isArray(list) && list.length > 0 && env.addons.enabled?.[addon] !== true) {
      ctx.addIssue({ code: 'custom', path: ['data', kind], message: `declares ${list.length} instance(s) but addons.enabled.${addon} is not true; enable it or remove them` });
    }
  }
  if (!Array.isArray(env.data.postgres) || typeof env.storage.backupsRetentionDays !== 'number') return;
  env.data.postgres.forEach((c, i) => {
    if (typeof c?.backup?.retentionDays === 'number' && c.backup.retentionDays > env.storage.backupsRetentionDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'postgres', i, 'backup', 'retentionDays'],
        message: `${c.backup.retentionDays} exceeds storage.backupsRetentionDays ${env.storage.backupsRetentionDays} (the backups bucket expires older objects); lower it or raise storage.backupsRetentionDays`,
      });
    }
  });
}
