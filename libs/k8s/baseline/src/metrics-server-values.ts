/**
 * Hand-typed subset of the metrics-server chart 3.13.0 values the platform sets. The chart is not
 * in the upstream reference data, so this interface is kept deliberately small; every key exists
 * in the chart's values.yaml at the same path.
 * @see https://github.com/kubernetes-sigs/metrics-server/blob/metrics-server-helm-chart-3.13.0/charts/metrics-server/values.yaml
 */
export interface MetricsServerValues {
  /** @see values.yaml `replicas` (chart default 1) */
  readonly replicas: number;
  /** @see values.yaml `priorityClassName` (chart default system-cluster-critical) */
  readonly priorityClassName: string;
  /** @see values.yaml `podDisruptionBudget` */
  readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable: number };
  /** @see values.yaml `resources` (chart default requests 100m / 200Mi) */
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly memory: string };
  };
  /** @see values.yaml `containerPort` (chart default 10250) */
  readonly containerPort: number;
}
