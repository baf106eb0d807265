/** Public API of @platform/k8s-observability. */
export * from './namespaces';
export * from './kube-prometheus-stack/alertmanager-config';
export * from './kube-prometheus-stack/default-rules';
export * from './kube-prometheus-stack/kube-prometheus-stack-addon';
export type * from './kube-prometheus-stack/kube-prometheus-stack-values';
