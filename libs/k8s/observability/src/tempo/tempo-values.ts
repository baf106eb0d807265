import type { ResourceValues } from '../kube-prometheus-stack/kube-prometheus-stack-values';
import type { RegistryImage } from '../pull-through-image';

interface Replicated {
  readonly replicas: number;
  readonly resources: ResourceValues;
}

/**
 * Typed subset of the tempo-distributed chart 3.3.0 values the platform sets (keys as in values.yaml).
 * @see ../shared/upstream/charts/tempo-distributed/3.3.0/values.yaml
 */
export interface TempoValues {
  readonly fullnameOverride: string;
  readonly global: { readonly image: { readonly registry: string }; readonly priorityClassName: string };
  readonly tempo: { readonly image: RegistryImage };
  readonly serviceAccount: { readonly create: false; readonly name: string };
  /** No anonymous usage report leaves the cluster. */
  readonly reportingEnabled: false;
  readonly storage: {
    readonly trace: {
      readonly backend: 's3';
      /** Rendered verbatim as tempo.yaml `storage.trace.s3` (no keys: minio-go reads the Pod Identity credentials). */
      readonly s3: { readonly bucket: string; readonly prefix: string; readonly endpoint: string; readonly region: string };
    };
  };
  /** Tempo 3 queue between distributors and block-builders/live-stores. */
  readonly ingest: {
    readonly kafka: { readonly address: string; readonly topic: string; readonly auto_create_topic_enabled: boolean; readonly auto_create_topic_default_partitions: number };
  };
  readonly traces: { readonly otlp: { readonly grpc: { readonly enabled: true }; readonly http: { readonly enabled: true } } };
  readonly distributor: Replicated;
  readonly querier: Replicated;
  readonly queryFrontend: Replicated;
  readonly blockBuilder: Replicated;
  readonly liveStore: Replicated;
  readonly backendScheduler: {
    readonly resources: ResourceValues;
    readonly config: { readonly provider: { readonly compaction: { readonly compaction: { readonly block_retention: string } } } };
  };
  readonly backendWorker: Replicated;
  readonly memcached: { readonly enabled: boolean; readonly image: RegistryImage };
  readonly memcachedExporter: { readonly enabled: boolean; readonly image: RegistryImage };
  readonly gateway: { readonly enabled: false };
  readonly metricsGenerator: {
    readonly enabled: true;
    readonly replicas: number;
    readonly resources: ResourceValues;
    readonly config: {
      readonly storage: { readonly remote_write: readonly { readonly url: string; readonly send_exemplars: boolean }[]; readonly remote_write_add_org_id_header: boolean };
    };
  };
  /** tempo.yaml `overrides.defaults` (new overrides format): the metrics-generator's processors for every tenant. */
  readonly overrides: {
    readonly defaults: {
      readonly metrics_generator: {
        readonly processors: readonly ('service-graphs' | 'span-metrics')[];
        readonly processor: { readonly service_graphs: { readonly span_multiplier_key: string }; readonly span_metrics: { readonly span_multiplier_key: string } };
      };
    };
  };
  readonly rollout_operator: { readonly enabled: false };
}
