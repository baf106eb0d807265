import { defineAddon } from './addon-declaration';

/**
 * kube-prometheus-stack: the prometheus-operator (and its CRDs, which every layer's ServiceMonitors,
 * PodMonitors and PrometheusRules need), kube-state-metrics, node-exporter and Alertmanager. Its
 * Prometheus server is off: Alloy scrapes and Mimir stores (ADR 0030).
 */
export const KUBE_PROMETHEUS_STACK = defineAddon({
  name: 'kube-prometheus-stack',
  description: 'prometheus-operator + CRDs, kube-state-metrics, node-exporter, Alertmanager (Prometheus off: Alloy scrapes, Mimir stores)',
  layer: 'observability',
  optional: false,
  chart: {
    key: 'kube-prometheus-stack',
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '88.5.3',
    // kube-state-metrics and prometheus-node-exporter are subcharts without reference data (their images are
    // checked on the rendered pods in-cluster); the rest are kube-prometheus-stack's own image maps.
    images: [
      { path: 'prometheusOperator.image', when: ['prometheusOperator.enabled'] },
      { path: 'prometheusOperator.prometheusConfigReloader.image', when: ['prometheusOperator.enabled'] },
      { path: 'prometheusOperator.admissionWebhooks.patch.image', when: ['prometheusOperator.enabled', 'prometheusOperator.admissionWebhooks.enabled', 'prometheusOperator.admissionWebhooks.patch.enabled'] },
      { path: 'alertmanager.alertmanagerSpec.image', when: ['alertmanager.enabled'] },
      { path: 'prometheus.prometheusSpec.image', when: ['prometheus.enabled'] },
      { path: 'thanosRuler.thanosRulerSpec.image', when: ['thanosRuler.enabled'] },
      { path: 'crds.upgradeJob.image.busybox', when: ['crds.enabled', 'crds.upgradeJob.enabled'] },
      { path: 'crds.upgradeJob.image.kubectl', when: ['crds.enabled', 'crds.upgradeJob.enabled'] },
    ],
  },
  // Alertmanager's SNS receivers publish to the environment's KMS-encrypted alerts topic
  podIdentities: [{ id: 'alertmanager', namespace: 'monitoring', serviceAccount: 'alertmanager', permissions: [{ kind: 'sns-publish-alerts' }], serviceAccountOwner: 'platform' }],
});

/**
 * Grafana Mimir: the metric store (Prometheus remote write from Alloy, PromQL for Grafana and the
 * Argo Rollouts analysis, ruler for every PrometheusRule) on the `metrics` bucket. Blocks live under
 * `mimir/`, rules under `mimirruler/`: Mimir refuses blocks and ruler storage on one bucket and
 * prefix, and accepts only alphanumeric prefixes (ADR 0031).
 */
export const MIMIR = defineAddon({
  name: 'mimir-distributed',
  description: 'Grafana Mimir: metrics store on S3 (remote write, PromQL, ruler for PrometheusRules)',
  layer: 'observability',
  optional: false,
  chart: {
    key: 'mimir-distributed',
    repoURL: 'https://grafana.github.io/helm-charts',
    chart: 'mimir-distributed',
    version: '5.6.0',
    // the rollout-operator subchart (zone-aware mode) has no reference data; its image is set in the values
    images: [
      { path: 'image' },
      { path: 'memcached.image' },
      { path: 'memcachedExporter.image', when: ['memcachedExporter.enabled'] },
      { path: 'nginx.image', when: ['nginx.enabled'] },
      { path: 'gateway.nginx.image', when: ['gateway.enabled', 'gateway.enabledNonEnterprise'] },
      { path: 'enterprise.image', when: ['enterprise.enabled'] },
    ],
  },
  podIdentities: [
    { id: 'mimir', namespace: 'mimir', serviceAccount: 'mimir', permissions: [{ kind: 's3-bucket', bucket: 'metrics', extraPrefixes: ['mimirruler/'] }], serviceAccountOwner: 'platform' },
  ],
});

/** Loki (community chart): the log store on the `logs` bucket, keys under `loki/` (thanos objstore client, ADR 0031). */
export const LOKI = defineAddon({
  name: 'loki',
  description: 'Loki: log store on S3 (pod logs and Kubernetes events from Alloy)',
  layer: 'observability',
  optional: false,
  chart: {
    key: 'loki',
    repoURL: 'https://grafana-community.github.io/helm-charts',
    chart: 'loki',
    version: '18.11.0',
    images: [
      { path: 'loki.image' },
      { path: 'gateway.image', when: ['gateway.enabled'] },
      { path: 'memcached.image', when: ['memcached.enabled'] },
      { path: 'memcachedExporter.image', when: ['memcachedExporter.enabled'] },
      { path: 'sidecar.image', when: ['sidecar.rules.enabled'] },
      { path: 'lokiCanary.image', when: ['lokiCanary.enabled'] },
      { path: 'test.image', when: ['test.enabled'] },
    ],
  },
  podIdentities: [{ id: 'loki', namespace: 'loki', serviceAccount: 'loki', permissions: [{ kind: 's3-bucket', bucket: 'logs' }], serviceAccountOwner: 'platform' }],
});

