import { PodMonitor } from '@platform/k8s-imports/monitoring.coreos.com';
import { Construct } from 'constructs';
import { ISTIOD_PORTS } from '../istio-namespace';

/**
 * Named container ports of the pods istiod deploys (istio-discovery chart 1.30.3): istiod's monitoring port
 * (`pilot_*`, 15014) and the gateway Envoy's Prometheus stats (`istio_requests_total`, 15090).
 * @see https://github.com/istio/istio/blob/1.30.3/manifests/charts/istio-control/istio-discovery/templates/deployment.yaml
 * @see https://github.com/istio/istio/blob/1.30.3/manifests/charts/istio-control/istio-discovery/files/kube-gateway.yaml
 */
export const ISTIO_METRICS_ENDPOINTS = {
  istiod: { port: 'http-monitoring', portNumber: ISTIOD_PORTS.monitoring, path: '/metrics' },
  envoy: { port: 'http-envoy-prom', portNumber: 15090, path: '/stats/prometheus' },
} as const;

export interface IstioPodMonitorProps {
  /** Object name. */
  readonly name: string;
  readonly namespace: string;
  /** Labels of the scraped pods (matchLabels). */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly endpoint: (typeof ISTIO_METRICS_ENDPOINTS)[keyof typeof ISTIO_METRICS_ENDPOINTS];
}

/**
 * A PodMonitor on one named metrics port of Istio pods (no Service exposes the gateway's Envoy stats, and
 * istiod's Service port is not named after its container port), in the pods' own namespace.
 * @see https://istio.io/latest/docs/ops/integrations/prometheus/#option-2-customized-scraping-configurations
 */
export class IstioPodMonitor extends Construct {
  constructor(scope: Construct, id: string, props: IstioPodMonitorProps) {
    super(scope, id);
    new PodMonitor(this, 'monitor', {
      metadata: { name: props.name, namespace: props.namespace, labels: { 'app.kubernetes.io/part-of': 'istio', 'app.kubernetes.io/component': 'metrics' } },
      spec: {
        selector: { matchLabels: { ...props.podLabels } },
        namespaceSelector: { matchNames: [props.namespace] },
        podMetricsEndpoints: [{ port: props.endpoint.port, path: props.endpoint.path }],
      },
    });
  }
}
