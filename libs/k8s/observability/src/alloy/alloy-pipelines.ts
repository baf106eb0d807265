import { type ServiceEndpoint, serviceAddress, serviceUrl } from '@platform/k8s-core';
import { TEMPO_SAMPLE_RATIO_ATTRIBUTE } from '../tempo/tempo-addon';
import { type AlloyBlock, expr, ref } from './alloy-syntax';

/** OTLP receiver ports (the OpenTelemetry defaults). @see https://opentelemetry.io/docs/specs/otlp/#otlpgrpc-default-port */
export const OTLP_PORTS = { grpc: 4317, http: 4318 } as const;

/** Label every series, log stream and trace carries to tell clusters apart in the shared stores. */
export const CLUSTER_LABEL = 'cluster';

function lokiWrite(cluster: string, loki: ServiceEndpoint): AlloyBlock {
  return { name: 'loki.write', label: 'default', attributes: { external_labels: { [CLUSTER_LABEL]: cluster } }, blocks: [{ name: 'endpoint', attributes: { url: serviceUrl(loki) } }] };
}

function remoteWrite(cluster: string, mimir: ServiceEndpoint): AlloyBlock {
  return { name: 'prometheus.remote_write', label: 'mimir', attributes: { external_labels: { [CLUSTER_LABEL]: cluster } }, blocks: [{ name: 'endpoint', attributes: { url: serviceUrl(mimir) } }] };
}

export interface CollectorPipelineInput {
  /** Cluster name (external label). */
  readonly cluster: string;
  /** Mimir remote write (`MimirAddon.remoteWriteEndpoint`). */
  readonly mimirRemoteWrite: ServiceEndpoint;
  /** Tempo OTLP gRPC ingest; without it the receiver accepts metrics only. */
  readonly tempoOtlpGrpc?: ServiceEndpoint;
  /** Share of traces kept, percent (0-100]. */
  readonly traceSamplingPercent: number;
}

/**
 * The clustered collector: the OTLP receiver (gRPC and HTTP) batching metrics to Mimir and
 * (probabilistically sampled, the platform's one trace sampler) traces to Tempo, each kept span marked with the
 * kept share (`X-SampleRatio`, when below 100%) so Tempo's span metrics count requests, and the scrapes of every ServiceMonitor, PodMonitor
 * and Probe, shared between the replicas by Alloy clustering, remote-written to Mimir.
 * @see https://grafana.com/docs/alloy/latest/reference/components/otelcol/otelcol.receiver.otlp/
 * @see https://grafana.com/docs/alloy/latest/reference/components/prometheus/prometheus.operator.servicemonitors/
 */
export function collectorPipeline(input: CollectorPipelineInput): AlloyBlock[] {
  const traces = input.tempoOtlpGrpc !== undefined;
  const toMimir = [ref('prometheus.remote_write', 'mimir', 'receiver')];
  const clustered: AlloyBlock = { name: 'clustering', attributes: { enabled: true } };
  const blocks: AlloyBlock[] = [
    {
      name: 'otelcol.receiver.otlp',
      label: 'default',
      blocks: [
        { name: 'grpc', attributes: { endpoint: `0.0.0.0:${OTLP_PORTS.grpc}` } },
        { name: 'http', attributes: { endpoint: `0.0.0.0:${OTLP_PORTS.http}` } },
        {
          name: 'output',
          attributes: {
            metrics: [ref('otelcol.processor.batch', 'default', 'input')],
            ...(traces ? { traces: [ref('otelcol.processor.probabilistic_sampler', 'traces', 'input')] } : {}),
          },
        },
      ],
    },
  ];
  if (traces) {
    const sampled = input.traceSamplingPercent < 100;
    blocks.push({
      name: 'otelcol.processor.probabilistic_sampler',
      label: 'traces',
      attributes: { sampling_percentage: input.traceSamplingPercent },
      blocks: [{ name: 'output', attributes: { traces: [sampled ? ref('otelcol.processor.attributes', 'sample_ratio', 'input') : ref('otelcol.processor.batch', 'default', 'input')] } }],
    });
    if (sampled) {
      blocks.push({
        name: 'otelcol.processor.attributes',
        label: 'sample_ratio',
        blocks: [
          { name: 'action', attributes: { key: TEMPO_SAMPLE_RATIO_ATTRIBUTE, value: input.traceSamplingPercent / 100, action: 'upsert' } },
          { name: 'output', attributes: { traces: [ref('otelcol.processor.batch', 'default', 'input')] } },
        ],
      });
    }
  }
  blocks.push(
    {
      name: 'otelcol.processor.batch',
      label: 'default',
      blocks: [
        {
          name: 'output',
          attributes: {
            metrics: [ref('otelcol.exporter.prometheus', 'mimir', 'input')],
            ...(traces ? { traces: [ref('otelcol.exporter.otlp', 'tempo', 'input')] } : {}),
          },
        },
      ],
    },
    { name: 'otelcol.exporter.prometheus', label: 'mimir', attributes: { forward_to: toMimir } },
  );
  if (input.tempoOtlpGrpc) {
    blocks.push({
      name: 'otelcol.exporter.otlp',
      label: 'tempo',
      blocks: [{ name: 'client', attributes: { endpoint: serviceAddress(input.tempoOtlpGrpc) }, blocks: [{ name: 'tls', attributes: { insecure: true } }] }],
    });
  }
  for (const kind of ['servicemonitors', 'podmonitors', 'probes']) {
    blocks.push({ name: `prometheus.operator.${kind}`, label: 'default', attributes: { forward_to: toMimir }, blocks: [clustered] });
  }
  blocks.push(remoteWrite(input.cluster, input.mimirRemoteWrite));
  return blocks;
}

