import { bucketName, type EnvironmentConfig, LOKI } from '@platform/config';
import { Addon, type MetricsScraper, type NetworkRule, scrapeIngress, type ServiceEndpoint } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { OBSERVABILITY_NAMESPACES, OBSERVABILITY_PRIORITY_CLASS } from '../namespaces';
import { dockerHubCache, dockerHubImage, dockerHubRepository } from '../pull-through-image';
import type { LokiMetricsSource } from '../rules/observability-rule-groups';
import { retentionHours, s3Endpoint } from '../s3-endpoint';
import { ingesterLocalLimit, MEMCACHED_EXPORTER_PORT, STORE_SCRAPE_INTERVAL } from '../store-metrics';
import type { LokiValues, TopologySpreadConstraint } from './loki-values';

/** Pod identity contract entry of Loki; also its key prefix (`loki/`) in the `logs` bucket. */
export const LOKI_POD_IDENTITY = 'loki';

/** Loki HTTP port (push, query). @see https://grafana.com/docs/loki/latest/reference/loki-http-api/ */
export const LOKI_HTTP_PORT = 3100;

/** First day of the TSDB v13 schema; fixed so re-renders are identical. @see https://grafana.com/docs/loki/latest/operations/storage/schema/ */
export const LOKI_SCHEMA_FROM = '2026-01-01';

/** Component replicas of the distributed mode (3 ingesters: one per zone when zone-aware). */
export const LOKI_DISTRIBUTED_REPLICAS = { ingester: 3, distributor: 3, querier: 3, queryFrontend: 2, queryScheduler: 2, indexGateway: 2, compactor: 1 } as const;

/**
 * Zone-aware ingesters, one per zone StatefulSet (zone-a/b/c), spread one per availability zone: the chart's
 * per-zone `extraAffinity` cannot add a pod anti-affinity (it renders below its own `podAntiAffinity` key), so the
 * spread over `topology.kubernetes.io/zone` of all ingesters (DoNotSchedule, skew 1) puts the three zones in three
 * AZs. It binds zones to AZs because each zone has exactly one ingester (`LOKI_DISTRIBUTED_REPLICAS.ingester` = 3).
 * @see ../shared/upstream/charts/loki/18.11.0/values.yaml (`ingester.topologySpreadConstraints`, `zoneAwareReplication.zoneA`)
 */
export const LOKI_ZONE_SPREAD: readonly TopologySpreadConstraint[] = [
  { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'app.kubernetes.io/component': 'ingester', 'app.kubernetes.io/instance': '{{ .Release.Name }}' } } },
];

export interface LokiAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * Loki on the `logs` bucket through its Pod Identity (no keys, no MinIO): the thanos objstore S3
 * client with storage prefix `loki` (the contract confines the role to `loki/`, ADR 0031), TSDB v13
 * schema, compactor retention `observability.loki.retentionDays`. `monolithic`: one single binary,
 * replication factor 1, no caches; `distributed`: one workload per component, replication factor 3,
 * memcached chunk and result caches, zone-aware ingesters when `zoneAware` (one per AZ, `LOKI_ZONE_SPREAD`),
 * per-tenant limits (the cluster is one tenant, `fake`) from `observability.loki.limits`. Images through the
 * ECR pull-through cache (Grafana publishes on Docker Hub only). Its own metrics through the chart's ServiceMonitor once
 * {@link LokiAddon.scrapeMetrics} is called.
 */
export class LokiAddon extends Addon<LokiValues> {
  /** Where Alloy pushes logs (`/loki/api/v1/push`). */
  public readonly pushEndpoint: ServiceEndpoint;
  /** Where Grafana queries (Loki HTTP API root). */
  public readonly queryEndpoint: ServiceEndpoint;
  /** The namespace's ingress rules; `scrapeMetrics` appends to it before the baseline renders the policies. */
  private readonly ingress: NetworkRule[];
  /** `monitoring.serviceMonitor` of the values; `scrapeMetrics` turns it on before the Application renders. */
  private readonly serviceMonitor: { enabled: boolean; readonly interval: string };
  /** Ingester replicas (the single binary in `monolithic`) and replication factor of the mode (the ingesters' local stream limit). */
  private readonly ingesters: number;
  private readonly replicationFactor: number;
  /** The memcached caches (and their exporters) run (`distributed`). */
  private readonly caches: boolean;

