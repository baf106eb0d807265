import { ServiceMonitor, ServiceMonitorSpecEndpointsScheme } from '@platform/k8s-imports/monitoring.coreos.com';
import { Construct } from 'constructs';

/** Scrape interval of the servers' metrics (the alerts wait 5 minutes, so 10 scrapes). */
export const OPENBAO_SCRAPE_INTERVAL = '30s';

export interface OpenBaoServiceMonitorProps {
  readonly namespace: string;
  /** Service whose endpoints are every server pod, ready or not (the chart's headless `<release>-internal`). */
  readonly service: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
  /** Name of the Service port of the HTTPS API listener. */
  readonly port: string;
  /** Path of the metrics endpoint (queried with `format=prometheus`). */
  readonly path: string;
}

/**
 * The ServiceMonitor of the OpenBao servers: every pod behind the headless Service (so a sealed, unready
 * server is still scraped: publishNotReadyAddresses), `GET <path>?format=prometheus` over HTTPS without a
 * token. The CA is not verified: its only in-cluster copies are Secrets holding private keys (the servers'
 * `openbao-tls`, the `platform-ca` root), which the scraper must not read; no credential crosses this
 * connection, and only the scraper's pods may open it (NetworkPolicy). ADR 0018.
 * @see https://github.com/openbao/openbao-helm/blob/openbao-0.29.2/charts/openbao/templates/prometheus-servicemonitor.yaml
 */
export class OpenBaoServiceMonitor extends Construct {
  public readonly monitor: ServiceMonitor;

  constructor(scope: Construct, id: string, props: OpenBaoServiceMonitorProps) {
    super(scope, id);
    this.monitor = new ServiceMonitor(this, 'monitor', {
      metadata: { name: 'openbao', namespace: props.namespace, labels: { 'app.kubernetes.io/part-of': 'openbao', 'app.kubernetes.io/component': 'metrics' } },
      spec: {
        selector: { matchLabels: { ...props.service.labels } },
        namespaceSelector: { matchNames: [props.namespace] },
        endpoints: [
          {
            port: props.port,
            scheme: ServiceMonitorSpecEndpointsScheme.HTTPS,
            path: props.path,
            params: { format: ['prometheus'] },
            interval: OPENBAO_SCRAPE_INTERVAL,
            tlsConfig: { insecureSkipVerify: true },
          },
        ],
      },
    });
  }
}
