/**
 * Images and ports of the Redis caches, pinned to the tags the redis-operator 0.26 charts use
 * (quay.io, no Docker Hub).
 * @see https://github.com/OT-CONTAINER-KIT/redis-operator/blob/main/charts/redis-replication/values.yaml
 */
export const REDIS_IMAGES = {
  redis: 'quay.io/opstree/redis:v7.0.15',
  sentinel: 'quay.io/opstree/redis-sentinel:v7.0.15',
  exporter: 'quay.io/opstree/redis-exporter:v1.44.0',
} as const;

/** Redis port (`common.RedisPort`). */
export const REDIS_PORT = 6379;
/** Sentinel port (`common.SentinelPort`). */
export const REDIS_SENTINEL_PORT = 26379;
/** redis-exporter port, named `redis-exporter` on the operator's `<name>-metrics` Service. */
export const REDIS_EXPORTER_PORT = 9121;
/** Sentinel master group name the operator's `RedisSentinel` announces (its CRD default). */
export const REDIS_SENTINEL_MASTER_GROUP = 'myMaster';
/** uid/gid of the opstree Redis images. */
export const REDIS_UID = 1000;
