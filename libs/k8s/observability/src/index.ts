/** Public API of @platform/k8s-observability. */
export * from './namespaces';
export * from './kube-prometheus-stack/alertmanager-config';
export * from './kube-prometheus-stack/default-rules';
export * from './kube-prometheus-stack/kube-prometheus-stack-addon';
export type * from './kube-prometheus-stack/kube-prometheus-stack-values';
export * from './pull-through-image';
export * from './s3-endpoint';
export * from './loki/loki-addon';
export type * from './loki/loki-values';
export * from './mimir/mimir-addon';
export type * from './mimir/mimir-values';
export * from './alloy/alloy-syntax';
export * from './alloy/alloy-pipelines';
export * from './alloy/alloy-release';
export type * from './alloy/alloy-values';
export * from './alloy/alloy-collector-addon';
export * from './alloy/alloy-logs-addon';
export * from './alloy/alloy-singleton-addon';
