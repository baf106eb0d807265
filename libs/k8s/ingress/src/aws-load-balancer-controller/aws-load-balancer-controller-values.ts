/**
 * Typed subset of the aws-load-balancer-controller chart 3.5.0 values the platform sets; every key
 * exists in the chart's values.yaml at the same path.
 * @see ../shared/upstream/charts/aws-load-balancer-controller/3.5.0/values.yaml
 */
export interface AwsLoadBalancerControllerValues {
  /** @see values.yaml `clusterName` */
  readonly clusterName: string;
  /** @see values.yaml `region` */
  readonly region: string;
  /** VPC lookup by tags instead of IMDS (nodes keep IMDS hop limit 1). @see values.yaml `vpcTags` */
  readonly vpcTags: Readonly<Record<string, string>>;
  /** @see values.yaml `serviceAccount` */
  readonly serviceAccount: { readonly create: false; readonly name: string };
  /** @see values.yaml `replicaCount` */
  readonly replicaCount: number;
  /** @see values.yaml `resources` */
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly memory: string };
  };
  /** @see values.yaml `podDisruptionBudget` */
  readonly podDisruptionBudget: { readonly maxUnavailable: number };
  /** `ip` targets: pods are VPC addresses with the Amazon VPC CNI. @see values.yaml `defaultTargetType` */
  readonly defaultTargetType: 'ip' | 'instance';
  /** Tags on every AWS resource the controller creates. @see values.yaml `defaultTags` */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** @see values.yaml `logLevel` */
  readonly logLevel: 'info' | 'debug';
  /**
   * The Service mutator webhook makes the controller the default for every new Service of type
   * LoadBalancer, with `failurePolicy: Fail` on all Services: while the controller is down, no
   * Service can be created anywhere in the cluster. @see values.yaml `enableServiceMutatorWebhook`
   */
  readonly enableServiceMutatorWebhook: boolean;
}
