import type { EnvironmentConfig } from '@platform/config';
import { EventListener, TriggerBinding, TriggerTemplate } from '@platform/k8s-imports/triggers.tekton.dev';
import { ApiObject } from 'cdk8s';
import { KubeClusterRoleBinding, KubeRoleBinding, KubeServiceAccount } from 'cdk8s-plus-34/lib/imports/k8s';
import { Construct } from 'constructs';
import { SERVICE_BUILD_PIPELINE } from './service-build-pipeline';

/** ServiceAccount of the EventListener pod (creates PipelineRuns). */
export const EVENT_LISTENER_SERVICE_ACCOUNT = 'tekton-triggers';
/** Secret (key `secret`) with the GitHub webhook secret; delivered by the secrets layer. */
export const WEBHOOK_SECRET = 'github-webhook-secret';
/** Port of the EventListener Service. @see https://tekton.dev/docs/triggers/eventlisteners/ */
export const EVENT_LISTENER_PORT = 8080;
/** Size of the per-run source workspace, GiB. */
export const SOURCE_WORKSPACE_GIB = 2;
/** Upper bound of one PipelineRun. */
export const PIPELINE_RUN_TIMEOUT = '1h0m0s';

/** ClusterRoles installed by Tekton Triggers for EventListener service accounts. @see https://github.com/tektoncd/triggers/blob/main/examples/rbac.yaml */
export const TRIGGERS_ROLE = 'tekton-triggers-eventlistener-roles';
export const TRIGGERS_CLUSTER_ROLE = 'tekton-triggers-eventlistener-clusterroles';

export interface ServiceBuildTriggersProps {
  readonly env: EnvironmentConfig;
  readonly namespace: string;
  /**
   * ServiceAccount the build pods run as. It is a contract ServiceAccount (ECR push through EKS Pod
   * Identity), rendered by the cluster baseline, so it is referenced here, never created.
   */
  readonly builderServiceAccount: string;
}

/**
 * GitHub push -> PipelineRun: the EventListener `github` (GitHub interceptor validating the webhook
 * secret, CEL filter on the default branch and the environment's ECR repositories), the
 * TriggerBinding `github-push` and the TriggerTemplate that starts `build-service-image`.
 */
export class ServiceBuildTriggers extends Construct {
  constructor(scope: Construct, id: string, props: ServiceBuildTriggersProps) {
    super(scope, id);
    const { env, namespace } = props;
    new KubeServiceAccount(this, 'listener-sa', { metadata: { name: EVENT_LISTENER_SERVICE_ACCOUNT, namespace } });
    const subjects = [{ kind: 'ServiceAccount', name: EVENT_LISTENER_SERVICE_ACCOUNT, namespace }];
    new KubeRoleBinding(this, 'listener-role', {
      metadata: { name: `${EVENT_LISTENER_SERVICE_ACCOUNT}-eventlistener`, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: TRIGGERS_ROLE },
      subjects,
    });
    new KubeClusterRoleBinding(this, 'listener-cluster-role', {
      metadata: { name: `${namespace}-${EVENT_LISTENER_SERVICE_ACCOUNT}-eventlistener` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: TRIGGERS_CLUSTER_ROLE },
      subjects,
    });

    new ApiObject(this, 'binding', {
      ...TriggerBinding.GVK,
      metadata: { name: 'github-push', namespace },
      spec: {
        params: [
          { name: 'git-url', value: '$(body.repository.clone_url)' },
          { name: 'git-revision', value: '$(body.after)' },
          { name: 'service', value: '$(body.repository.name)' },
        ],
      },
    });
    new ApiObject(this, 'template', {
      ...TriggerTemplate.GVK,
      metadata: { name: SERVICE_BUILD_PIPELINE, namespace },
      spec: {
        params: [{ name: 'git-url' }, { name: 'git-revision' }, { name: 'service' }],
        resourcetemplates: [
          {
            apiVersion: 'tekton.dev/v1',
            kind: 'PipelineRun',
            metadata: { generateName: 'build-$(tt.params.service)-', labels: { 'platform.io/service': '$(tt.params.service)' } },
            spec: {
              pipelineRef: { name: SERVICE_BUILD_PIPELINE },
              params: [
                { name: 'git-url', value: '$(tt.params.git-url)' },
                { name: 'git-revision', value: '$(tt.params.git-revision)' },
                { name: 'service', value: '$(tt.params.service)' },
              ],
              timeouts: { pipeline: PIPELINE_RUN_TIMEOUT },
              taskRunTemplate: {
                serviceAccountName: props.builderServiceAccount,
                podTemplate: { priorityClassName: 'tenant-batch', securityContext: { fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } } },
              },
              workspaces: [
                {
                  name: 'source',
                  volumeClaimTemplate: {
                    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${SOURCE_WORKSPACE_GIB}Gi` } } },
                  },
                },
              ],
            },
          },
        ],
      },
    });
    const repositories = env.ecr.repositories.map((r) => `'${r}'`).join(', ');
    new ApiObject(this, 'listener', {
      ...EventListener.GVK,
      metadata: { name: 'github', namespace },
      spec: {
        serviceAccountName: EVENT_LISTENER_SERVICE_ACCOUNT,
        triggers: [
          {
            name: 'github-push',
            interceptors: [
              {
                ref: { name: 'github', kind: 'ClusterInterceptor' },
                params: [
                  { name: 'secretRef', value: { secretName: WEBHOOK_SECRET, secretKey: 'secret' } },
                  { name: 'eventTypes', value: ['push'] },
                ],
              },
              {
                ref: { name: 'cel', kind: 'ClusterInterceptor' },
                params: [{ name: 'filter', value: `body.ref == 'refs/heads/main' && body.repository.name in [${repositories}]` }],
              },
            ],
            bindings: [{ ref: 'github-push' }],
            template: { ref: SERVICE_BUILD_PIPELINE },
          },
        ],
        resources: { kubernetesResource: { replicas: 1, serviceType: 'ClusterIP', servicePort: EVENT_LISTENER_PORT } },
      },
    });
  }
}
