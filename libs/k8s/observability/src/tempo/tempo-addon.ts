import { bucketName, ecrRegistry, type EnvironmentConfig, TEMPO } from '@platform/config';
import { Addon, type ServiceEndpoint, serviceAddress } from '@platform/k8s-core';
import { AMBIENT_NAMESPACE_LABELS, AuthorizationPolicy, MeshedNamespacePolicies, PermissivePeerAuthentication, serviceAccountPrincipal } from '@platform/k8s-mesh';
import type { Construct } from 'constructs';
import { OBSERVABILITY_NAMESPACES, OBSERVABILITY_PRIORITY_CLASS } from '../namespaces';
import { dockerHubCache, dockerHubImage } from '../pull-through-image';
import { retentionHours, s3Endpoint } from '../s3-endpoint';
import type { TempoValues } from './tempo-values';

/** Pod identity contract entry of Tempo; also its key prefix (`tempo/`) in the `traces` bucket. */
export const TEMPO_POD_IDENTITY = 'tempo';

/**
 * The ServiceAccount every Tempo pod runs as (chart 3.3.0 has one for all components: `tempo.serviceAccountName`),
 * hence the only mesh identity the traces Kafka admits.
 */
export const TEMPO_SERVICE_ACCOUNT = { namespace: OBSERVABILITY_NAMESPACES.tempo, serviceAccount: TEMPO_POD_IDENTITY } as const;

/** Tempo HTTP port (query API, Grafana datasource). */
export const TEMPO_HTTP_PORT = 3200;

/** OTLP ports of the distributor. @see https://opentelemetry.io/docs/specs/otlp/ */
export const TEMPO_OTLP_PORTS = { grpc: 4317, http: 4318 } as const;

/** Replicas of the stateless components in the distributed mode (the backend scheduler is a singleton by design). */
export const TEMPO_DISTRIBUTED_REPLICAS = { distributor: 3, querier: 3, queryFrontend: 2, backendWorker: 2 } as const;

/**
 * The Kafka topic Tempo 3 queues spans in: distributors produce, block-builders and live-stores consume
 * (one replica per partition). The topic must exist with `observability.tempo.partitions` partitions (a
 * `KafkaTopic`; Tempo does not create it). Which listener Tempo can use safely: ADR 0034.
 */
export interface TempoKafkaIngest {
  /** Bootstrap Service of the dedicated traces Kafka's listener (plaintext; ztunnel mTLS underneath, ADR 0034). */
  readonly bootstrap: ServiceEndpoint;
  /** Topic name. @default 'tempo-traces' (the chart's) */
  readonly topic?: string;
}

/** Topic of the traces queue when the ingest does not name one (the chart's default). */
export const TEMPO_DEFAULT_TOPIC = 'tempo-traces';

export interface TempoAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /** The Kafka queue (Tempo 3 microservices cannot run without one). */
  readonly ingest: TempoKafkaIngest;
}

/**
 * Tempo (tempo-distributed 3.3.0, Tempo 3.0) on the `traces` bucket through its Pod Identity (minio-go,
 * no keys, no MinIO, ADR 0031), keys under `tempo/`, retention `observability.tempo.retentionDays`
 * enforced by the backend scheduler. OTLP gRPC/HTTP on the distributor; spans queued in Kafka
 * (`ingest`), one block-builder and one live-store per partition (`observability.tempo.partitions`).
 * `small`: one replica per stateless component, no caches; `distributed`: replicated components and
 * a memcached cache.
 * The namespace is in the ambient mesh, so Tempo's connections to the traces Kafka carry its SPIFFE identity
 * (`TEMPO_SERVICE_ACCOUNT`), which the Kafka's AuthorizationPolicy admits: default deny, Tempo's components
 * among themselves by identity, and PeerAuthentication PERMISSIVE with port-only rules for the clients outside
 * the mesh (Alloy's OTLP export and scrape, Grafana's queries; NetworkPolicies admit only their namespaces).
 */
export class TempoAddon extends Addon<TempoValues> {
  /** OTLP gRPC ingest (Alloy's trace exporter). */
  public readonly otlpGrpcEndpoint: ServiceEndpoint;
  /** OTLP HTTP ingest. */
  public readonly otlpHttpEndpoint: ServiceEndpoint;
  /** Query API (Grafana's Tempo datasource). */
  public readonly queryEndpoint: ServiceEndpoint;

