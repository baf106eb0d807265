import { ServiceMonitor } from '@platform/k8s-imports/monitoring.coreos.com';
import {
  Redis,
  RedisReplication,
  RedisReplicationSpecKubernetesConfigResourcesLimits,
  RedisReplicationSpecKubernetesConfigResourcesRequests,
  RedisReplicationSpecRedisExporterResourcesLimits,
  RedisReplicationSpecRedisExporterResourcesRequests,
  RedisReplicationSpecStorageVolumeClaimTemplateSpecResourcesRequests,
  RedisSentinel,
  RedisSentinelSpecKubernetesConfigResourcesLimits,
  RedisSentinelSpecKubernetesConfigResourcesRequests,
  RedisSpecKubernetesConfigResourcesLimits,
  RedisSpecKubernetesConfigResourcesRequests,
  RedisSpecRedisExporterResourcesLimits,
  RedisSpecRedisExporterResourcesRequests,
  RedisSpecStorageVolumeClaimTemplateSpecResourcesRequests,
} from '@platform/k8s-imports/redis.redis.opstreelabs.in';
import { Construct } from 'constructs';
import type { RedisConnection, SecretKeyReference } from '../common/connections';
import { DataAlerts } from '../common/data-alerts';
import { type DataResources, typedResources, ZONE_TOPOLOGY_KEY } from '../common/data-resources';
import { REDIS_EXPORTER_PORT, REDIS_IMAGES, REDIS_PORT, REDIS_SENTINEL_MASTER_GROUP, REDIS_SENTINEL_PORT, REDIS_UID } from './redis-images';

/** Requests of the exporter sidecar and of each Sentinel (small, fixed: they hold no data). */
const EXPORTER_RESOURCES: DataResources = { cpu: 0.05, memoryMiB: 64 };
const SENTINEL_RESOURCES: DataResources = { cpu: 0.05, memoryMiB: 128 };
/** Share of the memory limit Redis may use for data (`maxmemory`); the rest is replication buffers and fork copy-on-write. */
const MAX_MEMORY_PERCENT_OF_LIMIT = 70;

export interface RedisCacheProps {
  /** Cache name (DNS-1123 label): Services `<name>` (standalone) or `<name>-master` + `<name>-sentinel` (replication). */
  readonly name: string;
  readonly namespace: string;
  /** `standalone`: one `Redis` pod; `replication`: `RedisReplication` (1 primary + replicas) and `RedisSentinel`. */
  readonly mode: 'standalone' | 'replication';
  /** Redis pods (1 for standalone). */
  readonly replicas: number;
  /** Sentinel pods (odd, 3+) of a replication; 0 for standalone. */
  readonly sentinels: number;
  /** RDB/AOF volume per Redis pod, GiB; `false` keeps data only in memory (lost on restart). */
  readonly persistence: false | { readonly sizeGiB: number };
  /** The platform's encrypted gp3 StorageClass. */
  readonly storageClass: string;
  readonly resources: DataResources;
  readonly priorityClassName: string;
  /**
   * Secret key holding the AUTH password (Redis `requirepass`, also Sentinel's). Never a literal: the
   * Secret is delivered by the secrets layer (ExternalSecret) or created out of band, see the runbook.
   */
  readonly password: SecretKeyReference;
  /** Namespaces whose pods may connect. */
  readonly consumers: readonly string[];
  /** Prefix of the alerts' `runbook_url` (`observability.runbookBaseUrl`), an https URL of `docs/runbooks` without a trailing slash. */
  readonly runbookBaseUrl: string;
}

/**
 * A Redis cache run by the OT-CONTAINER-KIT redis-operator:
 * - dev (`standalone`): one `Redis`;
 * - staging/prod (`replication`): a `RedisReplication` spread across zones with a PodDisruptionBudget,
 *   and a `RedisSentinel` (quorum = majority) that promotes a replica when the primary fails;
 * - AUTH on Redis and Sentinel from `password`, restricted pod security, pinned quay.io images;
 * - the redis-exporter sidecar and a `ServiceMonitor` on the operator's `<name>-metrics` Service.
 * @throws Error naming the cache for a replica/sentinel count its mode cannot run
 * @see https://ot-redis-operator.netlify.app/docs/
 */
