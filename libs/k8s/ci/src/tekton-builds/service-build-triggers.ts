import type { PriorityClassName } from '@platform/k8s-baseline';
import { EventListener, TriggerBinding, TriggerTemplate } from '@platform/k8s-imports/triggers.tekton.dev';
import { BUILDS_ARCHITECTURE, BUILDS_NODE_POOL, BUILDS_TAINT, NODE_POOL_LABEL } from '@platform/k8s-karpenter';
import { ApiObject } from 'cdk8s';
import { KubeClusterRoleBinding, KubeRoleBinding, KubeServiceAccount } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { BUILD_IMAGES, DEFAULT_TEST_COMMAND } from './build-images';
import { SERVICE_BUILD_PIPELINE } from './service-build-pipeline';

/** ServiceAccount of the EventListener pod (creates PipelineRuns). */
export const EVENT_LISTENER_SERVICE_ACCOUNT = 'tekton-triggers';
/** Secret (key `secret`) with the GitHub webhook secret; delivered by the secrets layer. */
export const WEBHOOK_SECRET = 'github-webhook-secret';
/** Port of the EventListener Service. @see https://tekton.dev/docs/triggers/eventlisteners/ */
export const EVENT_LISTENER_PORT = 8080;
/** Size of the per-run source workspace, GiB. */
export const SOURCE_WORKSPACE_GIB = 2;
/** Git ref whose pushes start a build: the default branch of the service repositories. */
export const BUILD_BRANCH_REF = 'refs/heads/main';
/** PriorityClass of the build TaskRun pods (baseline `PRIORITY_CLASSES`): batch, never preempts other pods. */
export const BUILD_PRIORITY_CLASS: PriorityClassName = 'tenant-batch';
/** Upper bound of one PipelineRun. */
export const PIPELINE_RUN_TIMEOUT = '1h0m0s';

/** ClusterRoles installed by Tekton Triggers for EventListener service accounts. @see https://github.com/tektoncd/triggers/blob/main/examples/rbac.yaml */
export const TRIGGERS_ROLE = 'tekton-triggers-eventlistener-roles';
export const TRIGGERS_CLUSTER_ROLE = 'tekton-triggers-eventlistener-clusterroles';

/**
 * ServiceAccount of every build TaskRun except build-and-push: no pod identity, no API token
 * (`automountServiceAccountToken: false`); clone, tests and the GitOps bump need no AWS access.
 */
export const BUILD_RUNNER_SERVICE_ACCOUNT = 'build-runner';

/**
 * Requests and memory limit of the EventListener container: it only validates webhook payloads,
 * calls the interceptors and creates PipelineRuns (a few MiB per request).
 * @see https://tekton.dev/docs/triggers/eventlisteners/#specifying-kubernetesresources
 */
export const EVENT_LISTENER_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } as const;

/** Name of the EventListener; its Service is `el-<name>`. */
export const EVENT_LISTENER_NAME = 'github';

/** A service's test step: toolchain image (pinned) and the command `sh` runs in the repository root. */
export interface ServiceTestOverride {
  readonly image: string;
  readonly command: string;
}

export interface ServiceBuildTriggersProps {
  readonly namespace: string;
  /** Services whose pushes start a build (their ECR repositories), e.g. `['orders', 'payments']`. */
  readonly services: readonly string[];
  /** Per-service test step (see `serviceTestSteps`), keyed by a `services` entry; the others use `BUILD_IMAGES.test` and `DEFAULT_TEST_COMMAND`. */
  readonly testOverrides: Readonly<Record<string, ServiceTestOverride>>;
  /**
   * ServiceAccount of the build-and-push TaskRun only (`taskRunSpecs`). It is a contract
   * ServiceAccount (ECR push through EKS Pod Identity), rendered by the cluster baseline, so it is
   * referenced here, never created.
   */
  readonly builderServiceAccount: string;
  /** Pipeline task that pushes to ECR and alone runs as `builderServiceAccount`. */
  readonly builderPipelineTask: string;
}

/** A CEL string literal. @see https://github.com/google/cel-spec/blob/master/doc/langdef.md#string-and-bytes-values */
export function celString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/**
 * CEL expression choosing a per-service value: `body.repository.name == 'a' ? 'x' : ... : '<fallback>'`,
 * services in sorted order.
 */
