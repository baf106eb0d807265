import type { ContainerResources } from '../istiod/istiod-values';

/** One Argo Rollouts plugin entry (`controller.trafficRouterPlugins[]`). */
export interface RolloutsPlugin {
  /** Name the Rollout's `trafficRouting.plugins` key uses, e.g. `argoproj-labs/gatewayAPI`. */
  readonly name: string;
  /** `file://` path (binary copied in by an init container) or `https://` URL (then `sha256` is required). */
  readonly location: string;
  readonly args?: readonly string[];
}

/**
 * Typed subset of the argo-rollouts chart 2.41.0 values the platform sets.
 * @see ../shared/upstream/charts/argo-rollouts/2.41.0/values.yaml
 */
export interface ArgoRolloutsValues {
  readonly controller: {
    readonly replicas: number;
    readonly priorityClassName: string;
    readonly resources: ContainerResources;
    readonly logging: { readonly format: 'json'; readonly level: 'info' };
    readonly pdb: { readonly enabled: boolean; readonly minAvailable?: number };
    readonly topologySpreadConstraints: readonly Record<string, unknown>[];
    readonly metrics: { readonly enabled: boolean };
    readonly initContainers: readonly Record<string, unknown>[];
    readonly volumes: readonly Record<string, unknown>[];
    readonly volumeMounts: readonly Record<string, unknown>[];
    readonly trafficRouterPlugins: readonly RolloutsPlugin[];
  };
  /** Least privilege: only the Gateway API provider's rules (the chart grants every provider's by default). */
  readonly providerRBAC: {
    readonly enabled: true;
    readonly providers: Readonly<Record<'istio' | 'smi' | 'ambassador' | 'awsLoadBalancerController' | 'awsAppMesh' | 'traefik' | 'apisix' | 'contour' | 'glooPlatform' | 'gatewayAPI', boolean>>;
  };
  /** The dashboard has no authentication of its own: off (the kubectl plugin and ArgoCD show rollouts). */
  readonly dashboard: { readonly enabled: false };
}
