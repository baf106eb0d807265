import type { TopologySpreadConstraint } from '../zone-spread';

/** Requests and memory limit of one component. */
export interface ComponentResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

/** Settings shared by the controller, webhook and cainjector blocks. @see values.yaml `replicaCount`, `podDisruptionBudget`, `image` */
export interface CertManagerComponentValues {
  readonly replicaCount: number;
  readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable?: number };
  /** Full repository; overrides `imageRegistry`/`imageNamespace` + `image.name`. */
  readonly image: { readonly repository: string };
  readonly resources: ComponentResources;
  readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
}

/**
 * Typed subset of the cert-manager chart v1.21.1 values the platform sets.
 * @see ../shared/upstream/charts/cert-manager/v1.21.1/values.yaml
 */
export interface CertManagerValues extends CertManagerComponentValues {
  /** @see values.yaml `global.priorityClassName`, `global.leaderElection.namespace` */
  readonly global: { readonly priorityClassName: string; readonly leaderElection: { readonly namespace: string } };
  /** The chart installs the CRDs and Helm keeps them on uninstall. @see values.yaml `crds` */
  readonly crds: { readonly enabled: true; readonly keep: true };
  /** @see values.yaml `serviceAccount` */
  readonly serviceAccount: { readonly create: false; readonly name: string };
  /** @see values.yaml `extraArgs` */
  readonly extraArgs: readonly string[];
  /** @see values.yaml `webhook` */
  readonly webhook: CertManagerComponentValues & { readonly securePort: number };
  /** @see values.yaml `cainjector` */
  readonly cainjector: CertManagerComponentValues;
  /** @see values.yaml `acmesolver.image` */
  readonly acmesolver: { readonly image: { readonly repository: string } };
  /** A post-install Helm hook that only waits for the API; ArgoCD's health checks replace it. @see values.yaml `startupapicheck` */
  readonly startupapicheck: { readonly enabled: false };
  /**
   * Metrics of the controller, webhook and cainjector (`http-metrics`, 9402) and the chart's ServiceMonitor over
   * the three (not guarded by the cluster's API versions: the add-on then syncs after the monitor CRDs).
   * @see values.yaml `prometheus.enabled`, `prometheus.servicemonitor.enabled`
   */
  readonly prometheus: { readonly enabled: true; readonly servicemonitor: { readonly enabled: boolean } };
}
