import { type EnvironmentConfig, REDIS_CACHES } from '@platform/config';
import { DEFAULT_STORAGE_CLASS, type PriorityClassName } from '@platform/k8s-baseline';
import { Addon, type NetworkRule } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { REDIS_OPERATOR_NAMESPACE, REDIS_OPERATOR_POD_LABELS, type RedisOperatorAddon } from '../redis-operator/redis-operator-addon';
import type { RedisConnection } from '../common/connections';
import { metricsScrapeRule } from '../common/metrics-scrape';
import { REDIS_NAMESPACE } from '../common/namespaces';
import { RedisCache } from './redis-cache';
import { REDIS_EXPORTER_PORT, REDIS_PORT, REDIS_SENTINEL_PORT } from './redis-images';

const PRIORITY: PriorityClassName = 'platform-high';
/** Key of the AUTH password in Secret `<cache>-auth`. */
export const REDIS_PASSWORD_KEY = 'password';

/**
 * Where Secrets come from: the security layer's External Secrets add-on (`ExternalSecretsAddon.deliver`
 * writes Secret `<name>` in `<namespace>` from OpenBao `<env>/<namespace>/<name>`), typed structurally so
 * the data layer does not depend on it.
 */
export interface SecretDelivery {
  deliver(props: { readonly namespace: string; readonly name: string; readonly keys: readonly { readonly secretKey: string }[] }): unknown;
}

export interface RedisCachesAddonProps {
  readonly env: EnvironmentConfig;
  readonly operator: RedisOperatorAddon;
  /** Delivers each cache's `<cache>-auth` Secret from OpenBao. @default undefined (the Secret is created by hand, see the runbook) */
  readonly secrets?: SecretDelivery;
}

/**
 * The Redis caches of `data.redis` in namespace `caches` (manifests
 * `kubernetes/addons/redis-caches/<cache>.yaml`), each a `RedisCache` whose AUTH password is key
 * `password` of Secret `<cache>-auth` in `caches`, delivered from OpenBao by `secrets` (the security
 * layer's External Secrets) or, without it, created by hand (runbook data-rotate-credentials). NetworkPolicies admit the declared consumers (Redis and Sentinel ports),
 * the operator, and the metrics scrape; the caches need no egress outside their namespace.
 */
export class RedisCachesAddon extends Addon {
  public readonly caches: readonly RedisCache[];

  constructor(scope: Construct, id: string, props: RedisCachesAddonProps) {
    const { env } = props;
    const ingress: NetworkRule[] = [];
    super(scope, id, { env, declaration: REDIS_CACHES, dependsOn: [props.operator], namespace: { name: REDIS_NAMESPACE, ingress, egress: [] } });
    this.caches = env.data.redis.map(
      (c) =>
        new RedisCache(this.manifestFile(c.name), c.name, {
          name: c.name,
          namespace: REDIS_NAMESPACE,
          mode: c.mode,
          replicas: c.replicas,
          sentinels: c.sentinels,
          persistence: c.persistence,
          storageClass: DEFAULT_STORAGE_CLASS,
          resources: c.resources,
          priorityClassName: PRIORITY,
          password: { namespace: REDIS_NAMESPACE, name: `${c.name}-auth`, key: REDIS_PASSWORD_KEY },
          consumers: c.consumers,
          runbookBaseUrl: env.observability.runbookBaseUrl,
        }),
    );
    for (const cache of this.caches) props.secrets?.deliver({ namespace: REDIS_NAMESPACE, name: cache.connection().password.name, keys: [{ secretKey: REDIS_PASSWORD_KEY }] });
    // the namespace declaration is read when the baseline secures namespaces (after composition)
    for (const cache of this.caches) {
      const redisPods = { name: cache.cacheName, labels: cache.redisPodLabels };
      const sentinel = cache.sentinelPodLabels;
      const sentinelPods = sentinel ? { name: `${cache.cacheName}-sentinel`, labels: sentinel } : undefined;
      const operatorPeer = { namespace: REDIS_OPERATOR_NAMESPACE, podLabels: REDIS_OPERATOR_POD_LABELS };
      ingress.push({ description: `redis-operator to ${cache.cacheName}`, peer: operatorPeer, ports: [{ port: REDIS_PORT }], pods: redisPods });
      ingress.push({ ...metricsScrapeRule(`${cache.cacheName} redis-exporter`, [REDIS_EXPORTER_PORT]), pods: redisPods });
      if (sentinelPods) ingress.push({ description: `redis-operator to the ${cache.cacheName} sentinels`, peer: operatorPeer, ports: [{ port: REDIS_SENTINEL_PORT }], pods: sentinelPods });
      for (const consumer of [...new Set(cache.consumers)].sort()) {
        ingress.push({ description: `consumer ${consumer} to ${cache.cacheName}`, peer: { namespace: consumer }, ports: [{ port: REDIS_PORT }], pods: redisPods });
        if (sentinelPods) ingress.push({ description: `consumer ${consumer} to the ${cache.cacheName} sentinels`, peer: { namespace: consumer }, ports: [{ port: REDIS_SENTINEL_PORT }], pods: sentinelPods });
      }
    }
  }

  /** The cache `name`. @throws Error naming the cache and the declared ones when `data.redis` has no such cache */
  public cache(name: string): RedisCache {
    const found = this.caches.find((c) => c.cacheName === name);
    if (!found) throw new Error(`${this.env.name}: no Redis cache "${name}" in data.redis (declared: ${this.caches.map((c) => c.cacheName).join(', ') || 'none'})`);
    return found;
  }

  /** The connection of cache `name`. @throws Error naming the missing cache */
  public connection(name: string): RedisConnection {
    return this.cache(name).connection();
  }
}
