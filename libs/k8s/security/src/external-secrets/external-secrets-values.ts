import type { ComponentResources } from '../cert-manager/cert-manager-values';
import type { ClusterIssuerRef } from '../cert-manager/cluster-issuer-ref';
import type { TopologySpreadConstraint } from '../zone-spread';

/** Settings shared by the controller and the webhook. @see values.yaml `replicaCount`, `podDisruptionBudget`, `priorityClassName` */
export interface ExternalSecretsComponentValues {
  readonly replicaCount: number;
  readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable?: number };
  readonly priorityClassName: string;
  readonly resources: ComponentResources;
  readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
  /** @see values.yaml `log` */
  readonly log: { readonly level: 'info' | 'debug' | 'error'; readonly timeEncoding: 'iso8601' | 'epoch' };
}

/**
 * Typed subset of the external-secrets chart 2.9.0 values the platform sets.
 * @see ../shared/upstream/charts/external-secrets/2.9.0/values.yaml
 */
export interface ExternalSecretsValues extends ExternalSecretsComponentValues {
  /** The chart installs the external-secrets.io CRDs. @see values.yaml `installCRDs` */
  readonly installCRDs: true;
  /** @see values.yaml `leaderElect` */
  readonly leaderElect: boolean;
  /** @see values.yaml `serviceAccount` */
  readonly serviceAccount: { readonly create: true; readonly name: string };
  /** No cluster-wide `serviceaccounts/token create`: consumer namespaces grant it for one ServiceAccount each. @see values.yaml `rbac.serviceAccountTokenCreate` */
  readonly rbac: { readonly serviceAccountTokenCreate: false };
  /** Kinds the platform does not use are not reconciled (PushSecrets would write into OpenBao). @see values.yaml `processClusterExternalSecret` ... */
  readonly processClusterExternalSecret: false;
  readonly processClusterPushSecret: false;
  readonly processPushSecret: false;
  /** @see values.yaml `webhook` */
  readonly webhook: ExternalSecretsComponentValues & {
    /** Webhook serving certificate from cert-manager instead of the chart's cert-controller. @see values.yaml `webhook.certManager` */
    readonly certManager: { readonly enabled: true; readonly cert: { readonly create: true; readonly issuerRef: ClusterIssuerRef; readonly duration: string; readonly renewBefore: string } };
  };
  /** Off: cert-manager issues the webhook certificate and injects its CA. @see values.yaml `certController.create` */
  readonly certController: { readonly create: false };
  /** ServiceMonitors of the controller and the webhook; `skipIfMissing` renders them only once the CRD exists. @see values.yaml `serviceMonitor` */
  readonly serviceMonitor: { readonly enabled: boolean; readonly renderMode: 'skipIfMissing' };
}