/**
 * Grafana Tempo (tempo-distributed, microservices mode): the trace store on the `traces` bucket, keys
 * under `tempo/` (minio-go, Pod Identity, ADR 0031). Tempo 3 queues spans in Kafka between the
 * distributors and the block-builders/live-stores (ADR 0034), so the add-on is optional: an
 * environment enables it once a traces Kafka is composed for it.
 */
export const TEMPO = defineAddon({
  name: 'tempo-distributed',
  description: 'Grafana Tempo: trace store on S3 (OTLP from Alloy, spans queued in the dedicated traces Kafka)',
  layer: 'observability',
  optional: true,
  requires: ['traces-kafka'],
  chart: {
    key: 'tempo-distributed',
    repoURL: 'https://grafana-community.github.io/helm-charts',
    chart: 'tempo-distributed',
    version: '3.3.0',
    // component images default to tempo.image; the rollout-operator subchart stays off (no zone-aware StatefulSets)
    images: [
      { path: 'tempo.image' },
      { path: 'queryFrontend.query.image', when: ['queryFrontend.query.enabled'] },
      { path: 'memcached.image', when: ['memcached.enabled'] },
      { path: 'memcachedExporter.image', when: ['memcachedExporter.enabled'] },
      { path: 'gateway.image', when: ['gateway.enabled'] },
      { path: 'enterprise.image', when: ['enterprise.enabled'] },
    ],
  },
  podIdentities: [{ id: 'tempo', namespace: 'tempo', serviceAccount: 'tempo', permissions: [{ kind: 's3-bucket', bucket: 'traces' }], serviceAccountOwner: 'platform' }],
});

/**
 * Grafana (community chart): dashboards, Explore and alert views over Mimir, Loki and Tempo; datasources and
 * dashboards provisioned from code, OIDC SSO, behind an internet-facing ALB limited to the environment's CIDRs.
 */
export const GRAFANA = defineAddon({
  name: 'grafana',
  description: 'Grafana: datasources (Mimir, Loki, Tempo) and platform dashboards as code, OIDC SSO, ALB with inbound CIDRs',
  layer: 'observability',
  optional: false,
  chart: {
    key: 'grafana',
    repoURL: 'https://grafana-community.github.io/helm-charts',
    chart: 'grafana',
    version: '12.11.1',
    images: [
      { path: 'image' },
      { path: 'initChownData.image', when: ['initChownData.enabled'] },
      { path: 'sidecar.image', when: ['sidecar.dashboards.enabled'] },
      { path: 'imageRenderer.image', when: ['imageRenderer.enabled'] },
      { path: 'testFramework.image', when: ['testFramework.enabled'] },
    ],
  },
});

/** Grafana Alloy image maps (the same chart backs the three Alloy add-ons). */
const ALLOY_CHART = {
  repoURL: 'https://grafana.github.io/helm-charts',
  chart: 'alloy',
  version: '1.11.1',
  images: [{ path: 'image' }, { path: 'configReloader.image', when: ['configReloader.enabled'] }],
} as const;

/** Alloy, clustered Deployment: OTLP receiver (traces to Tempo, metrics to Mimir) and the ServiceMonitor/PodMonitor/Probe scrapes. */
export const ALLOY = defineAddon({
  name: 'alloy',
  description: 'Alloy collector: OTLP gRPC/HTTP receiver, ServiceMonitor/PodMonitor/Probe scrapes to Mimir',
  layer: 'observability',
  optional: false,
  chart: { key: 'alloy', ...ALLOY_CHART },
});

/** Alloy DaemonSet: every node's pod log files to Loki. */
export const ALLOY_LOGS = defineAddon({
  name: 'alloy-logs',
  description: 'Alloy DaemonSet: pod logs of every node to Loki',
  layer: 'observability',
  optional: false,
  chart: { key: 'alloy-logs', ...ALLOY_CHART },
});

/** Alloy single instance: Kubernetes events to Loki, PrometheusRules to the Mimir ruler. */
export const ALLOY_SINGLETON = defineAddon({
  name: 'alloy-singleton',
  description: 'Alloy single instance: Kubernetes events to Loki, PrometheusRules to the Mimir ruler',
  layer: 'observability',
  optional: false,
  chart: { key: 'alloy-singleton', ...ALLOY_CHART },
});
