import { bucketName, clusterName, type EnvironmentConfig, MIMIR } from '@platform/config';
import { Addon, type MetricsScraper, type NetworkRule, scrapeIngress, type ServiceEndpoint, serviceUrl } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { OBSERVABILITY_NAMESPACES } from '../namespaces';
import { dockerHubCache, dockerHubRepository } from '../pull-through-image';
import type { MimirMetricsSource } from '../rules/observability-rule-groups';
import { retentionHours, s3Endpoint } from '../s3-endpoint';
import { ingesterLocalLimit, MEMCACHED_EXPORTER_PORT, STORE_SCRAPE_INTERVAL } from '../store-metrics';
import type { MimirValues } from './mimir-values';

/** Pod identity contract entry of Mimir; blocks live under its own prefix `mimir/`. */
export const MIMIR_POD_IDENTITY = 'mimir';

/**
 * Storage prefixes (Mimir accepts only letters and digits): blocks under `mimir/`, rules (and the
 * unused Alertmanager state) under `mimirruler/`, the contract entry's extra prefix. Mimir refuses to
 * start when blocks and ruler storage share bucket and prefix.
 * @see https://grafana.com/docs/mimir/latest/configure/configure-object-storage-backend/
 */
export const MIMIR_STORAGE_PREFIXES = { blocks: 'mimir', ruler: 'mimirruler' } as const;

/** Mimir HTTP port (remote write, Prometheus API, ruler API). */
export const MIMIR_HTTP_PORT = 8080;

/**
 * The one tenant every series, rule and query belongs to: Mimir's `no_auth_tenant` default. Mimir runs with
 * `multitenancy_enabled: false`, so a request without `X-Scope-OrgID` (Alloy's remote write and rule loader, Tempo's
 * metrics-generator, Grafana, the Argo Rollouts analysis) is served as this tenant instead of being refused with
 * `401 no org id`. The chart's nginx gateway, which injects this tenant, is off: clients talk to the components.
 * @see https://grafana.com/docs/mimir/latest/configure/configuration-parameters/ (`multitenancy_enabled`, `no_auth_tenant`)
 * @see https://grafana.com/docs/mimir/latest/manage/secure/authentication-and-authorization/
 */
export const MIMIR_TENANT = 'anonymous';

/** Pod labels of the query-frontend (the chart's `mimir.selectorLabels` with component `query-frontend`). */
export const MIMIR_QUERY_FRONTEND_POD_LABELS = { 'app.kubernetes.io/component': 'query-frontend' } as const;

/** An add-on whose pods query Mimir's Prometheus API (`MimirAddon.queryEndpoint`), e.g. the Argo Rollouts controller. */
export interface MimirQuerier {
  /** The querying add-on; every pod of its main namespace is admitted to the query-frontend. */
  readonly addon: Addon;
  /** Why it queries; rendered into the NetworkPolicy annotation. */
  readonly description: string;
}

/** Memory limit of one ingester, bytes (4 GiB). */
export const MIMIR_INGESTER_MEMORY_LIMIT_BYTES = 4 * 2 ** 30;

/**
 * Ingester memory per in-memory series (a replicated series counts once per replica), bytes: Grafana's capacity
 * planning figure of 2.5 GB per 300 000 series.
 * @see https://grafana.com/docs/mimir/latest/manage/run-production-environment/planning-capacity/
 */
export const MIMIR_INGESTER_BYTES_PER_SERIES = 2.5e9 / 300_000;

/**
 * Topology key of the zone anti-affinity: pods of different zones never share an availability zone, so the three
 * zones (replication factor 3) sit in three AZs. Without it the chart generates no anti-affinity at all.
 * @see ../shared/upstream/charts/mimir-distributed/5.6.0/values.yaml (`ingester.zoneAwareReplication.topologyKey`)
 */
export const MIMIR_ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

/** Component replicas of the distributed mode: 3 ingesters and store-gateways (one per zone when zone-aware). */
export const MIMIR_DISTRIBUTED_REPLICAS = { ingester: 3, store_gateway: 3, distributor: 2, querier: 2, query_frontend: 2, query_scheduler: 2, ruler: 2, compactor: 1, overrides_exporter: 1 } as const;

