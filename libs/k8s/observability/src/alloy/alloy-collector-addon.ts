import { ALLOY, clusterName, type EnvironmentConfig } from '@platform/config';
import { Addon, EGRESS_KUBE_API, type MetricsScraper, type ServiceEndpoint } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { OBSERVABILITY_NAMESPACES } from '../namespaces';
import { collectorPipeline, OTLP_PORTS } from './alloy-pipelines';
import { dockerHubCache } from '../pull-through-image';
import { alloyReleaseValues } from './alloy-release';
import type { AlloyValues, RbacRule } from './alloy-values';

/**
 * Metrics ports the collector may scrape (egress allow-list): kube-state-metrics, External Secrets, Karpenter, the
 * ArgoCD ApplicationSet controller and most apps 8080, Spring actuator/management 8081, the ArgoCD application
 * controller 8082, argocd-server 8083 and repo-server 8084, Prometheus-style 9090, Alertmanager 9093, node-exporter
 * 9100, cert-manager 9402, Loki 3100, falcosidekick 2801, OpenBao's API listener 8200 (`/v1/sys/metrics`),
 * redis-exporter 9121, the memcached exporters of the Mimir and Loki caches 9150 (`MEMCACHED_EXPORTER_PORT`; Mimir's
 * own components are on 8080), CloudNativePG instances 9187, Strimzi's Kafka JMX exporter 9404, kubelet and the operator
 * 10250, Alloy 12345, istiod 15014, Istio merged metrics 15020 and Envoy 15090. A monitor on another port needs it
 * added here (and the target namespace must admit Alloy on it, `scrapeIngress(alloy.scraper, ...)`).
 */
export const SCRAPE_PORTS = [2801, 3100, 8080, 8081, 8082, 8083, 8084, 8200, 9090, 9093, 9100, 9121, 9150, 9187, 9402, 9404, 10250, 12345, 15014, 15020, 15090] as const;

/**
 * The collector's ClusterRole (the values replace the chart's default rules, which read every Secret):
 * service discovery, the prometheus-operator monitors, `/metrics` of the API server, and `nodes/metrics`,
 * which the kubelet's webhook authorizer requires for its `/metrics` and `/metrics/cadvisor` endpoints
 * (the kube-prometheus-stack kubelet ServiceMonitor); without it every kubelet scrape gets 403 and `KubeletDown` fires.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization
 * @see ../shared/upstream/charts/alloy/1.11.1/values.yaml `rbac.clusterRules`
 */
export const COLLECTOR_CLUSTER_RULES: readonly RbacRule[] = [
  { apiGroups: ['', 'discovery.k8s.io'], resources: ['endpoints', 'endpointslices', 'pods', 'services', 'namespaces', 'nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
  { apiGroups: ['monitoring.coreos.com'], resources: ['servicemonitors', 'podmonitors', 'probes'], verbs: ['get', 'list', 'watch'] },
  { nonResourceURLs: ['/metrics'], verbs: ['get'] },
];

export interface AlloyCollectorAddonProps {
  readonly env: EnvironmentConfig;
  /** kube-prometheus-stack (its CRDs: ServiceMonitor, PodMonitor, Probe) and the stores. */
  readonly dependsOn: readonly Addon[];
  /** The add-on installing the monitor CRDs (kube-prometheus-stack), handed to the targets through {@link AlloyCollectorAddon.scraper}. */
  readonly monitoringCrds: Addon;
  readonly mimirRemoteWrite: ServiceEndpoint;
  /** Tempo OTLP gRPC ingest; omit until Tempo runs (the receiver then takes metrics only). */
  readonly tempoOtlpGrpc?: ServiceEndpoint;
}

/**
 * The clustered Alloy collector (`observability.alloy.collectorReplicas`, spread over zones): OTLP
 * gRPC and HTTP receiver (metrics to Mimir, sampled traces to Tempo) and the scrapes of every
 * ServiceMonitor, PodMonitor and Probe, remote-written to Mimir (ADR 0030). Exposes the OTLP
 * endpoints the other layers send to.
 */
export class AlloyCollectorAddon extends Addon<AlloyValues> {
  public readonly otlpGrpcEndpoint: ServiceEndpoint;
  public readonly otlpHttpEndpoint: ServiceEndpoint;
  /** The collector as the scraper the metrics targets admit (`scrapeMetrics(alloy.scraper)` of the add-ons exposing metrics). */
  public readonly scraper: MetricsScraper;

  constructor(scope: Construct, id: string, props: AlloyCollectorAddonProps) {
    const { env } = props;
    const ns = OBSERVABILITY_NAMESPACES;
    const cfg = env.observability.alloy;
    // shared with alloy-singleton: each release's policies select its own pods
    const podSelector = { 'app.kubernetes.io/instance': ALLOY.name };
    super(scope, id, {
      env,
      declaration: ALLOY,
      dependsOn: props.dependsOn,
      namespace: {
        name: ns.alloy,
        podSelector,
        ingress: [
          // pods get VPC addresses (VPC CNI), so the VPC block covers workloads of every namespace
          { description: 'OTLP from workloads of every namespace (traces, metrics)', peer: 'vpc', ports: [{ port: OTLP_PORTS.grpc }, { port: OTLP_PORTS.http }] },
        ],
        egress: [
          EGRESS_KUBE_API,
          { description: 'remote write to Mimir', peer: { namespace: props.mimirRemoteWrite.namespace }, ports: [{ port: props.mimirRemoteWrite.port }] },
          ...(props.tempoOtlpGrpc ? [{ description: 'traces to Tempo', peer: { namespace: props.tempoOtlpGrpc.namespace }, ports: [{ port: props.tempoOtlpGrpc.port }] }] : []),
          { description: 'scrapes of ServiceMonitor/PodMonitor/Probe targets in any namespace and on nodes', peer: 'vpc', ports: SCRAPE_PORTS.map((port) => ({ port })) },
        ],
      },
      chart: {
        values: alloyReleaseValues({
          dockerHub: dockerHubCache(env),
          name: ALLOY.name,
          pipeline: collectorPipeline({ cluster: clusterName(env), mimirRemoteWrite: props.mimirRemoteWrite, tempoOtlpGrpc: props.tempoOtlpGrpc, traceSamplingPercent: cfg.traceSamplingPercent }),
          controller: 'deployment',
          replicas: cfg.collectorReplicas,
          clustering: true,
          rbacRules: [],
          clusterRules: COLLECTOR_CLUSTER_RULES,
          extraPorts: [
            { name: 'otlp-grpc', port: OTLP_PORTS.grpc, targetPort: OTLP_PORTS.grpc, protocol: 'TCP', appProtocol: 'grpc' },
            { name: 'otlp-http', port: OTLP_PORTS.http, targetPort: OTLP_PORTS.http, protocol: 'TCP' },
          ],
          resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '2Gi' } },
        }),
      },
    });
    this.otlpGrpcEndpoint = { namespace: ns.alloy, service: ALLOY.name, port: OTLP_PORTS.grpc, scheme: 'grpc' };
    this.otlpHttpEndpoint = { namespace: ns.alloy, service: ALLOY.name, port: OTLP_PORTS.http };
    this.scraper = { namespace: ns.alloy, podLabels: podSelector, monitoringCrds: props.monitoringCrds };
  }
}
