/**
 * Typed subset of the strimzi-kafka-operator chart 1.2.0 values the platform sets.
 * @see ../shared/upstream/charts/strimzi-kafka-operator/1.2.0/values.yaml
 */
export interface StrimziKafkaOperatorValues {
  /** @see values.yaml `replicas` */
  readonly replicas: number;
  /** Namespaces the operator reconciles besides its own (RoleBindings are created there). @see values.yaml `watchNamespaces` */
  readonly watchNamespaces: readonly string[];
  /** @see values.yaml `defaultImageRegistry` */
  readonly defaultImageRegistry: string;
  /** @see values.yaml `defaultImageRepository` */
  readonly defaultImageRepository: string;
  /** Tag of every operator-managed image (operator, topic/user operators, init): the release. @see values.yaml `defaultImageTag` */
  readonly defaultImageTag: string;
  /** Let the operator write its own (permissive) NetworkPolicies; off, the platform's namespace policies apply. @see values.yaml `generateNetworkPolicy` */
  readonly generateNetworkPolicy: boolean;
  /** @see values.yaml `priorityClassName` */
  readonly priorityClassName: string;
  /** @see values.yaml `resources` */
  readonly resources: { readonly requests: { readonly cpu: string; readonly memory: string }; readonly limits: { readonly memory: string } };
}