export interface MimirAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /** Where the ruler sends alerts (kube-prometheus-stack's `alertmanagerEndpoint`). */
  readonly alertmanager: ServiceEndpoint;
  /** Namespaces remote-writing besides Alloy's (e.g. Tempo's metrics-generator), admitted on the HTTP port. @default [] */
  readonly extraRemoteWriters?: readonly { readonly namespace: string; readonly description: string }[];
}

/**
 * Mimir on the `metrics` bucket through its Pod Identity (minio-go's IAM provider reads the EKS Pod
 * Identity container credentials; no keys, no MinIO, ADR 0031), compactor retention
 * `observability.mimir.retentionDays`, the ruler sending to the kube-prometheus-stack Alertmanager.
 * `small`: one replica per component, replication factor 1, no caches; `distributed`: replicated
 * components with memcached caches, replication factor 3, zone-aware ingesters and store-gateways
 * (rollout-operator) when `zoneAware`, each zone in its own availability zone (`MIMIR_ZONE_TOPOLOGY_KEY`). Per-tenant limits (one tenant, `MIMIR_TENANT`) from `observability.mimir.limits`.
 * Its own metrics through the chart's ServiceMonitors once {@link MimirAddon.scrapeMetrics} is called.
 * @throws Error when `observability.mimir.limits.maxGlobalSeries` exceeds what the ingesters' memory holds
 *   (`MIMIR_INGESTER_BYTES_PER_SERIES` per replicated series)
 */
export class MimirAddon extends Addon<MimirValues> {
  /** The tenant every client reads and writes as (`multitenancy_enabled: false`). */
  public readonly tenant = MIMIR_TENANT;
  /** Prometheus remote write (`/api/v1/push`). */
  public readonly remoteWriteEndpoint: ServiceEndpoint;
  /** Prometheus HTTP API root (`/prometheus`): Grafana, Argo Rollouts analysis. */
  public readonly queryEndpoint: ServiceEndpoint;
  /** Ruler API root (Alloy `mimir.rules.kubernetes` loads PrometheusRules through it). */
  public readonly rulerEndpoint: ServiceEndpoint;
  /** The namespace's ingress rules; `admitQueriers` and `scrapeMetrics` append to it before the baseline renders the policies. */
  private readonly ingress: NetworkRule[];
  /** `metaMonitoring.serviceMonitor` of the values; `scrapeMetrics` turns it on before the Application renders. */
  private readonly serviceMonitor: { enabled: boolean; readonly clusterLabel: string; readonly interval: string };
  /** Ingester replicas and replication factor of the mode (the ingesters' local series limit). */
  private readonly ingesters: number;
  private readonly replicationFactor: number;
  /** The memcached caches (and their exporters) run (`distributed`). */
  private readonly caches: boolean;

