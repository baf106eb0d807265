/**
 * Scrape interval of the stores' own ServiceMonitors (Mimir's `metaMonitoring.serviceMonitor.interval`, Loki's
 * `monitoring.serviceMonitor.interval`): ten scrapes in the 5-minute windows of their alerts. Mimir's chart leaves it
 * to the scraper (Alloy: 1m), Loki's defaults to 15s for recording rules the platform does not use; one value keeps
 * the stores' own series, which count against the tenant's limits like any other, at a known rate.
 * @see https://github.com/grafana/mimir/blob/mimir-distributed-5.6.0/operations/helm/charts/mimir-distributed/values.yaml (`metaMonitoring.serviceMonitor.interval`)
 * @see https://github.com/grafana-community/helm-charts/blob/loki-18.11.0/charts/loki/values.yaml (`monitoring.serviceMonitor.interval`)
 */
export const STORE_SCRAPE_INTERVAL = '30s';

/**
 * Port of the memcached exporter sidecar of the stores' caches (Mimir's chunks, index, metadata and results caches;
 * Loki's chunks and results caches): the port `http-metrics` of the cache Services, which the charts' ServiceMonitors
 * select like every other component's.
 * @see https://github.com/grafana/mimir/blob/mimir-distributed-5.6.0/operations/helm/charts/mimir-distributed/templates/memcached/_memcached-svc.tpl
 * @see https://github.com/grafana-community/helm-charts/blob/loki-18.11.0/charts/loki/templates/memcached/_memcached-svc.tpl
 */
export const MEMCACHED_EXPORTER_PORT = 9150;

/**
 * The local limit one ingester enforces for a global per-tenant limit (Mimir `max_global_series_per_user`, Loki
 * `max_global_streams_per_user`): both stores convert it as `global x replication factor / ingesters`, rounded down.
 * @see https://grafana.com/docs/mimir/latest/configure/configuration-parameters/#limits
 * @see https://grafana.com/docs/loki/latest/configure/#limits_config
 */
export function ingesterLocalLimit(globalLimit: number, replicationFactor: number, ingesters: number): number {
  return Math.floor((globalLimit * replicationFactor) / ingesters);
}
