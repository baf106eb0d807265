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
});