  constructor(scope: Construct, id: string, props: TempoAddonProps) {
    const { env, ingest } = props;
    const dockerHub = dockerHubCache(env);
    const cfg = env.observability.tempo;
    const ns = OBSERVABILITY_NAMESPACES;
    const distributed = cfg.mode === 'distributed';
    const n = (k: keyof typeof TEMPO_DISTRIBUTED_REPLICAS): number => (distributed ? TEMPO_DISTRIBUTED_REPLICAS[k] : 1);
    const small = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } };
    const medium = { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } };
    const big = { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } };
    super(scope, id, {
      env,
      declaration: TEMPO,
      dependsOn: props.dependsOn,
      namespace: {
        name: ns.tempo,
        labels: AMBIENT_NAMESPACE_LABELS,
        ingress: [
          { description: 'Alloy exports OTLP traces and scrapes metrics', peer: { namespace: ns.alloy }, ports: [{ port: TEMPO_OTLP_PORTS.grpc }, { port: TEMPO_OTLP_PORTS.http }, { port: TEMPO_HTTP_PORT }] },
          { description: 'Grafana queries traces', peer: { namespace: ns.grafana }, ports: [{ port: TEMPO_HTTP_PORT }] },
        ],
        egress: [
          { description: 'S3 (traces bucket) over HTTPS', peer: 'anywhere', ports: [{ port: 443 }] },
          { description: 'spans queue (Kafka)', peer: { namespace: ingest.bootstrap.namespace }, ports: [{ port: ingest.bootstrap.port }] },
        ],
      },
      chart: {
        values: {
          fullnameOverride: 'tempo',
          global: { image: { registry: ecrRegistry(env) }, priorityClassName: OBSERVABILITY_PRIORITY_CLASS },
          tempo: { image: dockerHubImage(dockerHub, 'grafana/tempo') },
          serviceAccount: { create: false, name: TEMPO_POD_IDENTITY },
          reportingEnabled: false,
          storage: { trace: { backend: 's3', s3: { bucket: bucketName(env, 'traces'), prefix: TEMPO_POD_IDENTITY, endpoint: s3Endpoint(env.aws.region), region: env.aws.region } } },
          ingest: {
            // no auto-creation: Tempo would set the cluster-wide num.partitions (AlterConfigs on the cluster); the topic is a KafkaTopic
            kafka: { address: serviceAddress(ingest.bootstrap), topic: ingest.topic ?? TEMPO_DEFAULT_TOPIC, auto_create_topic_enabled: false, auto_create_topic_default_partitions: cfg.partitions },
          },
          traces: { otlp: { grpc: { enabled: true }, http: { enabled: true } } },
          distributor: { replicas: n('distributor'), resources: medium },
          querier: { replicas: n('querier'), resources: medium },
          queryFrontend: { replicas: n('queryFrontend'), resources: small },
          // the chart requires one block-builder and one live-store per partition
          blockBuilder: { replicas: cfg.partitions, resources: big },
          liveStore: { replicas: cfg.partitions, resources: big },
          backendScheduler: { resources: small, config: { provider: { compaction: { compaction: { block_retention: retentionHours(cfg.retentionDays) } } } } },
          backendWorker: { replicas: n('backendWorker'), resources: medium },
          memcached: { enabled: distributed, image: dockerHubImage(dockerHub, 'library/memcached') },
          memcachedExporter: { enabled: distributed, image: dockerHubImage(dockerHub, 'prom/memcached-exporter') },
          gateway: { enabled: false },
          metricsGenerator: { enabled: false },
          rollout_operator: { enabled: false },
        },
      },
    });
    const mesh = this.manifestFile('mesh-policies');
    new MeshedNamespacePolicies(mesh, 'namespace', { namespace: ns.tempo, hbonePeers: [ns.tempo, ingest.bootstrap.namespace], dataplaneMode: 'ambient' });
    new PermissivePeerAuthentication(mesh, 'peer-authentication', {
      namespace: ns.tempo,
      reason: "Alloy and Grafana run outside the mesh; Tempo's components admit each other by identity only (AuthorizationPolicy principals)",
    });
    new AuthorizationPolicy(mesh, 'components', {
      name: 'allow-tempo-components',
      namespace: ns.tempo,
      reason: 'distributors, queriers, query-frontends, live-stores, block-builders, backend scheduler/workers and memcached call each other (gRPC, memberlist, HTTP)',
      spec: { action: 'ALLOW', rules: [{ from: [{ source: { principals: [serviceAccountPrincipal(TEMPO_SERVICE_ACCOUNT.namespace, TEMPO_SERVICE_ACCOUNT.serviceAccount)] } }] }] },
    });
    new AuthorizationPolicy(mesh, 'observability-clients', {
      name: 'allow-observability-clients',
      namespace: ns.tempo,
      reason: 'Alloy exports OTLP and scrapes, Grafana queries (both outside the mesh; NetworkPolicies admit only the alloy and grafana namespaces)',
      spec: { action: 'ALLOW', rules: [{ to: [{ operation: { ports: [TEMPO_OTLP_PORTS.grpc, TEMPO_OTLP_PORTS.http, TEMPO_HTTP_PORT].map(String) } }] }] },
    });
    this.otlpGrpcEndpoint = { namespace: ns.tempo, service: 'tempo-distributor', port: TEMPO_OTLP_PORTS.grpc, scheme: 'grpc' };
    this.otlpHttpEndpoint = { namespace: ns.tempo, service: 'tempo-distributor', port: TEMPO_OTLP_PORTS.http };
    this.queryEndpoint = { namespace: ns.tempo, service: 'tempo-query-frontend', port: TEMPO_HTTP_PORT };
  }
}
