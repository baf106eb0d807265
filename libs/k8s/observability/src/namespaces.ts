/**
 * Namespaces of the observability layer. Loki, Mimir and Tempo match their Pod Identity contract
 * entries (`@platform/config` add-on declarations), the rest are the layer's own.
 */
export const OBSERVABILITY_NAMESPACES = {
  monitoring: 'monitoring',
  nodeExporter: 'monitoring-node-exporter',
  loki: 'loki',
  mimir: 'mimir',
  tempo: 'tempo',
  alloy: 'alloy',
  alloyLogs: 'alloy-logs',
  grafana: 'grafana',
} as const;

/** PriorityClass of the observability workloads (baseline `PRIORITY_CLASSES`): tenants depend on them, the cluster runs without them. */
export const OBSERVABILITY_PRIORITY_CLASS = 'platform-high';
