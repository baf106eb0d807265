import type { EnvironmentConfig } from '@platform/config';
import type { ServiceDeclaration } from './service-declaration';

/** What a service claims of the data layer (`@platform/k8s-data` `DataServiceClaims`, structurally). */
export interface ServiceDataClaims {
  readonly database?: { readonly cluster: string; readonly database: string };
  readonly cache?: string;
  readonly topics?: readonly { readonly cluster: string; readonly topic: string; readonly user: string }[];
}

/**
 * The data claims of a service: its database and cache as declared, and for each topic the
 * tenant's KafkaUser whose ACL covers the declared access (the schema already refused a topic
 * without one); `undefined` when the service uses no data service.
 */
export function serviceDataClaims(env: EnvironmentConfig, tenant: string, service: ServiceDeclaration): ServiceDataClaims | undefined {
  if (!service.database && !service.cache && service.topics.length === 0) return undefined;
  const covers = (granted: string, wanted: string): boolean => granted === wanted || granted === 'produce-consume';
  const topics = service.topics.map((t) => {
    const users = env.data.kafka.find((k) => k.name === t.cluster)?.users ?? [];
    const user = users.find((u) => u.consumer === tenant && u.topics.some((x) => x.topic === t.topic && covers(x.access, t.access)));
    return { cluster: t.cluster, topic: t.topic, user: user?.name ?? '' };
  });
  return {
    ...(service.database ? { database: { cluster: service.database.cluster, database: service.database.database } } : {}),
    ...(service.cache ? { cache: service.cache.instance } : {}),
    ...(topics.length > 0 ? { topics } : {}),
  };
}
