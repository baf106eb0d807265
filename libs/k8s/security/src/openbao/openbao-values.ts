import type { ComponentResources } from '../cert-manager/cert-manager-values';
import type { TopologySpreadConstraint } from '../zone-spread';

/** A pod volume / mount / container as the chart passes them through (`server.volumes`, `server.volumeMounts`, `server.extraContainers`). */
export type PassThrough = Readonly<Record<string, unknown>>;

/**
 * Typed subset of the openbao chart 0.29.2 values the platform sets.
 * @see ../shared/upstream/charts/openbao/0.29.2/values.yaml
 */
export interface OpenBaoValues {
  /** TLS on (the chart's scheme becomes https). @see values.yaml `global.tlsDisable` */
  readonly global: { readonly tlsDisable: false };
  /** No agent injector: secrets reach pods through External Secrets. @see values.yaml `injector.enabled` */
  readonly injector: { readonly enabled: false };
  /** @see values.yaml `ui.enabled` */
  readonly ui: { readonly enabled: false };
  readonly server: {
    /** @see values.yaml `server.image` */
    readonly image: { readonly registry: string; readonly repository: string; readonly tag: string };
    readonly logLevel: 'info';
    readonly logFormat: 'json';
    readonly resources: ComponentResources;
    readonly priorityClassName: string;
    readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
    /** Rolling restarts one pod at a time (the chart default `OnDelete` never applies a new image). @see values.yaml `server.updateStrategyType` */
    readonly updateStrategyType: 'RollingUpdate';
    /** The certificate watcher signals `bao` to reload TLS; needs the shared PID namespace. @see values.yaml `server.shareProcessNamespace` */
    readonly shareProcessNamespace: true;
    readonly extraContainers: readonly PassThrough[];
    readonly extraEnvironmentVars: Readonly<Record<string, string>>;
    readonly volumes: readonly PassThrough[];
    readonly volumeMounts: readonly PassThrough[];
    /**
     * The chart's default container context lacks `capabilities.drop: [ALL]`, which the namespace's
     * `restricted` Pod Security level requires (the pod-level default already runs as uid 100, RuntimeDefault).
     * @see values.yaml `server.statefulSet.securityContext`
     */
    readonly statefulSet: { readonly securityContext: { readonly container: { readonly allowPrivilegeEscalation: false; readonly capabilities: { readonly drop: readonly ['ALL'] } } } };
    /** TokenReview for Kubernetes auth. @see values.yaml `server.authDelegator.enabled` */
    readonly authDelegator: { readonly enabled: true };
    /** The contract ServiceAccount (kms-unseal through Pod Identity), rendered by the platform. @see values.yaml `server.serviceAccount` */
    readonly serviceAccount: { readonly create: false; readonly name: string; readonly serviceDiscovery: { readonly enabled: true } };
    /** @see values.yaml `server.dataStorage` */
    readonly dataStorage: { readonly enabled: true; readonly size: string };
    /** @see values.yaml `server.standalone.enabled` */
    readonly standalone: { readonly enabled: false };
    /** @see values.yaml `server.ha` */
    readonly ha: {
      readonly enabled: true;
      readonly replicas: number;
      readonly apiAddr: string;
      /** `config`: the server configuration as JSON text (OpenBao's HCL parser reads JSON; a string is what values.yaml declares). */
      readonly raft: { readonly enabled: true; readonly setNodeId: true; readonly config: string };
      readonly disruptionBudget: { readonly enabled: boolean; readonly maxUnavailable?: number };
    };
  };
}
