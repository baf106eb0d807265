/**
 * Typed subset of the karpenter chart 1.14.1 values the platform sets; every key exists in the
 * chart's values.yaml at the same path.
 * @see ../shared/upstream/charts/karpenter/1.14.1/values.yaml
 */
export interface KarpenterValues {
  /** @see values.yaml `serviceAccount` */
  readonly serviceAccount: { readonly create: false; readonly name: string };
  /** @see values.yaml `replicas` */
  readonly replicas: number;
  /** @see values.yaml `podDisruptionBudget` */
  readonly podDisruptionBudget: { readonly name: string; readonly maxUnavailable: number };
  /** @see values.yaml `priorityClassName` */
  readonly priorityClassName: string;
  /**
   * The chart's ServiceMonitor on the controller's `http-metrics` port; rendered only when the cluster serves
   * `monitoring.coreos.com/v1`. @see values.yaml `serviceMonitor`
   */
  readonly serviceMonitor: { readonly enabled: boolean };
  /** @see values.yaml `logLevel` */
  readonly logLevel: 'debug' | 'info' | 'error';
  readonly controller: {
    /**
     * Extra container env. `AWS_REGION` is set explicitly: pods cannot reach IMDS (hop limit 1),
     * so the SDK cannot discover the region itself. @see values.yaml `controller.env`
     */
    readonly env: readonly { readonly name: string; readonly value: string }[];
    /** @see values.yaml `controller.resources` */
    readonly resources: {
      readonly requests: { readonly cpu: string; readonly memory: string };
      readonly limits: { readonly cpu: string; readonly memory: string };
    };
  };
  readonly settings: {
    /** @see values.yaml `settings.clusterName` */
    readonly clusterName: string;
    /** SQS queue name of EC2 interruption events. @see values.yaml `settings.interruptionQueue` */
    readonly interruptionQueue: string;
  };
}

/** The karpenter-crd chart 1.14.1 has a single value. @see ../shared/upstream/charts/karpenter-crd/1.14.1/values.yaml */
export interface KarpenterCrdValues {
  readonly additionalAnnotations: Readonly<Record<string, string>>;
}
