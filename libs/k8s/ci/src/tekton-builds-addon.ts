import type { EnvironmentConfig } from '@platform/config';
import { Addon, EGRESS_AWS_APIS, EGRESS_KUBE_API } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { ServiceBuildPipeline } from './service-build-pipeline';
import { ServiceBuildTasks } from './service-build-tasks';
import { EVENT_LISTENER_PORT, ServiceBuildTriggers } from './service-build-triggers';

/** Contract entry the build pods run as: ECR push through EKS Pod Identity (libs/config contract). */
export const IMAGE_BUILDER_POD_IDENTITY = 'image-builder';

/** Namespace of the reference build Pipeline and its EventListener. */
export const TEKTON_BUILDS_NAMESPACE = 'tekton-builds';

export interface TektonBuildsAddonProps {
  readonly env: EnvironmentConfig;
  /** The Tekton operator add-on (its TektonConfig installs the Pipeline and Trigger CRDs). */
  readonly dependsOn: readonly Addon[];
}

/**
 * The reference CI of the platform (manifests only, `kubernetes/addons/tekton-builds/`): Tasks,
 * the `build-service-image` Pipeline and its GitHub triggers, in `tekton-builds`, whose Pod Security
 * exception is declared here with its reason.
 */
export class TektonBuildsAddon extends Addon {
  constructor(scope: Construct, id: string, props: TektonBuildsAddonProps) {
    const { env } = props;
    super(scope, id, {
      env,
      name: 'tekton-builds',
      description: 'Reference build Pipeline (clone, test, rootless buildah, push to ECR, bump GitOps) and GitHub triggers',
      dependsOn: props.dependsOn,
      podIdentities: [IMAGE_BUILDER_POD_IDENTITY],
      namespace: {
        name: TEKTON_BUILDS_NAMESPACE,
        podSecurity: {
          level: 'privileged',
          reason: 'rootless buildah (uid 1000, no privileged flag, no host mounts) needs unconfined seccomp/AppArmor, SETUID/SETGID and privilege escalation for newuidmap to create the build user namespace',
        },
        ingress: [{ description: 'GitHub webhooks to the EventListener via the load balancer', peer: 'vpc', ports: [{ port: EVENT_LISTENER_PORT }] }],
        egress: [
          EGRESS_KUBE_API,
          EGRESS_AWS_APIS,
          { description: 'git over SSH', peer: 'anywhere', ports: [{ port: 22 }] },
        ],
      },
    });
    const namespace = TEKTON_BUILDS_NAMESPACE;
    new ServiceBuildTasks(this.manifestFile('tasks'), 'tasks', { env, namespace });
    new ServiceBuildPipeline(this.manifestFile('pipeline'), 'pipeline', { env, namespace });
    new ServiceBuildTriggers(this.manifestFile('triggers'), 'triggers', {
      env,
      namespace,
      builderServiceAccount: this.podIdentity(IMAGE_BUILDER_POD_IDENTITY).serviceAccount,
    });
  }
}