export function perServiceCel(values: Readonly<Record<string, string>>, fallback: string): string {
  return Object.keys(values)
    .sort()
    .reduceRight((otherwise, service) => `body.repository.name == ${celString(service)} ? ${celString(values[service] as string)} : ${otherwise}`, celString(fallback));
}

/** The EventListener's ServiceAccount bound to the Triggers roles, and the token-less `build-runner` ServiceAccount. */
function triggerServiceAccounts(scope: Construct, namespace: string): void {
  new KubeServiceAccount(scope, 'listener-sa', { metadata: { name: EVENT_LISTENER_SERVICE_ACCOUNT, namespace } });
  new KubeServiceAccount(scope, 'runner-sa', { metadata: { name: BUILD_RUNNER_SERVICE_ACCOUNT, namespace }, automountServiceAccountToken: false });
  const subjects = [{ kind: 'ServiceAccount', name: EVENT_LISTENER_SERVICE_ACCOUNT, namespace }];
  new KubeRoleBinding(scope, 'listener-role', {
    metadata: { name: `${EVENT_LISTENER_SERVICE_ACCOUNT}-eventlistener`, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: TRIGGERS_ROLE },
    subjects,
  });
  new KubeClusterRoleBinding(scope, 'listener-cluster-role', {
    metadata: { name: `${namespace}-${EVENT_LISTENER_SERVICE_ACCOUNT}-eventlistener` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: TRIGGERS_CLUSTER_ROLE },
    subjects,
  });
}

/** TriggerBinding `github-push`: the push body and the interceptor's overlays as template params. */
function pushBindingSpec(): Record<string, unknown> {
  return {
    params: [
      { name: 'git-url', value: '$(body.repository.clone_url)' },
      { name: 'git-revision', value: '$(body.after)' },
      { name: 'service', value: '$(body.repository.name)' },
      { name: 'test-image', value: '$(extensions.test_image)' },
      { name: 'test-command', value: '$(extensions.test_command)' },
    ],
  };
}

/**
 * The PipelineRun of one push: `build-runner` for every TaskRun except `builderPipelineTask`, every
 * TaskRun pod on the amd64 `builds` nodes (user namespaces enabled for rootless buildah), a fresh
 * `source` volume per run.
 */
