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
  readonly topics: readonly { readonly bootstrapServers: string; readonly topic: string; readonly user: { readonly name: string; readonly secret: string; readonly namespace: string } }[];
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
 * `spring.data.redis.*`, `spring.kafka.*`) and the egress each needs. A password is referenced from
 * its Secret only when the Secret is in the service's namespace (a pod can read no other); a Secret
 * of another namespace must be delivered there first (listed in `missingSecrets`).
 * @see https://docs.spring.io/spring-boot/appendix/application-properties/index.html#appendix.application-properties.data
 */
export function springDataEnv(namespace: string, connections: ServiceDataConnections, readOnly: boolean): { readonly env: EnvVar[]; readonly egress: DataEgress[]; readonly missingSecrets: string[] } {
  const env: EnvVar[] = [];
  const egress: DataEgress[] = [];
  const missingSecrets: string[] = [];
  const secretRef = (name: string, ref: { readonly namespace: string; readonly name: string; readonly key: string }): EnvVar[] => {
    if (ref.namespace === namespace) return [{ name, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } }];
    missingSecrets.push(`${ref.namespace}/${ref.name}`);
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
    const [host, port] = first.bootstrapServers.split(':');
    egress.push({ namespace: namespaceOfHost(host ?? ''), port: Number(port), description: `Kafka ${[...new Set(connections.topics.map((t) => t.topic))].join(', ')}` });
    if (first.user.namespace !== namespace) missingSecrets.push(`${first.user.namespace}/${first.user.secret}`);
  }
  return { env, egress, missingSecrets };
}