  constructor(scope: Construct, id: string, props: MimirAddonProps) {
    const { env } = props;
    const dockerHub = dockerHubCache(env);
    const cfg = env.observability.mimir;
    const ns = OBSERVABILITY_NAMESPACES;
    const distributed = cfg.mode === 'distributed';
    const rf = distributed ? 3 : 1;
    const n = (k: keyof typeof MIMIR_DISTRIBUTED_REPLICAS): number => (distributed ? MIMIR_DISTRIBUTED_REPLICAS[k] : 1);
    const small = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } };
    const big = { requests: { cpu: '500m', memory: '2Gi' }, limits: { memory: `${MIMIR_INGESTER_MEMORY_LIMIT_BYTES / 2 ** 30}Gi` } };
    // every ingester holds maxGlobalSeries x replication factor / ingesters series: refuse limits it cannot hold
    const seriesCapacity = Math.floor((n('ingester') * MIMIR_INGESTER_MEMORY_LIMIT_BYTES) / MIMIR_INGESTER_BYTES_PER_SERIES / rf);
    if (cfg.limits.maxGlobalSeries > seriesCapacity) {
      throw new Error(
        `${env.name}: observability.mimir.limits.maxGlobalSeries: ${cfg.limits.maxGlobalSeries} series exceed what the ${n('ingester')} ingester(s) of ${MIMIR_INGESTER_MEMORY_LIMIT_BYTES / 2 ** 30} GiB hold at replication factor ${rf} (about ${seriesCapacity}); lower it to at most ${seriesCapacity}`,
      );
    }
    const ingress: NetworkRule[] = [
      { description: 'Alloy remote-writes metrics and loads rules', peer: { namespace: ns.alloy }, ports: [{ port: MIMIR_HTTP_PORT }] },
      { description: 'Grafana queries metrics', peer: { namespace: ns.grafana }, ports: [{ port: MIMIR_HTTP_PORT }] },
      ...(props.extraRemoteWriters ?? []).map((w) => ({ description: w.description, peer: { namespace: w.namespace }, ports: [{ port: MIMIR_HTTP_PORT }] })),
      // webhook of the rollout-operator (zone-aware StatefulSets' downscale checks)
      { description: 'rollout-operator admission webhooks from the API server', peer: 'vpc', ports: [{ port: 8443 }] },
    ];
    const zoneAwareReplication = cfg.zoneAware ? { enabled: true, topologyKey: MIMIR_ZONE_TOPOLOGY_KEY } : { enabled: false };
    // off until scrapeMetrics: the ServiceMonitors need the monitor CRDs and the collector's admission
    const serviceMonitor = { enabled: false, clusterLabel: clusterName(env), interval: STORE_SCRAPE_INTERVAL };
    super(scope, id, {
      env,
      declaration: MIMIR,
      dependsOn: props.dependsOn,
      namespace: {
        name: ns.mimir,
        ingress,
        egress: [
          { description: 'S3 (metrics bucket) over HTTPS', peer: 'anywhere', ports: [{ port: 443 }] },
          { description: 'ruler sends alerts to Alertmanager', peer: { namespace: props.alertmanager.namespace }, ports: [{ port: props.alertmanager.port }] },
          { description: 'rollout-operator watches StatefulSets', peer: 'kubernetes-api', ports: [{ port: 443 }] },
        ],
      },
      chart: {
        values: {
          fullnameOverride: 'mimir',
          image: { repository: dockerHubRepository(dockerHub, 'grafana/mimir') },
          serviceAccount: { create: false, name: MIMIR_POD_IDENTITY },
          mimir: {
            structuredConfig: {
              // one tenant (MIMIR_TENANT): no client sends X-Scope-OrgID and the nginx gateway that would add it is off
              multitenancy_enabled: false,
              common: { storage: { backend: 's3', s3: { bucket_name: bucketName(env, 'metrics'), endpoint: s3Endpoint(env.aws.region), region: env.aws.region } } },
              blocks_storage: { storage_prefix: MIMIR_STORAGE_PREFIXES.blocks },
              ruler_storage: { storage_prefix: MIMIR_STORAGE_PREFIXES.ruler },
              alertmanager_storage: { storage_prefix: MIMIR_STORAGE_PREFIXES.ruler },
              limits: {
                compactor_blocks_retention_period: retentionHours(cfg.retentionDays),
                max_global_series_per_user: cfg.limits.maxGlobalSeries,
                ingestion_rate: cfg.limits.ingestionRateSamplesPerSecond,
                ingestion_burst_size: cfg.limits.ingestionBurstSizeSamples,
                max_global_exemplars_per_user: cfg.limits.maxGlobalExemplars,
              },
              ingester: { ring: { replication_factor: rf } },
              store_gateway: { sharding_ring: { replication_factor: rf } },
              ruler: { alertmanager_url: serviceUrl(props.alertmanager) },
            },
          },
          metaMonitoring: { serviceMonitor },
          minio: { enabled: false },
          alertmanager: { enabled: false },
          nginx: { enabled: false },
          rollout_operator: { enabled: cfg.zoneAware, image: { repository: dockerHubRepository(dockerHub, 'grafana/rollout-operator') } },
          memcached: { image: { repository: dockerHubRepository(dockerHub, 'library/memcached') } },
          memcachedExporter: { enabled: distributed, image: { repository: dockerHubRepository(dockerHub, 'prom/memcached-exporter') } },
          'chunks-cache': { enabled: distributed },
          'index-cache': { enabled: distributed },
          'metadata-cache': { enabled: distributed },
          'results-cache': { enabled: distributed },
          ingester: { replicas: n('ingester'), resources: big, zoneAwareReplication: zoneAwareReplication },
          store_gateway: { replicas: n('store_gateway'), resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } }, zoneAwareReplication: zoneAwareReplication },
          distributor: { replicas: n('distributor'), resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
          querier: { replicas: n('querier'), resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
          query_frontend: { replicas: n('query_frontend'), resources: small },
          query_scheduler: { replicas: n('query_scheduler'), resources: small },
          ruler: { replicas: n('ruler'), resources: small },
          compactor: { replicas: n('compactor'), resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
          overrides_exporter: { replicas: n('overrides_exporter'), resources: small },
        },
      },
    });
    this.remoteWriteEndpoint = { namespace: ns.mimir, service: 'mimir-distributor', port: MIMIR_HTTP_PORT, path: '/api/v1/push' };
    this.queryEndpoint = { namespace: ns.mimir, service: 'mimir-query-frontend', port: MIMIR_HTTP_PORT, path: '/prometheus' };
    this.rulerEndpoint = { namespace: ns.mimir, service: 'mimir-ruler', port: MIMIR_HTTP_PORT };
    this.ingress = ingress;
    this.serviceMonitor = serviceMonitor;
    this.ingesters = n('ingester');
    this.replicationFactor = rf;
    this.caches = distributed;
  }

  /**
   * Turns on the chart's ServiceMonitors (`metaMonitoring.serviceMonitor`: one per component and cache, port
   * `http-metrics`, job `<namespace>/<component>`, label `cluster` set to the cluster name Alloy puts on every other
   * series instead of the chart's default, the release name), admits the collector on {@link MIMIR_HTTP_PORT} and, where
   * the caches run (`distributed`), on their exporters' {@link MEMCACHED_EXPORTER_PORT}, and syncs after the monitor
   * CRDs (the chart renders its ServiceMonitors whether or not the cluster serves them). Returns what the alerts
   * (`mimirRules`) compare with: the namespace and the limits the ingesters and distributors enforce.
   * @throws Error when called twice
   * @see https://github.com/grafana/mimir/blob/mimir-distributed-5.6.0/operations/helm/charts/mimir-distributed/templates/lib/service-monitor.tpl
   */
  public scrapeMetrics(scraper: MetricsScraper): MimirMetricsSource {
    if (this.serviceMonitor.enabled) throw new Error(`${this.env.name}: ${this.addonName}: the metrics scrape is already enabled`);
    this.serviceMonitor.enabled = true;
    this.addDependency(scraper.monitoringCrds);
    this.ingress.push(scrapeIngress(scraper, 'Mimir components (chart ServiceMonitors, port http-metrics)', [MIMIR_HTTP_PORT]));
    if (this.caches) this.ingress.push(scrapeIngress(scraper, 'memcached exporters of the Mimir caches (chart ServiceMonitors, port http-metrics)', [MEMCACHED_EXPORTER_PORT]));
    const limits = this.env.observability.mimir.limits;
    return {
      namespace: this.namespace.name,
      maxGlobalSeries: limits.maxGlobalSeries,
      maxSeriesPerIngester: ingesterLocalLimit(limits.maxGlobalSeries, this.replicationFactor, this.ingesters),
      ingestionRateSamplesPerSecond: limits.ingestionRateSamplesPerSecond,
    };
  }

  /**
   * Admits the pods of each querier's namespace to the query-frontend on the HTTP port (a NetworkPolicy of its own,
   * selecting only the query-frontend pods). Call it before the cluster baseline renders the namespaces' policies
   * (`ClusterBaselineAddon.secureNamespaces`), e.g. for an add-on composed after Mimir because it takes `queryEndpoint`.
   */
  public admitQueriers(queriers: readonly MimirQuerier[]): void {
    for (const q of queriers) {
      this.ingress.push({ description: q.description, peer: { namespace: q.addon.namespace.name }, ports: [{ port: this.queryEndpoint.port }], pods: { name: 'query-frontend', labels: MIMIR_QUERY_FRONTEND_POD_LABELS } });
    }
  }
}
