/**
 * Typed subset of the plugin-barman-cloud chart 0.7.0 values the platform sets.
 * @see ../shared/upstream/charts/plugin-barman-cloud/0.7.0/values.schema.json
 */
export interface PluginBarmanCloudValues {
  /** @see values.yaml `image` */
  readonly image: { readonly registry: string; readonly repository: string; readonly tag: string };
  /** Image of the sidecar the plugin injects into every PostgreSQL pod. @see values.yaml `sidecarImage` */
  readonly sidecarImage: { readonly registry: string; readonly repository: string; readonly tag: string };
  /** @see values.yaml `crds.create` */
  readonly crds: { readonly create: boolean };
  /** @see values.yaml `priorityClassName` */
  readonly priorityClassName: string;
  /** @see values.yaml `resources` */
  readonly resources: { readonly requests: { readonly cpu: string; readonly memory: string }; readonly limits: { readonly memory: string } };
}
