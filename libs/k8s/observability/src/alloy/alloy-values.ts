import type { ResourceValues } from '../kube-prometheus-stack/kube-prometheus-stack-values';
import type { RegistryImage } from '../pull-through-image';

/** A Kubernetes RBAC PolicyRule as the chart's `rbac.rules`/`rbac.clusterRules` take it. */
export interface RbacRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly verbs: readonly string[];
}

/**
 * Typed subset of the alloy chart 1.11.1 values the platform sets (keys as in values.yaml).
 * @see ../shared/upstream/charts/alloy/1.11.1/values.yaml
 */
export interface AlloyValues {
  readonly fullnameOverride: string;
  /** The PodLogs CRD is not used (logs come from files and the API). */
  readonly crds: { readonly create: false };
  readonly image: RegistryImage;
  readonly global: { readonly podSecurityContext: Record<string, unknown> };
  readonly alloy: {
    readonly configMap: { readonly create: true; readonly content: string };
    readonly clustering: { readonly enabled: boolean };
    readonly stabilityLevel: 'generally-available';
    readonly enableReporting: false;
    readonly extraEnv: readonly object[];
    readonly extraPorts: readonly { readonly name: string; readonly port: number; readonly targetPort: number; readonly protocol: 'TCP'; readonly appProtocol?: string }[];
    readonly mounts: { readonly varlog: boolean; readonly dockercontainers: false };
    readonly securityContext: Record<string, unknown>;
    readonly resources: ResourceValues;
  };
  readonly configReloader: { readonly resources: ResourceValues };
  readonly controller: {
    readonly type: 'deployment' | 'daemonset';
    readonly replicas: number;
    readonly priorityClassName: string;
    readonly tolerations: readonly object[];
    readonly topologySpreadConstraints: readonly object[];
    readonly podDisruptionBudget: { readonly enabled: boolean; readonly maxUnavailable: number | null };
  };
  readonly rbac: { readonly create: true; readonly rules: readonly RbacRule[]; readonly clusterRules: readonly RbacRule[] };
  readonly service: { readonly enabled: boolean };
}
