import type { RegistryImage } from '../pull-through-image';
import type { ResourceValues } from '../kube-prometheus-stack/kube-prometheus-stack-values';

type Image = RegistryImage;
interface Replicated {
  readonly replicas: number;
  readonly resources?: ResourceValues;
}

/** A pod topology spread constraint. @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/ */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  readonly labelSelector: { readonly matchLabels: Readonly<Record<string, string>> };
}

/**
 * Typed subset of the loki chart 18.11.0 values the platform sets (keys as in values.yaml).
 * @see ../shared/upstream/charts/loki/18.11.0/values.yaml
 */
export interface LokiValues {
  readonly deploymentMode: 'Monolithic' | 'Distributed';
  readonly fullnameOverride: string;
  readonly global: { readonly priorityClassName: string };
  readonly serviceAccount: { readonly create: false; readonly name: string };
  readonly loki: {
    readonly image: Image;
    readonly auth_enabled: false;
    readonly commonConfig: { readonly replication_factor: number };
    readonly storage: {
      readonly type: 's3';
      readonly use_thanos_objstore: true;
      readonly bucketNames: { readonly chunks: string; readonly ruler: string; readonly admin: string };
      readonly object_store: { readonly type: 's3'; readonly storage_prefix: string; readonly s3: { readonly endpoint: string; readonly region: string } };
    };
    readonly schemaConfig: { readonly configs: readonly object[] };
    /** Free-form limits_config section. */
    readonly limits_config: { readonly retention_period: string; readonly ingestion_rate_mb: number; readonly ingestion_burst_size_mb: number; readonly max_global_streams_per_user: number };
    /** Free-form compactor section. */
    readonly compactor: { readonly retention_enabled: true; readonly delete_request_store: 's3' };
  };
  readonly gateway: { readonly enabled: false };
  /**
   * The chart's ServiceMonitor of every non-headless Service of the release (port `http-metrics`); `interval` replaces
   * the chart's 15s. @see values.yaml `monitoring.serviceMonitor`
   */
  readonly monitoring: { readonly serviceMonitor: { readonly enabled: boolean; readonly interval: string } };
  readonly lokiCanary: { readonly enabled: false };
  readonly test: { readonly enabled: false };
  readonly sidecar: { readonly image: Image; readonly rules: { readonly enabled: false } };
  readonly ruler: { readonly enabled: false };
  readonly memcached: { readonly image: Image };
  readonly memcachedExporter: { readonly image: Image };
  readonly chunksCache: { readonly enabled: boolean };
  readonly resultsCache: { readonly enabled: boolean };
  readonly singleBinary: Replicated & { readonly persistence: { readonly size: string } };
  readonly write: Replicated;
  readonly read: Replicated;
  readonly backend: Replicated;
  readonly ingester: Replicated & {
    readonly zoneAwareReplication: { readonly enabled: boolean };
    /** Replaces the chart's default (spread over hostnames); each entry passed through `tpl`. */
    readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  };
  readonly distributor: Replicated;
  readonly querier: Replicated;
  readonly queryFrontend: Replicated;
  readonly queryScheduler: Replicated;
  readonly indexGateway: Replicated;
  readonly compactor: Replicated;
  /** rollout-operator subchart (zone-aware ingesters). */
  readonly rollout_operator: { readonly enabled: boolean; readonly image: { readonly repository: string } };
}
