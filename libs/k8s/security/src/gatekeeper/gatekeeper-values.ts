import type { ComponentResources } from '../cert-manager/cert-manager-values';
import type { TopologySpreadConstraint } from '../zone-spread';

/** Security context Gatekeeper's containers run with (the chart defaults, restated so they cannot drift). */
export interface GatekeeperSecurityContext {
  readonly allowPrivilegeEscalation: false;
  readonly capabilities: { readonly drop: readonly ['ALL'] };
  readonly readOnlyRootFilesystem: true;
  readonly runAsNonRoot: true;
}

/** A post-install/upgrade hook job of the chart; the platform turns them off (see GatekeeperAddon). */
export interface GatekeeperHookValues {
  readonly enabled: false;
}

/**
 * Typed subset of the gatekeeper chart 3.23.0 values the platform sets.
 * @see ../shared/upstream/charts/gatekeeper/3.23.0/values.yaml
 */
export interface GatekeeperValues {
  /** Webhook (controller-manager) replicas. @see values.yaml `replicas` */
  readonly replicas: number;
  /** Seconds between audit runs. @see values.yaml `auditInterval` */
  readonly auditInterval: number;
  /** Violations kept per Constraint in `status.violations`. @see values.yaml `constraintViolationsLimit` */
  readonly constraintViolationsLimit: number;
  /** @see values.yaml `disableAudit` */
  readonly disableAudit: false;
  /** Mutation is not used: policies only validate. @see values.yaml `disableMutation` */
  readonly disableMutation: true;
  /** Evaluate K8sNativeValidation (CEL) templates. @see values.yaml `enableK8sNativeValidation` */
  readonly enableK8sNativeValidation: true;
  /** @see values.yaml `validatingWebhookFailurePolicy` */
  readonly validatingWebhookFailurePolicy: 'Ignore' | 'Fail';
  /** @see values.yaml `validatingWebhookTimeoutSeconds` */
  readonly validatingWebhookTimeoutSeconds: number;
  /** Denied requests are logged (JSON) for the log pipeline. @see values.yaml `logDenies` */
  readonly logDenies: true;
  /** @see values.yaml `image` (the tag key is `release`) */
  readonly image: { readonly repository: string; readonly release: string };
  /** @see values.yaml `pdb.controllerManager.minAvailable` */
  readonly pdb: { readonly controllerManager: { readonly minAvailable: number } };
  /** @see values.yaml `controllerManager` */
  readonly controllerManager: {
    /** Namespaces the webhook lets carry the `admission.gatekeeper.sh/ignore` label. */
    readonly exemptNamespaces: readonly string[];
    readonly resources: ComponentResources;
    readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
    readonly securityContext: GatekeeperSecurityContext;
  };
  /** @see values.yaml `audit` */
  readonly audit: { readonly resources: ComponentResources; readonly securityContext: GatekeeperSecurityContext };
  /** CRDs come from the chart's `crds/` folder on every ArgoCD sync; the hook job is redundant. @see values.yaml `upgradeCRDs` */
  readonly upgradeCRDs: GatekeeperHookValues;
  /** @see values.yaml `postInstall` */
  readonly postInstall: { readonly labelNamespace: GatekeeperHookValues; readonly probeWebhook: GatekeeperHookValues };
}