export interface PodLogsPipelineInput {
  readonly cluster: string;
  /** Loki push (`LokiAddon.pushEndpoint`). */
  readonly lokiPush: ServiceEndpoint;
}

/**
 * Per node (DaemonSet): the pods scheduled on this node (`NODE_NAME` from the downward API), their
 * container log files under `/var/log/pods`, parsed as CRI, labelled with namespace, pod, container
 * and app, pushed to Loki.
 * @see https://grafana.com/docs/alloy/latest/collect/logs-in-kubernetes/
 */
export function podLogsPipeline(input: PodLogsPipelineInput): AlloyBlock[] {
  const relabel = (source: string, target: string): AlloyBlock => ({ name: 'rule', attributes: { source_labels: [source], target_label: target } });
  return [
    {
      name: 'discovery.kubernetes',
      label: 'pods',
      attributes: { role: 'pod' },
      blocks: [{ name: 'selectors', attributes: { role: 'pod', field: expr('"spec.nodeName=" + sys.env("NODE_NAME")') } }],
    },
    {
      name: 'discovery.relabel',
      label: 'pod_logs',
      attributes: { targets: ref('discovery.kubernetes', 'pods', 'targets') },
      blocks: [
        relabel('__meta_kubernetes_namespace', 'namespace'),
        relabel('__meta_kubernetes_pod_name', 'pod'),
        relabel('__meta_kubernetes_pod_container_name', 'container'),
        relabel('__meta_kubernetes_pod_label_app_kubernetes_io_name', 'app'),
        {
          name: 'rule',
          attributes: { source_labels: ['__meta_kubernetes_pod_uid', '__meta_kubernetes_pod_container_name'], separator: '/', target_label: '__path__', replacement: '/var/log/pods/*$1/*.log' },
        },
      ],
    },
    { name: 'local.file_match', label: 'pod_logs', attributes: { path_targets: ref('discovery.relabel', 'pod_logs', 'output') } },
    { name: 'loki.source.file', label: 'pod_logs', attributes: { targets: ref('local.file_match', 'pod_logs', 'targets'), forward_to: [ref('loki.process', 'pod_logs', 'receiver')] } },
    { name: 'loki.process', label: 'pod_logs', attributes: { forward_to: [ref('loki.write', 'default', 'receiver')] }, blocks: [{ name: 'stage.cri' }] },
    lokiWrite(input.cluster, input.lokiPush),
  ];
}

export interface SingletonPipelineInput {
  readonly cluster: string;
  readonly lokiPush: ServiceEndpoint;
  /** Mimir ruler API root (`MimirAddon.rulerEndpoint`). */
  readonly mimirRuler: ServiceEndpoint;
}

/**
 * One replica only (a second would duplicate every event and race on the rule groups): Kubernetes
 * events of every namespace to Loki, and every PrometheusRule loaded into the Mimir ruler.
 * @see https://grafana.com/docs/alloy/latest/reference/components/loki/loki.source.kubernetes_events/
 * @see https://grafana.com/docs/alloy/latest/reference/components/mimir/mimir.rules.kubernetes/
 */
export function singletonPipeline(input: SingletonPipelineInput): AlloyBlock[] {
  return [
    { name: 'loki.source.kubernetes_events', label: 'cluster', attributes: { log_format: 'json', forward_to: [ref('loki.write', 'default', 'receiver')] } },
    lokiWrite(input.cluster, input.lokiPush),
    { name: 'mimir.rules.kubernetes', label: 'default', attributes: { address: serviceUrl(input.mimirRuler) } },
  ];
}
