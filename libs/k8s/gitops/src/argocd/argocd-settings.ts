import type { PriorityClassName } from '@platform/k8s-baseline';
import { ALB_INGRESS_CLASS, internetFacingAlbAnnotations } from '@platform/k8s-core';
import { stringify } from 'yaml';
import type { ArgoCdComponentValues, ArgoCdValues } from './argocd-values';

/** Namespace ArgoCD runs in. @see https://argo-cd.readthedocs.io/en/stable/operator-manual/installation/ */
export const ARGOCD_NAMESPACE = 'argocd';

/**
 * Single sign-on through an OIDC provider (`argocd.sso` of the environment; the local admin stays disabled).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/user-management/#existing-oidc-provider
 */
export interface ArgoCdSso {
  /** Issuer URL of the OIDC provider (https). */
  readonly issuerUrl: string;
  /** OAuth client id registered for ArgoCD at the provider. */
  readonly clientId: string;
  /** Reference to the client secret (`$<key>` or `$<secret-name>:<key>`), never the secret itself. */
  readonly clientSecretRef: string;
  /** Scopes requested from the provider, `openid` included. */
  readonly requestedScopes: readonly string[];
  /** Group claim value whose members get `role:admin`. */
  readonly adminGroup: string;
}

/** What the argo-cd chart values of an environment are made of ({@link argoCdValues}). */
export interface ArgoCdValuesProps {
  /** DNS zone of the environment (`dns.domain`): the UI/API is served at `argocd.<domain>`. */
  readonly domain: string;
  /** `argocd.highAvailability`: 2-3 replicas per component with PodDisruptionBudgets, redis-ha instead of one redis. */
  readonly highAvailability: boolean;
  /** `argocd.uiSourceCidrs`: IPv4 CIDRs allowed to reach the UI/API through the internet-facing ALB. */
  readonly uiSourceCidrs: readonly string[];
  /** `argocd.sso`: the OIDC provider and the admin group. */
  readonly sso: ArgoCdSso;
}

/**
 * Health check for `argoproj.io/Application`, removed from ArgoCD core in 1.8. Without it an
 * app-of-apps does not wait for a child's health before the next sync wave.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#argocd-app
 */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

/**
 * `Ready=False` reasons of a TektonConfig that need an operator's attention: `Error` (the operator's
 * `MarkNotReady`: pre/post-reconciliation failed, components failed) and `InstallerSetFailed`.
 * @see https://github.com/tektoncd/operator/blob/v0.81.1/pkg/apis/operator/v1alpha1/tektonconfig_lifecycle.go
 */
export const TEKTON_CONFIG_FAILED_REASONS = ['Error', 'InstallerSetFailed'] as const;

/**
 * `Ready` messages the operator also reports with reason `Error` while components are still being
 * installed (`MarkComponentNotReady` → `Ready: Components not ready`): transient during every
 * install and upgrade, so Progressing. Reporting Degraded there would stall the sync wave the way
 * argoproj/argo-cd#6130 describes for Knative.
 */
export const TEKTON_CONFIG_TRANSIENT_MESSAGES = ['Components not ready'] as const;

const luaString = (s: string): string => JSON.stringify(s);

/**
 * Health check for `operator.tekton.dev/TektonConfig` (the operator reports a `Ready` condition,
 * ArgoCD has no built-in check): Healthy once Ready is True; Degraded when Ready is False with a
 * reason of `TEKTON_CONFIG_FAILED_REASONS` and a message that is not one of
 * `TEKTON_CONFIG_TRANSIENT_MESSAGES`; Progressing otherwise (no status yet, Unknown, components
 * still coming up). With it the tekton-operator Application only turns healthy when Pipelines and
 * Triggers (and their CRDs) are installed, so the next wave (the build Pipeline) waits for them,
 * and a failed install shows as Degraded instead of Progressing forever.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks
 */
export const TEKTON_CONFIG_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = "waiting for the Ready condition"
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Ready" then
      if condition.message ~= nil then
        hs.message = condition.message
      end
      if condition.status == "True" then
        hs.status = "Healthy"
      elseif condition.status == "False" and (${TEKTON_CONFIG_FAILED_REASONS.map((r) => `condition.reason == ${luaString(r)}`).join(' or ')}) then
        hs.status = "Degraded"
${TEKTON_CONFIG_TRANSIENT_MESSAGES.map((m) => `        if condition.message ~= nil and string.find(condition.message, ${luaString(m)}, 1, true) ~= nil then
          hs.status = "Progressing"
        end
`).join('')}      end
    end
  end