export function buildPipelineRunSpec(builderPipelineTask: string, builderServiceAccount: string): Record<string, unknown> {
  return {
    pipelineRef: { name: SERVICE_BUILD_PIPELINE },
    params: [
      { name: 'git-url', value: '$(tt.params.git-url)' },
      { name: 'git-revision', value: '$(tt.params.git-revision)' },
      { name: 'service', value: '$(tt.params.service)' },
      { name: 'test-image', value: '$(tt.params.test-image)' },
      { name: 'test-command', value: '$(tt.params.test-command)' },
    ],
    timeouts: { pipeline: PIPELINE_RUN_TIMEOUT },
    taskRunTemplate: {
      serviceAccountName: BUILD_RUNNER_SERVICE_ACCOUNT,
      podTemplate: {
        priorityClassName: BUILD_PRIORITY_CLASS,
        securityContext: { fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
        nodeSelector: { [NODE_POOL_LABEL]: BUILDS_NODE_POOL, 'kubernetes.io/arch': BUILDS_ARCHITECTURE },
        tolerations: [{ key: BUILDS_TAINT.key, operator: 'Equal', value: BUILDS_TAINT.value, effect: BUILDS_TAINT.effect }],
      },
    },
    taskRunSpecs: [{ pipelineTaskName: builderPipelineTask, serviceAccountName: builderServiceAccount }],
    workspaces: [
      {
        name: 'source',
        volumeClaimTemplate: {
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${SOURCE_WORKSPACE_GIB}Gi` } } },
        },
      },
    ],
  };
}

/** TriggerTemplate `build-service-image`: one PipelineRun per push, named and labelled after the service. */
function buildTemplateSpec(props: ServiceBuildTriggersProps): Record<string, unknown> {
  return {
    params: [{ name: 'git-url' }, { name: 'git-revision' }, { name: 'service' }, { name: 'test-image' }, { name: 'test-command' }],
    resourcetemplates: [
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { generateName: 'build-$(tt.params.service)-', labels: { 'platform.io/service': '$(tt.params.service)' } },
        spec: buildPipelineRunSpec(props.builderPipelineTask, props.builderServiceAccount),
      },
    ],
  };
}

/**
 * The interceptor chain of the push trigger: GitHub (webhook secret, push events), then CEL (default
 * branch and a known service; overlays `test_image`/`test_command` per service).
 */
export function pushInterceptors(services: readonly string[], testOverrides: Readonly<Record<string, ServiceTestOverride>>): Record<string, unknown>[] {
  const repositories = services.map((r) => celString(r)).join(', ');
  const perService = (pick: (o: ServiceTestOverride) => string) => Object.fromEntries(Object.entries(testOverrides).map(([k, v]) => [k, pick(v)]));
  return [
    {
      ref: { name: 'github', kind: 'ClusterInterceptor' },
      params: [
        { name: 'secretRef', value: { secretName: WEBHOOK_SECRET, secretKey: 'secret' } },
        { name: 'eventTypes', value: ['push'] },
      ],
    },
    {
      ref: { name: 'cel', kind: 'ClusterInterceptor' },
      params: [
        { name: 'filter', value: `body.ref == ${celString(BUILD_BRANCH_REF)} && body.repository.name in [${repositories}]` },
        {
          name: 'overlays',
          value: [
            { key: 'test_image', expression: perServiceCel(perService((o) => o.image), BUILD_IMAGES.test) },
            { key: 'test_command', expression: perServiceCel(perService((o) => o.command), DEFAULT_TEST_COMMAND) },
          ],
        },
      ],
    },
  ];
}

/** EventListener `github`: the push trigger, one replica behind a ClusterIP Service on `EVENT_LISTENER_PORT`. */
function listenerSpec(props: ServiceBuildTriggersProps): Record<string, unknown> {
  return {
    serviceAccountName: EVENT_LISTENER_SERVICE_ACCOUNT,
    triggers: [
      {
        name: 'github-push',
        interceptors: pushInterceptors(props.services, props.testOverrides),
        bindings: [{ ref: 'github-push' }],
        template: { ref: SERVICE_BUILD_PIPELINE },
      },
    ],
    resources: {
      kubernetesResource: {
        replicas: 1,
        serviceType: 'ClusterIP',
        servicePort: EVENT_LISTENER_PORT,
        // merged by Triggers into the EventListener container (the only one of the pod)
        spec: { template: { spec: { containers: [{ resources: EVENT_LISTENER_RESOURCES }] } } },
      },
    },
  };
}

/**
 * GitHub push -> PipelineRun: the EventListener `github` (GitHub interceptor validating the webhook
 * secret, CEL filter on the default branch and the given services, CEL overlays with the service's
 * test image and command from `testOverrides`), the TriggerBinding `github-push` and the
 * TriggerTemplate that starts `build-service-image`. Build TaskRuns run as `build-runner`; only the
 * build-and-push task runs as the ECR-push pod identity. Every TaskRun pod runs on the Karpenter
 * `builds` NodePool (nodeSelector `platform.io/node-pool: builds` and `kubernetes.io/arch: amd64`,
 * toleration `platform.io/builds=true:NoSchedule`), whose Bottlerocket nodes enable the user
 * namespaces rootless buildah needs.
 */
export class ServiceBuildTriggers extends Construct {
  constructor(scope: Construct, id: string, props: ServiceBuildTriggersProps) {
    super(scope, id);
    const { namespace } = props;
    triggerServiceAccounts(this, namespace);
    new ApiObject(this, 'binding', { ...TriggerBinding.GVK, metadata: { name: 'github-push', namespace }, spec: pushBindingSpec() });
    new ApiObject(this, 'template', { ...TriggerTemplate.GVK, metadata: { name: SERVICE_BUILD_PIPELINE, namespace }, spec: buildTemplateSpec(props) });
    new ApiObject(this, 'listener', { ...EventListener.GVK, metadata: { name: EVENT_LISTENER_NAME, namespace }, spec: listenerSpec(props) });
  }
}
