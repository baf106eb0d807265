/**
 * Where each family of metrics the platform's PrometheusRules read comes from: the exporter and the rendered evidence
 * that the collector scrapes it. XL-OBS-005 checks every metric name of every rendered PrometheusRule against this
 * table, so a rule on a metric nothing scrapes (an alert that is silently green forever) fails validation.
 */

/**
 * Rendered evidence of a scrape:
 * - `chartValue`: the chart of Application `application` renders its own monitor when the value at `path` of its
 *   inline values is `true` (`upstreamDefault` when the values leave it out);
 * - `monitor`: a rendered ServiceMonitor or PodMonitor with an endpoint on the named port (`port`), on the path
 *   (`path`), or selecting pods/services by the label key (`selectorLabel`).
 */
export type ScrapeEvidence =
  | { readonly chartValue: { readonly application: string; readonly path: readonly string[]; readonly upstreamDefault: boolean } }
  | { readonly monitor: { readonly port?: string; readonly path?: string; readonly selectorLabel?: string } };

/** One exporter: the metric name prefixes it serves and the evidence that it is scraped. */
export interface MetricScrapeSource {
  /** Metric name prefixes (`karpenter_`). */
  readonly prefixes: readonly string[];
  /** Who exports them, for the finding. */
  readonly exporter: string;
  readonly evidence: ScrapeEvidence;
}

/** Series Prometheus-compatible rule evaluators produce themselves (no scrape): `up` of every target, the alert series. */
export const SYNTHETIC_METRICS: readonly string[] = ['up', 'ALERTS', 'ALERTS_FOR_STATE'];

/**
 * The exporters of the metrics the platform rules read. A rule on a new family needs a row here, and the row's
 * evidence must be rendered.
 */
export const METRIC_SCRAPE_SOURCES: readonly MetricScrapeSource[] = [
  // kube-prometheus-stack: kube-state-metrics (ServiceMonitor of the chart; upstream `kubeStateMetrics.enabled: true`)
  { prefixes: ['kube_'], exporter: 'kube-state-metrics', evidence: { chartValue: { application: 'kube-prometheus-stack', path: ['kubeStateMetrics', 'enabled'], upstreamDefault: true } } },
  { prefixes: ['argocd_'], exporter: 'ArgoCD application controller', evidence: { chartValue: { application: 'argocd', path: ['controller', 'metrics', 'serviceMonitor', 'enabled'], upstreamDefault: false } } },
  { prefixes: ['grpc_server_'], exporter: 'argocd-server (gRPC API)', evidence: { chartValue: { application: 'argocd', path: ['server', 'metrics', 'serviceMonitor', 'enabled'], upstreamDefault: false } } },
  { prefixes: ['karpenter_'], exporter: 'Karpenter controller', evidence: { chartValue: { application: 'karpenter', path: ['serviceMonitor', 'enabled'], upstreamDefault: false } } },
  { prefixes: ['certmanager_'], exporter: 'cert-manager controller', evidence: { chartValue: { application: 'cert-manager', path: ['prometheus', 'servicemonitor', 'enabled'], upstreamDefault: false } } },
  { prefixes: ['externalsecret_'], exporter: 'External Secrets controller', evidence: { chartValue: { application: 'external-secrets', path: ['serviceMonitor', 'enabled'], upstreamDefault: false } } },
  { prefixes: ['falcosecurity_falcosidekick_'], exporter: 'falcosidekick', evidence: { chartValue: { application: 'falcosidekick', path: ['serviceMonitor', 'enabled'], upstreamDefault: false } } },
  { prefixes: ['velero_'], exporter: 'Velero server', evidence: { chartValue: { application: 'velero', path: ['metrics', 'serviceMonitor', 'enabled'], upstreamDefault: false } } },
  // the stores' own metrics: one chart ServiceMonitor per Mimir component and cache, one for every Loki Service
  { prefixes: ['cortex_'], exporter: 'Mimir components', evidence: { chartValue: { application: 'mimir-distributed', path: ['metaMonitoring', 'serviceMonitor', 'enabled'], upstreamDefault: false } } },
  { prefixes: ['loki_'], exporter: 'Loki components', evidence: { chartValue: { application: 'loki', path: ['monitoring', 'serviceMonitor', 'enabled'], upstreamDefault: false } } },
  // istiod's monitoring port and the gateway Envoy's Prometheus stats (istio-discovery container port names)
  { prefixes: ['pilot_'], exporter: 'istiod', evidence: { monitor: { port: 'http-monitoring' } } },
  { prefixes: ['istio_'], exporter: 'Envoy of the ingress gateway', evidence: { monitor: { port: 'http-envoy-prom', path: '/stats/prometheus' } } },
  { prefixes: ['cnpg_', 'barman_cloud_'], exporter: 'CloudNativePG instances', evidence: { monitor: { selectorLabel: 'cnpg.io/cluster' } } },
  // Strimzi: the brokers' JMX exporter and the Kafka Exporter (consumer lag) share the port name
  { prefixes: ['kafka_'], exporter: 'Strimzi Kafka (JMX exporter, Kafka Exporter)', evidence: { monitor: { port: 'tcp-prometheus' } } },
  { prefixes: ['redis_'], exporter: 'redis-exporter sidecar', evidence: { monitor: { port: 'redis-exporter' } } },
  { prefixes: ['vault_'], exporter: 'OpenBao servers', evidence: { monitor: { path: '/v1/sys/metrics' } } },
  // golden path: Spring Boot actuator on the management port
  { prefixes: ['http_server_requests_'], exporter: 'Spring Boot actuator (golden-path services)', evidence: { monitor: { port: 'management' } } },
];
