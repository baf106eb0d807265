import type { ComponentResources } from '../cert-manager/cert-manager-values';
import type { FalcoImage } from '../falco/falco-values';

/** One falcosidekick output: `hostport` (`<scheme>://<host>:<port>`), the path and the least priority it gets. */
export interface SidekickOutput {
  readonly hostport: string;
  readonly endpoint: string;
  readonly minimumpriority: string;
}

/**
 * Typed subset of the falcosidekick chart 0.14.0 values the platform sets.
 * @see ../shared/upstream/charts/falcosidekick/0.14.0/values.yaml
 */
export interface FalcosidekickValues {
  /** @see values.yaml `replicaCount` */
  readonly replicaCount: number;
  /** @see values.yaml `image` */
  readonly image: FalcoImage;
  /** @see values.yaml `priorityClassName` */
  readonly priorityClassName: string;
  /** @see values.yaml `securityContext` */
  readonly securityContext: {
    readonly allowPrivilegeEscalation: false;
    readonly capabilities: { readonly drop: readonly ['ALL'] };
    readonly readOnlyRootFilesystem: true;
    readonly runAsNonRoot: true;
    readonly seccompProfile: { readonly type: 'RuntimeDefault' };
  };
  /** @see values.yaml `resources` */
  readonly resources: ComponentResources;
  /** @see values.yaml `affinity` */
  readonly affinity: Record<string, unknown>;
  /** Rendered only when the cluster serves monitoring.coreos.com/v1 (the chart checks `.Capabilities`). @see values.yaml `serviceMonitor` */
  readonly serviceMonitor: { readonly enabled: boolean };
  /** @see values.yaml `config.loki`, `config.alertmanager` */
  readonly config: {
    readonly loki: SidekickOutput & { readonly format: 'json'; readonly extralabels: string };
    readonly alertmanager: SidekickOutput;
  };
}
