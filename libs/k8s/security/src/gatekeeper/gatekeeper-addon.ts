import { type EnvironmentConfig, GATEKEEPER, pullThroughImagePrefix } from '@platform/config';
import { Addon, EGRESS_KUBE_API, ingressWebhook } from '@platform/k8s-core';
import { policyConstraintTemplates, type PolicyConstraintTemplate } from '@platform/validation/render';
import type { Construct } from 'constructs';
import type { ComponentResources } from '../cert-manager/cert-manager-values';
import { zoneSpread } from '../zone-spread';
import { type ExcludedNamespace, GatekeeperConfig } from './gatekeeper-config';
import type { GatekeeperSecurityContext, GatekeeperValues } from './gatekeeper-values';
import { PolicyConstraintTemplates } from './policy-constraint-templates';

/** Gatekeeper's namespace. */
export const GATEKEEPER_NAMESPACE = 'gatekeeper-system';
/** Webhook port. @see values.yaml `controllerManager.port` */
export const GATEKEEPER_WEBHOOK_PORT = 8443;
/** Gatekeeper release of chart 3.23.0 (`image.release`); the image is on Docker Hub only, so it comes through the pull-through cache. */
export const GATEKEEPER_RELEASE = 'v3.23.0';
/**
 * The namespace label Gatekeeper's webhook configuration skips (`namespaceSelector`), allowed only on the
 * namespaces named in `controllerManager.exemptNamespaces`.
 * @see https://open-policy-agent.github.io/gatekeeper/website/docs/exempt-namespaces
 */
export const GATEKEEPER_IGNORE_LABEL = { 'admission.gatekeeper.sh/ignore': 'no-self-managing' } as const;
/**
 * `Ignore`: when no webhook pod answers (bootstrap, a bad rollout, a node outage), the API server admits the
 * request instead of failing it, so neither Gatekeeper nor anything it depends on (CNI, CoreDNS, ArgoCD) can be
 * locked out by Gatekeeper itself. What is admitted meanwhile is reported by the next audit run
 * (`auditIntervalSeconds`). Documented in ADR 0017 and the exemption runbook.
 */
export const GATEKEEPER_WEBHOOK_FAILURE_POLICY = 'Ignore';
/** API server timeout of one webhook call (chart default 3s): short, so an overloaded webhook fails open fast. */
export const GATEKEEPER_WEBHOOK_TIMEOUT_SECONDS = 3;
/** Violations kept per Constraint in `status.violations` (chart default 20); the audit logs every one. */
export const GATEKEEPER_CONSTRAINT_VIOLATIONS_LIMIT = 20;

/**
 * Namespaces Gatekeeper never evaluates (admission and audit), and why. Everything else is enforced.
 */
export const GATEKEEPER_SYSTEM_EXCLUSIONS: readonly ExcludedNamespace[] = [
  { name: 'kube-system', reason: 'EKS-managed add-ons (VPC CNI, kube-proxy, CoreDNS, Pod Identity agent) need host access, are versioned by AWS and must start before any webhook can answer' },
  { name: GATEKEEPER_NAMESPACE, reason: 'Gatekeeper must always be able to restart itself: a webhook that judges its own pods can deadlock' },
];

/**
 * Namespace of the GuardDuty runtime agent: with Runtime Monitoring and EKS add-on management, GuardDuty installs the
 * EKS add-on `aws-guardduty-agent` (a DaemonSet) there on every node.
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/prereq-runtime-monitoring-eks-support.html
 */
export const GUARDDUTY_AGENT_NAMESPACE = 'amazon-guardduty';

/**
 * The system exclusions of an environment: {@link GATEKEEPER_SYSTEM_EXCLUSIONS}, plus the GuardDuty runtime agent's
 * namespace while `audit.guardDutyRuntimeMonitoring` is on (an AWS-managed eBPF sensor with host access whose
 * manifests carry none of the platform's labels: under `deny` every new node's agent pod would be rejected).
 */
export function gatekeeperSystemExclusions(audit: { readonly guardDutyRuntimeMonitoring: boolean }): readonly ExcludedNamespace[] {
  return [
    ...GATEKEEPER_SYSTEM_EXCLUSIONS,
    ...(audit.guardDutyRuntimeMonitoring
      ? [{ name: GUARDDUTY_AGENT_NAMESPACE, reason: 'GuardDuty Runtime Monitoring agent (EKS add-on aws-guardduty-agent, managed by GuardDuty): host access, versioned by AWS, must run on every new node' }]
      : []),
  ];
}

const RESOURCES: ComponentResources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } };
const SECURITY_CONTEXT: GatekeeperSecurityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true };
/** Pod labels of the webhook pods (chart deployment template), for the zone spread and the ingress flow. */
const WEBHOOK_POD_LABELS = { 'control-plane': 'controller-manager', 'gatekeeper.sh/operation': 'webhook' };

