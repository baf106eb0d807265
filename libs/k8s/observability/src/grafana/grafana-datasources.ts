import { type ServiceEndpoint, serviceUrl } from '@platform/k8s-core';

/** Datasource uids, stable so dashboards and cross-links can name them. */
export const DATASOURCE_UIDS = { mimir: 'mimir', loki: 'loki', tempo: 'tempo', alertmanager: 'alertmanager' } as const;

export interface GrafanaDatasourceInput {
  /** Prometheus API root of Mimir (`MimirAddon.queryEndpoint`). */
  readonly mimir: ServiceEndpoint;
  /** Loki HTTP API root (`LokiAddon.queryEndpoint`). */
  readonly loki: ServiceEndpoint;
  /** Tempo query API (`TempoAddon.queryEndpoint`); omitted while Tempo is off. */
  readonly tempo?: ServiceEndpoint;
  /** The Alertmanager API (`KubePrometheusStackAddon.alertmanagerEndpoint`). */
  readonly alertmanager: ServiceEndpoint;
}

/**
 * Grafana's provisioned datasources (`datasources.yaml`, apiVersion 1): Mimir as the default Prometheus datasource,
 * Loki with a derived `traceID` field linking to Tempo, Tempo with trace-to-logs (Loki, by namespace and pod),
 * trace-to-metrics (Mimir request rate of the service) and the service graph from Mimir, and the Alertmanager.
 * Nothing is editable in the UI: code is the source of truth.
 * @see https://grafana.com/docs/grafana/latest/administration/provisioning/#data-sources
 * @see https://grafana.com/docs/grafana/latest/datasources/tempo/configure-tempo-data-source/
 */
export function grafanaDatasources(input: GrafanaDatasourceInput): Record<string, unknown> {
  const uid = DATASOURCE_UIDS;
  const tempo = input.tempo;
  return {
    apiVersion: 1,
    datasources: [
      { name: 'Mimir', type: 'prometheus', uid: uid.mimir, access: 'proxy', url: serviceUrl(input.mimir), isDefault: true, editable: false, jsonData: { httpMethod: 'POST', prometheusType: 'Mimir', timeInterval: '30s' } },
      {
        name: 'Loki',
        type: 'loki',
        uid: uid.loki,
        access: 'proxy',
        url: serviceUrl(input.loki),
        editable: false,
        jsonData: {
          maxLines: 1000,
          ...(tempo ? { derivedFields: [{ name: 'TraceID', matcherRegex: '"?trace_?[iI][dD]"?[:=]"?(\\w+)', datasourceUid: uid.tempo, url: '$${__value.raw}' }] } : {}),
        },
      },
      ...(tempo
        ? [
            {
              name: 'Tempo',
              type: 'tempo',
              uid: uid.tempo,
              access: 'proxy',
              url: serviceUrl(tempo),
              editable: false,
              jsonData: {
                tracesToLogsV2: { datasourceUid: uid.loki, spanStartTimeShift: '-5m', spanEndTimeShift: '5m', filterByTraceID: true, tags: [{ key: 'k8s.namespace.name', value: 'namespace' }, { key: 'k8s.pod.name', value: 'pod' }] },
                tracesToMetrics: {
                  datasourceUid: uid.mimir,
                  spanStartTimeShift: '-5m',
                  spanEndTimeShift: '5m',
                  tags: [{ key: 'service.name', value: 'service' }],
                  queries: [{ name: 'Request rate', query: 'sum(rate(traces_spanmetrics_calls_total{$$__tags}[5m]))' }],
                },
                serviceMap: { datasourceUid: uid.mimir },
                nodeGraph: { enabled: true },
                lokiSearch: { datasourceUid: uid.loki },
              },
            },
          ]
        : []),
      { name: 'Alertmanager', type: 'alertmanager', uid: uid.alertmanager, access: 'proxy', url: serviceUrl(input.alertmanager), editable: false, jsonData: { implementation: 'prometheus', handleGrafanaManagedAlerts: false } },
    ],
  };
}
