/**
 * Typed subset of the cloudnative-pg chart 0.29.0 values the platform sets.
 * @see ../shared/upstream/charts/cloudnative-pg/0.29.0/values.schema.json
 */
export interface CloudnativePgValues {
  /** @see values.yaml `replicaCount` */
  readonly replicaCount: number;
  /** @see values.yaml `image` */
  readonly image: { readonly repository: string; readonly tag: string };
  /** Install the CRDs with the chart. @see values.yaml `crds.create` */
  readonly crds: { readonly create: boolean };
  /** Operator config: watch every namespace. @see values.yaml `config` */
  readonly config: { readonly clusterWide: boolean };
  /** @see values.yaml `priorityClassName` */
  readonly priorityClassName: string;
  /** @see values.yaml `resources` */
  readonly resources: { readonly requests: { readonly cpu: string; readonly memory: string }; readonly limits: { readonly memory: string } };
  /** @see values.yaml `monitoring.podMonitorEnabled` */
  readonly monitoring: { readonly podMonitorEnabled: boolean };
}