end
return hs
`;

/**
 * ALB annotations of the ArgoCD UI/API Ingress: internet-facing, open only to
 * `uiSourceCidrs` (`argocd.uiSourceCidrs`, the ALB security group), HTTPS 443 only with the ACM certificate the controller
 * discovers for the host (`*.<dns.domain>`), `ip` targets, HTTPS to argocd-server (which keeps TLS,
 * `server.insecure: false`).
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 */
export function argoCdIngressAnnotations(uiSourceCidrs: readonly string[]): Readonly<Record<string, string>> {
  return internetFacingAlbAnnotations({ sourceCidrs: uiSourceCidrs, backendProtocol: 'HTTPS' });
}

/** PriorityClass of the ArgoCD pods (baseline `PRIORITY_CLASSES`): the cluster cannot change without them. */
export const ARGOCD_PRIORITY_CLASS: PriorityClassName = 'platform-critical';

/** argocd-cm `oidc.config` of `argocd.sso`: the provider, the client and the secret reference (never the secret). */
export function oidcConfig(sso: ArgoCdSso): string {
  return stringify(
    { name: 'SSO', issuer: sso.issuerUrl, clientID: sso.clientId, clientSecret: sso.clientSecretRef, requestedScopes: [...sso.requestedScopes] },
    { lineWidth: 0 },
  );
}

/** argocd-rbac-cm `policy.csv`: members of `adminGroup` (`argocd.sso.adminGroup`) are `role:admin`; everyone else falls back to `policy.default`. */
export function rbacPolicyCsv(adminGroup: string): string {
  return `g, ${adminGroup}, role:admin\n`;
}

/**
 * Container ports of the components' metrics (chart defaults `<component>.containerPorts.metrics`): the application
 * controller (`argocd_app_*`), argocd-server (`grpc_server_handled_total`, the `argocd-api` SLO), the repo-server and
 * the ApplicationSet controller. @see ../shared/upstream/charts/argo-cd/10.1.1/values.yaml
 */
export const ARGOCD_METRICS_PORTS = { controller: 8082, server: 8083, repoServer: 8084, applicationSet: 8080 } as const;

/** Pod labels (`app.kubernetes.io/name`) of the components with metrics, as the chart's selector labels name them. */
export const ARGOCD_COMPONENT_NAMES = { controller: 'argocd-application-controller', server: 'argocd-server', repoServer: 'argocd-repo-server', applicationSet: 'argocd-applicationset-controller' } as const;

function component(replicas: number, cpu: string, memory: string, memoryLimit: string, ha: boolean): ArgoCdComponentValues {
  return {
    replicas,
    resources: { requests: { cpu, memory }, limits: { memory: memoryLimit } },
    pdb: ha ? { enabled: true, minAvailable: 1 } : { enabled: false },
    metrics: { enabled: true, serviceMonitor: { enabled: true } },
  };
}

/**
 * The argo-cd chart values of an environment. Used twice with the same object: by the one-time
 * `helm install` in bootstrap, and by the Application through which ArgoCD manages itself.
 */
export function argoCdValues(props: ArgoCdValuesProps): ArgoCdValues {
  const ha = props.highAvailability;
  return {
    global: {
      domain: `argocd.${props.domain}`,
      priorityClassName: ARGOCD_PRIORITY_CLASS,
      logging: { format: 'json', level: 'info' },
      // no chart NetworkPolicies: the argocd-server one allows ingress from every pod (`ingress: [{}]`)
      // and, being additive, would cancel the baseline's default deny; the baseline's policies for the
      // argocd namespace (default deny, same-namespace flows, ALB to argocd-server) cover ArgoCD
      networkPolicy: { create: false, defaultDenyIngress: false },
    },
    crds: { install: true, keep: true },
    configs: {
      cm: {
        'exec.enabled': false,
        'admin.enabled': false,
        'statusbadge.enabled': false,
        'timeout.reconciliation': '180s',
        'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA,
        'resource.customizations.health.operator.tekton.dev_TektonConfig': TEKTON_CONFIG_HEALTH_LUA,
        'oidc.config': oidcConfig(props.sso),
      },
      params: {
        'server.insecure': false,
        'controller.status.processors': ha ? 50 : 20,
        'controller.operation.processors': ha ? 25 : 10,
        'application.namespaces': '',
      },
      rbac: { 'policy.default': 'role:readonly', 'policy.csv': rbacPolicyCsv(props.sso.adminGroup), scopes: '[groups]' },
    },
    controller: component(ha ? 2 : 1, ha ? '500m' : '250m', ha ? '1Gi' : '512Mi', ha ? '2Gi' : '1Gi', ha),
    server: {
      ...component(ha ? 3 : 1, '100m', '128Mi', '256Mi', ha),
      autoscaling: { enabled: false, minReplicas: ha ? 3 : 1 },
      // stays without an address until the AWS Load Balancer Controller (a later wave) reconciles it
      ingress: {
        enabled: true,
        controller: 'aws',
        ingressClassName: ALB_INGRESS_CLASS,
        annotations: argoCdIngressAnnotations(props.uiSourceCidrs),
        hostname: `argocd.${props.domain}`,
        tls: false,
        aws: { backendProtocolVersion: 'GRPC', serviceType: 'ClusterIP' },
      },
    },
    repoServer: { ...component(ha ? 3 : 1, '250m', '256Mi', '1Gi', ha), autoscaling: { enabled: false, minReplicas: ha ? 3 : 1 } },
    applicationSet: component(ha ? 2 : 1, '100m', '128Mi', '256Mi', ha),
    dex: { enabled: false },
    redis: { enabled: !ha },
    'redis-ha': { enabled: ha },
  };
}
