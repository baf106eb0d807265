/**
 * Typed subset of the redis-operator chart 0.26.1 values the platform sets.
 * @see ../shared/upstream/charts/redis-operator/0.26.1/values.yaml
 */
export interface RedisOperatorValues {
  /** @see values.yaml `redisOperator` */
  readonly redisOperator: {
    readonly imageName: string;
    readonly imageTag: string;
    readonly imagePullPolicy: 'IfNotPresent';
    /** Namespaces the operator reconciles (comma separated). */
    readonly watchNamespace: string;
    /** Admission webhook (only for the masterSlaveAntiAffinity feature). */
    readonly webhook: boolean;
    readonly metrics: { readonly enabled: boolean; readonly bindAddress: string };
  };
  /** @see values.yaml `replicas` */
  readonly replicas: number;
  /** @see values.yaml `resources` */
  readonly resources: { readonly requests: { readonly cpu: string; readonly memory: string }; readonly limits: { readonly memory: string } };
  /** @see values.yaml `priorityClassName` */
  readonly priorityClassName: string;
  /** @see values.yaml `podSecurityContext` */
  readonly podSecurityContext: { readonly runAsNonRoot: boolean; readonly seccompProfile: { readonly type: 'RuntimeDefault' } };
  /** @see values.yaml `securityContext` */
  readonly securityContext: { readonly allowPrivilegeEscalation: boolean; readonly readOnlyRootFilesystem: boolean; readonly capabilities: { readonly drop: readonly string[] } };
}
