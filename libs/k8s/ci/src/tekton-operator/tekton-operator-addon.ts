import { type EnvironmentConfig, TEKTON_OPERATOR } from '@platform/config';
import { Addon, EGRESS_KUBE_API, ingressWebhook } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { TEKTON_BUILDS_NAMESPACE } from '../tekton-builds/tekton-builds-addon';
import { PlatformTektonConfig, TEKTON_PIPELINES_NAMESPACE } from './tekton-config';
import { CORE_INTERCEPTORS_POD_LABELS, CORE_INTERCEPTORS_PORT, EVENT_LISTENER_POD_LABELS, PROXY_WEBHOOK_POD_LABELS, TEKTON_WEBHOOK_POD_LABELS } from './tekton-pod-labels';
import type { TektonOperatorValues } from './tekton-operator-values';

/** Namespace of the operator itself. */
export const TEKTON_OPERATOR_NAMESPACE = 'tekton-operator';
/** Webhook port of the operator and of the Pipelines/Triggers webhooks. @see chart value `webhook.httpsWebhookPort` */
export const TEKTON_WEBHOOK_PORT = 8443;

const RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } } as const;

export interface TektonOperatorAddonProps {
  readonly env: EnvironmentConfig;
  readonly dependsOn: readonly Addon[];
}

/**
 * Tekton through its operator: the tekton-operator chart (CRDs included, server-side apply) and,
 * in `kubernetes/addons/tekton-operator/`, the TektonConfig that makes it install Pipelines and
 * Triggers into `tekton-pipelines` (healthy once its Ready condition is True, see
 * `TEKTON_CONFIG_HEALTH_LUA`). No cascade delete: the chart renders the operator CRDs as templates
 * without a way to annotate them `Delete=false`, and deleting them would delete every TektonConfig,
 * Pipeline and PipelineRun. The chart has no priorityClassName value; its pods run at the default.
 */
export class TektonOperatorAddon extends Addon<TektonOperatorValues> {
  constructor(scope: Construct, id: string, props: TektonOperatorAddonProps) {
    const { env } = props;
    super(scope, id, {
      env,
      declaration: TEKTON_OPERATOR,
      dependsOn: props.dependsOn,
      cascadeDelete: false,
      namespace: { name: TEKTON_OPERATOR_NAMESPACE, ingress: [ingressWebhook(TEKTON_WEBHOOK_PORT)], egress: [EGRESS_KUBE_API] },
      extraNamespaces: [
        {
          name: TEKTON_PIPELINES_NAMESPACE,
          ingress: [
            { ...ingressWebhook(TEKTON_WEBHOOK_PORT), pods: { name: 'webhooks', labels: TEKTON_WEBHOOK_POD_LABELS } },
            // proxy.operator.tekton.dev (failurePolicy Fail) mutates TaskRun pods of every namespace
            // without operator.tekton.dev/disable-proxy; tekton-builds opts out, others still call it
            { ...ingressWebhook(TEKTON_WEBHOOK_PORT), pods: { name: 'proxy-webhook', labels: PROXY_WEBHOOK_POD_LABELS } },
            {
              description: 'EventListeners in tekton-builds to the Triggers core interceptors',
              peer: { namespace: TEKTON_BUILDS_NAMESPACE, podLabels: EVENT_LISTENER_POD_LABELS },
              ports: [{ port: CORE_INTERCEPTORS_PORT }],
              pods: { name: 'core-interceptors', labels: CORE_INTERCEPTORS_POD_LABELS },
            },
          ],
          egress: [EGRESS_KUBE_API, { description: 'remote resolvers (git, bundles, hub) over HTTPS', peer: 'anywhere', ports: [{ port: 443 }] }],
        },
      ],
      chart: {
        serverSideApply: true,
        values: {
          installCRDs: true,
          operator: { replicas: 1, autoInstallComponents: false, logLevel: 'info', resources: RESOURCES },
          webhook: { replicas: 1, resources: RESOURCES },
          podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
        },
      },
    });
    new PlatformTektonConfig(this.manifestFile('tekton-config'), 'tekton-config', {});
  }
}
