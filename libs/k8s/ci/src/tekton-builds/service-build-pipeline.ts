import type { EnvironmentConfig } from '@platform/config';
import { Pipeline } from '@platform/k8s-imports/tekton.dev';
import { Construct } from 'constructs';
import { BUILD_IMAGES, DEFAULT_TEST_COMMAND } from './build-images';
import { BUILD_TASKS } from './service-build-tasks';

/** Name of the reference Pipeline. */
export const SERVICE_BUILD_PIPELINE = 'build-service-image';

/**
 * Path, in the GitOps repo, of the file holding a service's current image reference:
 * `<basePath>/images/<env>/<service>.yaml`, beside (never inside) the generated `<basePath>/<env>/`
 * folder that `publish` replaces. No platform Application reads these files: they are the input
 * of the application teams' Applications (golden paths). `images` is therefore not a valid
 * environment name (it would collide with `<basePath>/<env>/`).
 */
export function imageReferencePath(env: EnvironmentConfig, service: string): string {
  const prefix = env.gitops.basePath === '' ? '' : `${env.gitops.basePath}/`;
  return `${prefix}images/${env.name}/${service}.yaml`;
}

export interface ServiceBuildPipelineProps {
  readonly namespace: string;
  /** Private ECR registry host: `<account>.dkr.ecr.<region>.amazonaws.com`. */
  readonly ecrRegistry: string;
  /** Prefix of the services' ECR repositories (`ecrRepositoryName(env, '')`), e.g. `acme/prod/`. */
  readonly repositoryPrefix: string;
  /** Services that may be built (the `service` param's enum), e.g. `['orders', 'payments']`. */
  readonly services: readonly string[];
  /** The GitOps repository the bump task pushes to: URL and branch ArgoCD tracks. */
  readonly gitops: { readonly repoUrl: string; readonly branch: string };
  /** Path of the image reference file in the GitOps repo, with `$(params.service)` for the service (`imageReferencePath`). */
  readonly imageReferenceFile: string;
}

/**
 * The reference Pipeline that builds one service image: git-clone -> run-tests -> buildah build
 * and push to `<ecrRegistry>/<org>/<env>/<service>:<commit>` -> bump the image reference (with
 * digest) in the GitOps repo.
 */
export class ServiceBuildPipeline extends Construct {
  public readonly pipeline: Pipeline;

  constructor(scope: Construct, id: string, props: ServiceBuildPipelineProps) {
    super(scope, id);
    const image = `${props.ecrRegistry}/${props.repositoryPrefix}$(params.service):$(tasks.${BUILD_TASKS.gitClone}.results.commit)`;
    const source = [{ name: 'source', workspace: 'source' }];
    this.pipeline = new Pipeline(this, 'pipeline', {
      metadata: { name: SERVICE_BUILD_PIPELINE, namespace: props.namespace },
      spec: {
        description: `Builds a service image and pushes it to ECR ${props.ecrRegistry}, then records it in the GitOps repo.`,
        params: [
          { name: 'git-url', type: 'string', description: 'HTTPS clone URL of the service repository' },
          { name: 'git-revision', type: 'string', description: 'commit SHA to build' },
          { name: 'service', type: 'string', description: `service name = ECR repository under ${props.repositoryPrefix}`, enum: [...props.services] },
          { name: 'test-image', type: 'string', description: 'pinned toolchain image for the tests', default: BUILD_IMAGES.test },
          { name: 'test-command', type: 'string', description: 'test command run by sh in the repository root; must exist in test-image', default: DEFAULT_TEST_COMMAND },
        ],
        workspaces: [{ name: 'source', description: 'the service checkout' }],
        tasks: [
          {
            name: BUILD_TASKS.gitClone,
            taskRef: { kind: 'Task', name: BUILD_TASKS.gitClone },
            params: [
              { name: 'url', value: '$(params.git-url)' },
              { name: 'revision', value: '$(params.git-revision)' },
            ],
            workspaces: source,
          },
          {
            name: BUILD_TASKS.test,
            runAfter: [BUILD_TASKS.gitClone],
            taskRef: { kind: 'Task', name: BUILD_TASKS.test },
            params: [
              { name: 'image', value: '$(params.test-image)' },
              { name: 'command', value: '$(params.test-command)' },
            ],
            workspaces: source,
          },
          {
            name: BUILD_TASKS.buildPush,
            runAfter: [BUILD_TASKS.test],
            taskRef: { kind: 'Task', name: BUILD_TASKS.buildPush },
            params: [{ name: 'image', value: image }],
            workspaces: source,
          },
          {
            name: BUILD_TASKS.bumpTag,
            runAfter: [BUILD_TASKS.buildPush],
            taskRef: { kind: 'Task', name: BUILD_TASKS.bumpTag },
            params: [
              { name: 'gitops-url', value: props.gitops.repoUrl },
              { name: 'gitops-branch', value: props.gitops.branch },
              { name: 'file', value: props.imageReferenceFile },
              { name: 'image', value: image },
              { name: 'digest', value: `$(tasks.${BUILD_TASKS.buildPush}.results.IMAGE_DIGEST)` },
              { name: 'commit', value: `$(tasks.${BUILD_TASKS.gitClone}.results.commit)` },
            ],
          },
        ],
      },
    });
  }
}
