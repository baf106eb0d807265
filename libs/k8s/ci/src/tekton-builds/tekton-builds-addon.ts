import { ecrRegistry, ecrRepositoryName, type EnvironmentConfig, TEKTON_BUILDS } from '@platform/config';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API, EGRESS_POD_IDENTITY_AGENT } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { EventListenerIngress } from './event-listener-ingress';
import { imageReferencePath, ServiceBuildPipeline } from './service-build-pipeline';
import { BUILD_TASKS, ServiceBuildTasks } from './service-build-tasks';
import { EVENT_LISTENER_NAME, EVENT_LISTENER_PORT, ServiceBuildTriggers } from './service-build-triggers';
import { serviceTestSteps } from './service-test-steps';
import { TEKTON_PIPELINES_NAMESPACE } from '../tekton-operator/tekton-config';
import { CORE_INTERCEPTORS_POD_LABELS, CORE_INTERCEPTORS_PORT, DISABLE_PROXY_WEBHOOK_LABEL, EVENT_LISTENER_POD_LABELS, PIPELINE_TASK_LABEL } from '../tekton-operator/tekton-pod-labels';

/** Contract entry the build-and-push pods run as: ECR push through EKS Pod Identity (libs/config contract). */
export const IMAGE_BUILDER_POD_IDENTITY = 'image-builder';

/** Namespace of the reference build Pipeline and its EventListener. */
export const TEKTON_BUILDS_NAMESPACE = 'tekton-builds';

/** First label of the public webhook host: `tekton-hooks.<dns.domain>`. */
export const WEBHOOK_HOST_PREFIX = 'tekton-hooks';

export interface TektonBuildsAddonProps {
  readonly env: EnvironmentConfig;
  /** The Tekton operator add-on (its TektonConfig installs the Pipeline and Trigger CRDs). */
  readonly tektonOperator: Addon;
  /** The AWS Load Balancer Controller add-on: it turns the webhook Ingress into an ALB (and validates it). */
  readonly loadBalancerController: Addon;
  /** The external-dns add-on: it publishes the webhook host. */
  readonly externalDns: Addon;
}

/**
 * The reference CI of the platform (manifests only, `kubernetes/addons/tekton-builds/`): Tasks,
 * the `build-service-image` Pipeline, its GitHub triggers (each repository tested with the step of
 * its golden-path services' profile or its `tekton.testOverrides` entry) and the public webhook Ingress
 * (`tekton-hooks.<dns.domain>`, open to `tekton.webhookSourceCidrs` only), in `tekton-builds`,
 * whose Pod Security exception is declared here with its reason. NetworkPolicies: the ALB reaches
 * the EventListener pods on 8080, the EventListener reaches the core interceptors, and only the
 * build-and-push pods reach the EKS Pod Identity Agent.
 */
export class TektonBuildsAddon extends Addon {
  constructor(scope: Construct, id: string, props: TektonBuildsAddonProps) {
    const { env } = props;
    const listenerPods = { name: 'event-listener', labels: EVENT_LISTENER_POD_LABELS };
    super(scope, id, {
      env,
      declaration: TEKTON_BUILDS,
      dependsOn: [props.tektonOperator, props.loadBalancerController, props.externalDns],
      namespace: {
        name: TEKTON_BUILDS_NAMESPACE,
        // TaskRun pods are created without the operator's proxy webhook (failurePolicy Fail): no HTTP proxy here
        labels: DISABLE_PROXY_WEBHOOK_LABEL,
        podSecurity: {
          level: 'privileged',
          reason: 'rootless buildah (uid 1000, no privileged flag, no host mounts) needs unconfined seccomp/AppArmor, SETUID/SETGID and privilege escalation for newuidmap to create the build user namespace',
        },
        ingress: [
          // target-type ip: the ALB ENIs (public subnets of the VPC) connect to the pod IPs directly;
          // the subnet plan is not part of the cross-layer contract, so the peer is the VPC CIDR
          { description: 'GitHub webhooks from the ALB (ip targets) to the EventListener', peer: 'vpc', ports: [{ port: EVENT_LISTENER_PORT }], pods: listenerPods },
        ],
        egress: [
          EGRESS_KUBE_API,
          EGRESS_AWS_APIS,
          { description: 'git over SSH', peer: 'anywhere', ports: [{ port: 22 }] },
          {
            description: 'EventListener to the Triggers core interceptors (github, cel)',
            peer: { namespace: TEKTON_PIPELINES_NAMESPACE, podLabels: CORE_INTERCEPTORS_POD_LABELS },
            ports: [{ port: CORE_INTERCEPTORS_PORT }],
            pods: listenerPods,
          },
          { ...EGRESS_POD_IDENTITY_AGENT, pods: { name: 'image-builder', labels: { [PIPELINE_TASK_LABEL]: BUILD_TASKS.buildPush } } },
        ],
      },
    });
    const namespace = TEKTON_BUILDS_NAMESPACE;
    new ServiceBuildTasks(this.manifestFile('tasks'), 'tasks', {
      namespace,
      awsRegion: env.aws.region,
      ecrRegistry: ecrRegistry(env),
      committer: { name: `tekton-builds (${env.name})`, email: `tekton-builds@${env.dns.domain}` },
    });
    new ServiceBuildPipeline(this.manifestFile('pipeline'), 'pipeline', {
      namespace,
      ecrRegistry: ecrRegistry(env),
      repositoryPrefix: ecrRepositoryName(env, ''),
      services: env.ecr.repositories,
      gitops: { repoUrl: env.gitops.repoUrl, branch: env.gitops.targetRevision },
      imageReferenceFile: imageReferencePath(env, '$(params.service)'),
    });
    const triggers = this.manifestFile('triggers');
    new ServiceBuildTriggers(triggers, 'triggers', {
      namespace,
      services: env.ecr.repositories,
      // the golden-path profile of each repository's services, unless tekton.testOverrides names it
      testOverrides: serviceTestSteps(
        env.tenants.flatMap((t) => t.services),
        env.tekton.testOverrides,
      ),
      builderServiceAccount: this.podIdentity(IMAGE_BUILDER_POD_IDENTITY).serviceAccount,
      builderPipelineTask: BUILD_TASKS.buildPush,
    });
    new EventListenerIngress(triggers, 'ingress', {
      namespace,
      domain: env.dns.domain,
      name: 'github-webhooks',
      host: `${WEBHOOK_HOST_PREFIX}.${env.dns.domain}`,
      serviceName: `el-${EVENT_LISTENER_NAME}`,
      servicePort: EVENT_LISTENER_PORT,
      sourceCidrs: env.tekton.webhookSourceCidrs,
    });
  }
}
