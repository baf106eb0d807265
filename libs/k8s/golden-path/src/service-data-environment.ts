import type { DataSecretDelivery } from './data-secret-requests';
import type { EnvVar } from './spring-boot-profile';

/**
 * The parts of the data layer's typed connections (`@platform/k8s-data` `DataServiceConnections`)
 * a Spring Boot service is configured from; structural, so the data layer's objects fit as they are.
 */
export interface ServiceDataConnections {
  readonly database?: {
    readonly host: string;
    readonly readOnlyHost: string;
    readonly port: number;
    readonly database: string;
    readonly username: string;
    readonly credentials: { readonly namespace: string; readonly name: string; readonly passwordKey: string };
  };
  readonly cache?: { readonly host: string; readonly port: number; readonly password: { readonly namespace: string; readonly name: string; readonly key: string } };
  readonly topics: readonly {
    readonly bootstrapServers: string;
    readonly topic: string;
    /** The KafkaUser and its Secret (`user.crt`, `user.key`: the mTLS client certificate, PEM). */
    readonly user: { readonly name: string; readonly secret: string; readonly namespace: string };
    /** The cluster CA certificate to trust (PEM). */
    readonly caSecret: { readonly namespace: string; readonly name: string; readonly key: string };
    /** Prefix the KafkaUser's ACL allows consumer group ids to start with; absent when the user consumes nothing. */
    readonly consumerGroupPrefix?: string;
  }[];
}

/** Keys of a Strimzi KafkaUser Secret (TLS authentication): the client certificate and its PKCS #8 key, PEM. @see https://strimzi.io/docs/operators/latest/deploying#con-securing-client-authentication-str */
export const KAFKA_USER_CERTIFICATE_KEY = 'user.crt';
export const KAFKA_USER_PRIVATE_KEY = 'user.key';

/**
 * Consumer group id of a service that consumes as a KafkaUser: `<prefix>-<service>`, inside the user's group ACL
 * (Read on groups prefixed with the user's name), one group per service so the services of a tenant sharing a
 * user do not split each other's partitions.
 */
export function kafkaConsumerGroupId(consumerGroupPrefix: string, service: string): string {
  return `${consumerGroupPrefix}-${service}`;
}

/** Where a service's pods connect to, for its egress NetworkPolicy: `host` is `<service>.<namespace>.svc...`. */
export interface DataEgress {
  readonly namespace: string;
  readonly port: number;
  readonly description: string;
}

/** `<service>.<namespace>.svc[.cluster.local]` -> `<namespace>`. */
function namespaceOfHost(host: string): string {
  const parts = host.split('.');
  return parts[1] ?? '';
}

/**
 * Spring Boot's environment for its data connections (relaxed binding of `spring.datasource.*`,
 * `spring.data.redis.*`, `spring.kafka.*`; Kafka mTLS from PEM: the KafkaUser's certificate and key,
 * the cluster CA as trust store) and the egress each needs. A pod reads Secrets of its own namespace
 * only: a Secret of another namespace is referenced through its copy from `delivery` (ADR 0054), or,
 * without one, left out and listed in `missingSecrets` (`<namespace>/<name>`). A service that consumes
 * (`kafkaConsumer`, its name) gets `SPRING_KAFKA_CONSUMER_GROUP_ID` (`kafkaConsumerGroupId`) inside its
 * KafkaUser's group ACL, so `@KafkaListener`s without their own `groupId` are authorized.
 * @see https://docs.spring.io/spring-boot/appendix/application-properties/index.html#appendix.application-properties.data
 * @see https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.typesafe-configuration-properties.relaxed-binding.environment-variables
 */
export function springDataEnv(
  namespace: string,
  connections: ServiceDataConnections,
  readOnly: boolean,
  delivery?: DataSecretDelivery,
  kafkaConsumer?: string,
): { readonly env: EnvVar[]; readonly egress: DataEgress[]; readonly missingSecrets: string[] } {
  const env: EnvVar[] = [];
  const egress: DataEgress[] = [];
  const missing = new Set<string>();
  const secretRef = (name: string, ref: { readonly namespace: string; readonly name: string; readonly key: string }): EnvVar[] => {
    if (ref.namespace === namespace) return [{ name, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } }];
    if (delivery) return [{ name, valueFrom: { secretKeyRef: { name: delivery.deliver(ref, ref.key), key: ref.key } } }];
    missing.add(`${ref.namespace}/${ref.name}`);
    return [];
  };
  const db = connections.database;
  if (db) {
    const host = readOnly ? db.readOnlyHost : db.host;
    env.push({ name: 'SPRING_DATASOURCE_URL', value: `jdbc:postgresql://${host}:${db.port}/${db.database}` }, { name: 'SPRING_DATASOURCE_USERNAME', value: db.username });
    env.push(...secretRef('SPRING_DATASOURCE_PASSWORD', { namespace: db.credentials.namespace, name: db.credentials.name, key: db.credentials.passwordKey }));
    egress.push({ namespace: namespaceOfHost(host), port: db.port, description: `Postgres ${db.database}` });
  }
  const cache = connections.cache;
  if (cache) {
    env.push({ name: 'SPRING_DATA_REDIS_HOST', value: cache.host }, { name: 'SPRING_DATA_REDIS_PORT', value: String(cache.port) });
    env.push(...secretRef('SPRING_DATA_REDIS_PASSWORD', cache.password));
    egress.push({ namespace: namespaceOfHost(cache.host), port: cache.port, description: 'Redis' });
  }
  const first = connections.topics[0];
  if (first) {
    env.push({ name: 'SPRING_KAFKA_BOOTSTRAP_SERVERS', value: first.bootstrapServers }, { name: 'SPRING_KAFKA_SECURITY_PROTOCOL', value: 'SSL' });
    // the credentials are `first.user`'s, so its group ACL is the one the consumer group must fall under
    if (kafkaConsumer && first.consumerGroupPrefix) env.push({ name: 'SPRING_KAFKA_CONSUMER_GROUP_ID', value: kafkaConsumerGroupId(first.consumerGroupPrefix, kafkaConsumer) });
    const user = { namespace: first.user.namespace, name: first.user.secret };
    const tls = [
      ...secretRef('SPRING_KAFKA_SSL_KEYSTORECERTIFICATECHAIN', { ...user, key: KAFKA_USER_CERTIFICATE_KEY }),
      ...secretRef('SPRING_KAFKA_SSL_KEYSTOREKEY', { ...user, key: KAFKA_USER_PRIVATE_KEY }),
      ...secretRef('SPRING_KAFKA_SSL_TRUSTSTORECERTIFICATES', first.caSecret),
    ];
    // PEM material in the properties themselves (Kafka's `ssl.keystore.type=PEM`); only with all three present
    if (tls.length === 3) env.push({ name: 'SPRING_KAFKA_SSL_KEYSTORETYPE', value: 'PEM' }, { name: 'SPRING_KAFKA_SSL_TRUSTSTORETYPE', value: 'PEM' }, ...tls);
    const [host, port] = first.bootstrapServers.split(':');
    egress.push({ namespace: namespaceOfHost(host ?? ''), port: Number(port), description: `Kafka ${[...new Set(connections.topics.map((t) => t.topic))].join(', ')}` });
  }
  return { env, egress, missingSecrets: [...missing] };
}