  constructor(scope: Construct, id: string, props: LokiAddonProps) {
    const { env } = props;
    const dockerHub = dockerHubCache(env);
    const cfg = env.observability.loki;
    const ns = OBSERVABILITY_NAMESPACES;
    const distributed = cfg.mode === 'distributed';
    const bucket = bucketName(env, 'logs');
    const r = (n: number): number => (distributed ? n : 0);
    const small = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } };
    const rf = distributed ? 3 : 1;
    const ingress: NetworkRule[] = [
      { description: 'Alloy pushes Kubernetes events', peer: { namespace: ns.alloy }, ports: [{ port: LOKI_HTTP_PORT }] },
      { description: 'Alloy DaemonSet pushes pod logs', peer: { namespace: ns.alloyLogs }, ports: [{ port: LOKI_HTTP_PORT }] },
      { description: 'Grafana queries logs', peer: { namespace: ns.grafana }, ports: [{ port: LOKI_HTTP_PORT }] },
    ];
    // off until scrapeMetrics: the ServiceMonitor needs the monitor CRDs and the collector's admission
    const serviceMonitor = { enabled: false, interval: STORE_SCRAPE_INTERVAL };
    super(scope, id, {
      env,
      declaration: LOKI,
      dependsOn: props.dependsOn,
      namespace: {
        name: ns.loki,
        ingress,
        egress: [{ description: 'S3 (logs bucket) over HTTPS', peer: 'anywhere', ports: [{ port: 443 }] }],
      },
      chart: {
        values: {
          deploymentMode: distributed ? 'Distributed' : 'Monolithic',
          fullnameOverride: 'loki',
          global: { priorityClassName: OBSERVABILITY_PRIORITY_CLASS },
          serviceAccount: { create: false, name: LOKI_POD_IDENTITY },
          loki: {
            image: dockerHubImage(dockerHub, 'grafana/loki'),
            auth_enabled: false,
            commonConfig: { replication_factor: rf },
            storage: {
              type: 's3',
              use_thanos_objstore: true,
              bucketNames: { chunks: bucket, ruler: bucket, admin: bucket },
              object_store: { type: 's3', storage_prefix: LOKI_POD_IDENTITY, s3: { endpoint: s3Endpoint(env.aws.region), region: env.aws.region } },
            },
            schemaConfig: { configs: [{ from: LOKI_SCHEMA_FROM, store: 'tsdb', object_store: 's3', schema: 'v13', index: { prefix: 'index_', period: '24h' } }] },
            limits_config: {
              retention_period: retentionHours(cfg.retentionDays),
              ingestion_rate_mb: cfg.limits.ingestionRateMiBPerSecond,
              ingestion_burst_size_mb: cfg.limits.ingestionBurstSizeMiB,
              max_global_streams_per_user: cfg.limits.maxGlobalStreams,
            },
            compactor: { retention_enabled: true, delete_request_store: 's3' },
          },
          gateway: { enabled: false },
          monitoring: { serviceMonitor },
          lokiCanary: { enabled: false },
          test: { enabled: false },
          sidecar: { image: dockerHubImage(dockerHub, 'kiwigrid/k8s-sidecar'), rules: { enabled: false } },
          ruler: { enabled: false },
          memcached: { image: dockerHubImage(dockerHub, 'library/memcached') },
          memcachedExporter: { image: dockerHubImage(dockerHub, 'prom/memcached-exporter') },
          chunksCache: { enabled: distributed },
          resultsCache: { enabled: distributed },
          singleBinary: { replicas: distributed ? 0 : 1, resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } }, persistence: { size: '10Gi' } },
          write: { replicas: 0 },
          read: { replicas: 0 },
          backend: { replicas: 0 },
          ingester: { replicas: r(LOKI_DISTRIBUTED_REPLICAS.ingester), resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { memory: '2Gi' } }, zoneAwareReplication: { enabled: cfg.zoneAware }, ...(cfg.zoneAware ? { topologySpreadConstraints: LOKI_ZONE_SPREAD } : {}) },
          distributor: { replicas: r(LOKI_DISTRIBUTED_REPLICAS.distributor), resources: small },
          querier: { replicas: r(LOKI_DISTRIBUTED_REPLICAS.querier), resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
          queryFrontend: { replicas: r(LOKI_DISTRIBUTED_REPLICAS.queryFrontend), resources: small },
          queryScheduler: { replicas: r(LOKI_DISTRIBUTED_REPLICAS.queryScheduler), resources: small },
          indexGateway: { replicas: r(LOKI_DISTRIBUTED_REPLICAS.indexGateway), resources: small },
          compactor: { replicas: r(LOKI_DISTRIBUTED_REPLICAS.compactor), resources: small },
          rollout_operator: { enabled: cfg.zoneAware, image: { repository: dockerHubRepository(dockerHub, 'grafana/rollout-operator') } },
        },
      },
    });
    this.pushEndpoint = { namespace: ns.loki, service: distributed ? 'loki-distributor' : 'loki', port: LOKI_HTTP_PORT, path: '/loki/api/v1/push' };
    this.queryEndpoint = { namespace: ns.loki, service: distributed ? 'loki-query-frontend' : 'loki', port: LOKI_HTTP_PORT };
    this.ingress = ingress;
    this.serviceMonitor = serviceMonitor;
    this.ingesters = distributed ? LOKI_DISTRIBUTED_REPLICAS.ingester : 1;
    this.replicationFactor = rf;
    this.caches = distributed;
  }

  /**
   * Turns on the chart's ServiceMonitor (`monitoring.serviceMonitor`: every Service of the release but the headless
   * ones, port `http-metrics`, job `<namespace>/<service>`), admits the collector on {@link LOKI_HTTP_PORT} and, where
   * the caches run (`distributed`), on their exporters' {@link MEMCACHED_EXPORTER_PORT}, and syncs after the monitor
   * CRDs (the chart renders its ServiceMonitor whether or not the cluster serves it). Returns what the alerts
   * (`lokiRules`) compare with: the namespace and the limits the ingesters and distributors enforce.
   * @throws Error when called twice
   * @see https://github.com/grafana-community/helm-charts/blob/loki-18.11.0/charts/loki/templates/monitoring/servicemonitor.yaml
   */
  public scrapeMetrics(scraper: MetricsScraper): LokiMetricsSource {
    if (this.serviceMonitor.enabled) throw new Error(`${this.env.name}: ${this.addonName}: the metrics scrape is already enabled`);
    this.serviceMonitor.enabled = true;
    this.addDependency(scraper.monitoringCrds);
    this.ingress.push(scrapeIngress(scraper, 'Loki components (chart ServiceMonitor, port http-metrics)', [LOKI_HTTP_PORT]));
    if (this.caches) this.ingress.push(scrapeIngress(scraper, 'memcached exporters of the Loki caches (chart ServiceMonitor, port http-metrics)', [MEMCACHED_EXPORTER_PORT]));
    const limits = this.env.observability.loki.limits;
    return {
      namespace: this.namespace.name,
      maxGlobalStreams: limits.maxGlobalStreams,
      maxStreamsPerIngester: ingesterLocalLimit(limits.maxGlobalStreams, this.replicationFactor, this.ingesters),
      ingestionRateBytesPerSecond: limits.ingestionRateMiBPerSecond * 2 ** 20,
    };
  }
}