export interface GatekeeperAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
  /** The policy library in Gatekeeper form. @default policyConstraintTemplates() */
  readonly templates?: readonly PolicyConstraintTemplate[];
}

/**
 * Gatekeeper 3.23.0 enforcing the platform policy library (ADR 0017): the chart (webhook with
 * `security.gatekeeper.webhookReplicas` replicas spread across zones, audit every `auditIntervalSeconds`,
 * CEL engine on, mutation off, fail-open webhook) and in `kubernetes/addons/gatekeeper/` one ConstraintTemplate
 * per policy plus the Gatekeeper `Config`. The Constraints are the `gatekeeper-constraints` add-on, a later wave.
 * Call {@link excludeFromAdmission} once every add-on is composed.
 */
export class GatekeeperAddon extends Addon<GatekeeperValues> {
  public readonly policyTemplates: readonly PolicyConstraintTemplate[];
  private configured = false;

  constructor(scope: Construct, id: string, props: GatekeeperAddonProps) {
    const { env } = props;
    const { webhookReplicas, auditIntervalSeconds } = env.securityPolicy.gatekeeper;
    super(scope, id, {
      env,
      declaration: GATEKEEPER,
      dependsOn: props.dependsOn,
      // the chart's CRDs carry every ConstraintTemplate and Constraint: deleting the Application must not delete them
      cascadeDelete: false,
      namespace: {
        name: GATEKEEPER_NAMESPACE,
        labels: GATEKEEPER_IGNORE_LABEL,
        ingress: [{ ...ingressWebhook(GATEKEEPER_WEBHOOK_PORT), pods: { name: 'webhook', labels: WEBHOOK_POD_LABELS } }],
        egress: [EGRESS_KUBE_API],
      },
      chart: {
        values: {
          replicas: webhookReplicas,
          auditInterval: auditIntervalSeconds,
          constraintViolationsLimit: GATEKEEPER_CONSTRAINT_VIOLATIONS_LIMIT,
          disableAudit: false,
          disableMutation: true,
          enableK8sNativeValidation: true,
          validatingWebhookFailurePolicy: GATEKEEPER_WEBHOOK_FAILURE_POLICY,
          validatingWebhookTimeoutSeconds: GATEKEEPER_WEBHOOK_TIMEOUT_SECONDS,
          logDenies: true,
          image: { repository: `${pullThroughImagePrefix(env, 'docker-hub')}/openpolicyagent/gatekeeper`, release: GATEKEEPER_RELEASE },
          // a PDB with minAvailable 1 over a single replica would block every node drain
          pdb: { controllerManager: { minAvailable: webhookReplicas > 1 ? 1 : 0 } },
          controllerManager: {
            exemptNamespaces: [GATEKEEPER_NAMESPACE],
            resources: RESOURCES,
            topologySpreadConstraints: zoneSpread(WEBHOOK_POD_LABELS, webhookReplicas),
            securityContext: SECURITY_CONTEXT,
          },
          audit: { resources: RESOURCES, securityContext: SECURITY_CONTEXT },
          upgradeCRDs: { enabled: false },
          // the namespace label comes from the baseline; ArgoCD's health checks replace the webhook probe
          postInstall: { labelNamespace: { enabled: false }, probeWebhook: { enabled: false } },
        },
      },
    });
    this.policyTemplates = props.templates ?? policyConstraintTemplates();
    new PolicyConstraintTemplates(this.manifestFile('constraint-templates'), 'templates', { templates: this.policyTemplates });
  }

  /**
   * Renders the Gatekeeper `Config`: the system namespaces excluded everywhere (`gatekeeperSystemExclusions`), and the namespaces of the
   * platform add-ons (upstream charts, whose values `nx validate` checks offline) excluded from admission
   * only, so an upstream chart's rollout is never blocked at admission; audit still reports them.
   * @throws Error when called twice
   */
  public excludeFromAdmission(addons: readonly Addon[]): void {
    if (this.configured) throw new Error(`${this.env.name}: GatekeeperAddon.excludeFromAdmission called twice`);
    this.configured = true;
    const systemExclusions = gatekeeperSystemExclusions(this.env.audit);
    const system = new Set(systemExclusions.map((n) => n.name));
    const platform = [...new Set(addons.flatMap((a) => a.namespaces.map((n) => n.name)))]
      .filter((n) => !system.has(n))
      .sort()
      .map((name) => ({ name, reason: 'platform add-on (upstream chart; values checked offline by nx validate)' }));
    new GatekeeperConfig(this.manifestFile('config'), 'config', { namespace: GATEKEEPER_NAMESPACE, excludedEverywhere: systemExclusions, excludedFromAdmission: platform });
  }
}