export class RedisCache extends Construct {
  public readonly cacheName: string;
  public readonly namespace: string;
  public readonly mode: 'standalone' | 'replication';
  public readonly consumers: readonly string[];
  private readonly password: SecretKeyReference;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const { name, namespace } = props;
    const fail = (message: string): never => {
      throw new Error(`RedisCache ${name}: ${message}`);
    };
    if (props.mode === 'standalone' && (props.replicas !== 1 || props.sentinels !== 0)) fail(`standalone runs 1 pod and no sentinel (replicas ${props.replicas}, sentinels ${props.sentinels})`);
    if (props.mode === 'replication' && (props.replicas < 2 || props.sentinels < 3 || props.sentinels % 2 === 0)) fail(`replication needs replicas >= 2 and an odd sentinels >= 3 (replicas ${props.replicas}, sentinels ${props.sentinels})`);
    if (props.password.namespace !== namespace) fail(`password Secret ${props.password.namespace}/${props.password.name} must be in the cache's namespace ${namespace}`);
    this.cacheName = name;
    this.namespace = namespace;
    this.mode = props.mode;
    this.consumers = props.consumers;
    this.password = props.password;

    const redisSecret = { name: props.password.name, key: props.password.key };
    const podSecurityContext = { runAsUser: REDIS_UID, runAsGroup: REDIS_UID, fsGroup: REDIS_UID, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    // Redis writes its RDB/AOF under /data: the root filesystem stays writable when there is no volume
    const securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true };
    const volumeClaim = <Q>(requests: { fromString(v: string): Q }) =>
      props.persistence === false
        ? undefined
        : { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: props.storageClass, resources: { requests: { storage: requests.fromString(`${(props.persistence as { sizeGiB: number }).sizeGiB}Gi`) } } } } };
    const redisConfig = { maxMemoryPercentOfLimit: MAX_MEMORY_PERCENT_OF_LIMIT };

    if (props.mode === 'standalone') {
      const storage = volumeClaim(RedisSpecStorageVolumeClaimTemplateSpecResourcesRequests);
      new Redis(this, 'redis', {
        metadata: { name, namespace },
        spec: {
          kubernetesConfig: {
            image: REDIS_IMAGES.redis,
            imagePullPolicy: 'IfNotPresent',
            resources: typedResources(props.resources, RedisSpecKubernetesConfigResourcesLimits, RedisSpecKubernetesConfigResourcesRequests),
            redisSecret,
          },
          redisConfig,
          ...(storage ? { storage } : {}),
          redisExporter: {
            enabled: true,
            image: REDIS_IMAGES.exporter,
            imagePullPolicy: 'IfNotPresent',
            port: REDIS_EXPORTER_PORT,
            resources: typedResources(EXPORTER_RESOURCES, RedisSpecRedisExporterResourcesLimits, RedisSpecRedisExporterResourcesRequests),
            securityContext: { ...securityContext, readOnlyRootFilesystem: true },
          },
          podSecurityContext,
          securityContext,
          priorityClassName: props.priorityClassName,
        },
      });
    } else {
      const storage = volumeClaim(RedisReplicationSpecStorageVolumeClaimTemplateSpecResourcesRequests);
      new RedisReplication(this, 'replication', {
        metadata: { name, namespace },
        spec: {
          clusterSize: props.replicas,
          kubernetesConfig: {
            image: REDIS_IMAGES.redis,
            imagePullPolicy: 'IfNotPresent',
            resources: typedResources(props.resources, RedisReplicationSpecKubernetesConfigResourcesLimits, RedisReplicationSpecKubernetesConfigResourcesRequests),
            redisSecret,
          },
          redisConfig,
          ...(storage ? { storage } : {}),
          redisExporter: {
            enabled: true,
            image: REDIS_IMAGES.exporter,
            imagePullPolicy: 'IfNotPresent',
            port: REDIS_EXPORTER_PORT,
            resources: typedResources(EXPORTER_RESOURCES, RedisReplicationSpecRedisExporterResourcesLimits, RedisReplicationSpecRedisExporterResourcesRequests),
            securityContext: { ...securityContext, readOnlyRootFilesystem: true },
          },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: this.redisPodLabels } }],
          pdb: { enabled: true, maxUnavailable: 1 },
          podSecurityContext,
          securityContext,
          priorityClassName: props.priorityClassName,
        },
      });
      new RedisSentinel(this, 'sentinel', {
        metadata: { name, namespace },
        spec: {
          clusterSize: props.sentinels,
          redisSentinelConfig: {
            redisReplicationName: name,
            masterGroupName: REDIS_SENTINEL_MASTER_GROUP,
            quorum: String(Math.floor(props.sentinels / 2) + 1),
            redisReplicationPassword: { secretKeyRef: redisSecret },
          },
          kubernetesConfig: {
            image: REDIS_IMAGES.sentinel,
            imagePullPolicy: 'IfNotPresent',
            resources: typedResources(SENTINEL_RESOURCES, RedisSentinelSpecKubernetesConfigResourcesLimits, RedisSentinelSpecKubernetesConfigResourcesRequests),
            redisSecret,
          },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: this.sentinelPodLabels ?? {} } }],
          pdb: { enabled: true, maxUnavailable: 1 },
          podSecurityContext,
          securityContext: { ...securityContext, readOnlyRootFilesystem: false },
          priorityClassName: props.priorityClassName,
        },
      });
    }

    const setupType = props.mode === 'standalone' ? 'standalone' : 'replication';
    new ServiceMonitor(this, 'service-monitor', {
      metadata: { name, namespace },
      spec: {
        selector: { matchLabels: { app: name, redis_setup_type: setupType, role: setupType, 'app.kubernetes.io/component': 'metrics' } },
        endpoints: [{ port: 'redis-exporter', interval: '30s' }],
      },
    });
    new DataAlerts(this, 'alerts', {
      name: `redis-${name}`,
      namespace,
      runbookBaseUrl: props.runbookBaseUrl,
      alerts: [
        {
          alert: 'RedisDown',
          expr: `min by (namespace, pod) (redis_up{namespace="${namespace}",service="${name}-metrics"}) == 0`,
          for: '5m',
          severity: props.mode === 'replication' ? 'warning' : 'critical',
          summary: `Redis ${name}: {{ $labels.pod }} is down`,
          description: props.mode === 'replication' ? `A replica or the master of ${name} is down; Sentinel fails over to a replica when the master is lost. Check \`kubectl -n ${namespace} get pods -l app=${name}\`.` : `The only Redis instance of ${name} is down: its consumers cannot read or write the cache. Check \`kubectl -n ${namespace} get pods -l app=${name}\` and the pod's events.`,
        },
      ],
    });
  }

  /** Labels the operator puts on the Redis pods (`app`, `redis_setup_type`, `role`). */
  public get redisPodLabels(): Readonly<Record<string, string>> {
    const setupType = this.mode === 'standalone' ? 'standalone' : 'replication';
    return { app: this.cacheName, redis_setup_type: setupType, role: setupType };
  }

  /** Labels of the Sentinel pods (StatefulSet `<name>-sentinel`); undefined for standalone. */
  public get sentinelPodLabels(): Readonly<Record<string, string>> | undefined {
    return this.mode === 'replication' ? { app: `${this.cacheName}-sentinel`, redis_setup_type: 'sentinel', role: 'sentinel' } : undefined;
  }

  /** What a consumer needs: the primary's host and port, Sentinel for sentinel-aware clients, the AUTH password Secret. */
  public connection(): RedisConnection {
    const svc = (service: string) => `${service}.${this.namespace}.svc.cluster.local`;
    return {
      kind: 'redis',
      cache: this.cacheName,
      host: svc(this.mode === 'standalone' ? this.cacheName : `${this.cacheName}-master`),
      port: REDIS_PORT,
      ...(this.mode === 'replication' ? { sentinel: { host: svc(`${this.cacheName}-sentinel`), port: REDIS_SENTINEL_PORT, masterName: REDIS_SENTINEL_MASTER_GROUP } } : {}),
      password: this.password,
      consumers: this.consumers,
    };
  }
}
