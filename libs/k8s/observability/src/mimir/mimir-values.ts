import type { ResourceValues } from '../kube-prometheus-stack/kube-prometheus-stack-values';

interface Replicated {
  readonly replicas: number;
  readonly resources: ResourceValues;
}
interface Zoned extends Replicated {
  /** `topologyKey`: the chart's required anti-affinity keeps pods of different zones out of one such topology domain. */
  readonly zoneAwareReplication: { readonly enabled: boolean; readonly topologyKey?: string };
}
interface Repo {
  readonly repository: string;
}

/**
 * Typed subset of the mimir-distributed chart 5.6.0 values the platform sets (keys as in values.yaml).
 * @see ../shared/upstream/charts/mimir-distributed/5.6.0/values.yaml
 */
export interface MimirValues {
  readonly fullnameOverride: string;
  readonly image: Repo;
  readonly serviceAccount: { readonly create: false; readonly name: string };
  readonly mimir: {
    /** Merged over the chart's templated mimir.yaml (free-form: the Mimir configuration reference). */
    readonly structuredConfig: Record<string, unknown>;
  };
  /**
   * The chart's ServiceMonitors, one per component and cache (port `http-metrics`, job `<namespace>/<component>`):
   * `clusterLabel` is the `cluster` label they set (the chart's default `""` sets the release name), `interval` the
   * scrape interval (the chart's default `null` leaves it to the scraper).
   * @see values.yaml `metaMonitoring.serviceMonitor`
   */
  readonly metaMonitoring: { readonly serviceMonitor: { readonly enabled: boolean; readonly clusterLabel: string; readonly interval: string } };
  readonly minio: { readonly enabled: false };
  /** Mimir's own Alertmanager is off: the ruler sends to the kube-prometheus-stack Alertmanager. */
  readonly alertmanager: { readonly enabled: false };
  readonly nginx: { readonly enabled: false };
  readonly rollout_operator: { readonly enabled: boolean; readonly image: Repo };
  readonly memcached: { readonly image: Repo };
  readonly memcachedExporter: { readonly enabled: boolean; readonly image: Repo };
  readonly 'chunks-cache': { readonly enabled: boolean };
  readonly 'index-cache': { readonly enabled: boolean };
  readonly 'metadata-cache': { readonly enabled: boolean };
  readonly 'results-cache': { readonly enabled: boolean };
  readonly ingester: Zoned;
  readonly store_gateway: Zoned;
  readonly distributor: Replicated;
  readonly querier: Replicated;
  readonly query_frontend: Replicated;
  readonly query_scheduler: Replicated;
  readonly ruler: Replicated;
  readonly compactor: Replicated;
  readonly overrides_exporter: Replicated;
}
