import {
  Task,
  type TaskSpec,
  type TaskSpecSteps,
  type TaskSpecStepsComputeResources,
  TaskSpecStepsComputeResourcesLimits,
  TaskSpecStepsComputeResourcesRequests,
  type TaskSpecStepsSecurityContext,
} from '@platform/k8s-imports/tekton.dev';
import { Construct } from 'constructs';
import { BUILD_IMAGES, BUILDAH_USER_ID } from './build-images';

/** Task names, referenced by the Pipeline. */
export const BUILD_TASKS = { gitClone: 'git-clone', test: 'run-tests', buildPush: 'buildah-build-push', bumpTag: 'gitops-bump-image' } as const;

/** Secret (basic-auth: `username`, `password`) allowed to push to the GitOps repo; delivered by the secrets layer. */
export const GITOPS_PUSH_SECRET = 'gitops-push-credentials';

/** Step security for restricted-compatible steps: non-root, no privilege escalation, no capabilities. */
export const RESTRICTED_STEP: TaskSpecStepsSecurityContext = {
  runAsNonRoot: true,
  runAsUser: 65532,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * Rootless buildah: uid 1000, chroot isolation, vfs storage, so no `privileged: true` and no host
 * mounts. Creating the build's user namespace needs newuidmap/newgidmap (setuid, so privilege
 * escalation), SETUID/SETGID, and unconfined seccomp/AppArmor: the reason `tekton-builds` has a
 * declared Pod Security exception. @see https://github.com/containers/buildah/blob/main/docs/tutorials/05-openshift-rootless-build.md
 */
export const ROOTLESS_BUILDAH_STEP: TaskSpecStepsSecurityContext = {
  runAsNonRoot: true,
  runAsUser: BUILDAH_USER_ID,
  allowPrivilegeEscalation: true,
  capabilities: { drop: ['ALL'], add: ['SETUID', 'SETGID'] },
  seccompProfile: { type: 'Unconfined' },
  appArmorProfile: { type: 'Unconfined' },
};

/** Step sizing: requests (CPU cores, memory) and the memory limit; CPU is not limited (throttling, not OOM). */
export interface StepSize {
  readonly cpu: string;
  readonly memory: string;
  readonly memoryLimit: string;
}

/**
 * Sizing of the build steps: git and the registry login are small; tests and image builds get a
 * full core and 2 GiB (4 GiB limit), enough for a typical service build.
 */
export const STEP_SIZES = {
  small: { cpu: '100m', memory: '128Mi', memoryLimit: '512Mi' },
  heavy: { cpu: '1', memory: '2Gi', memoryLimit: '4Gi' },
} as const satisfies Record<string, StepSize>;

/** `computeResources` of a step of `size`. */
export function stepResources(size: StepSize): TaskSpecStepsComputeResources {
  return {
    requests: { cpu: TaskSpecStepsComputeResourcesRequests.fromString(size.cpu), memory: TaskSpecStepsComputeResourcesRequests.fromString(size.memory) },
    limits: { memory: TaskSpecStepsComputeResourcesLimits.fromString(size.memoryLimit) },
  };
}

/** Writable emptyDir holding buildah's image store (the root filesystem stays untouched). */
export const BUILDAH_STORAGE = '/var/lib/buildah';

export interface ServiceBuildTasksProps {
  readonly namespace: string;
  /** AWS region of the ECR registry, e.g. `eu-central-1` (the `ecr-login` step's `AWS_REGION`). */
  readonly awsRegion: string;
  /** Private ECR registry host the images are pushed to: `<account>.dkr.ecr.<region>.amazonaws.com`. */
  readonly ecrRegistry: string;
  /** Author of the GitOps bump commits, e.g. `{ name: 'tekton-builds (prod)', email: 'tekton-builds@prod.acme.example' }`. */
  readonly committer: { readonly name: string; readonly email: string };
}

type DescribedTaskSpec = Omit<TaskSpec, 'description'> & { readonly description: string };

function task(scope: Construct, name: string, namespace: string, spec: DescribedTaskSpec): Task {
  const { description, ...rest } = spec;
  return new Task(scope, name, { metadata: { name, namespace }, spec: { description, ...rest } });
}

/** `git-clone`: shallow clone of one revision into the `source` workspace; result `commit`. */
export function gitCloneTaskSpec(): DescribedTaskSpec {
  return {
    description: 'Shallow clone of one revision into the source workspace.',
    params: [
      { name: 'url', type: 'string', description: 'HTTPS clone URL' },
      { name: 'revision', type: 'string', description: 'commit SHA' },
    ],
    workspaces: [{ name: 'source' }],
    results: [{ name: 'commit', description: 'the checked-out commit' }],
    steps: [
      {
        name: 'clone',
        image: BUILD_IMAGES.git,
        securityContext: RESTRICTED_STEP,
        computeResources: stepResources(STEP_SIZES.small),
        env: [{ name: 'HOME', value: '/tekton/home' }],
        script: `#!/bin/sh
set -eu
cd "$(workspaces.source.path)"
git init -q .
git remote add origin "$(params.url)"
git fetch -q --depth 1 origin "$(params.revision)"
git checkout -q FETCH_HEAD
printf '%s' "$(git rev-parse HEAD)" > "$(results.commit.path)"
`,
      },
    ],
  };
}

/** `run-tests`: the service's test command in its pinned toolchain image (both are params). */
export function testTaskSpec(): DescribedTaskSpec {
  return {
    description: 'Runs the service tests in a pinned toolchain image.',
    params: [
      { name: 'image', type: 'string', description: 'toolchain image, pinned' },
      { name: 'command', type: 'string', description: 'test command' },
    ],
    workspaces: [{ name: 'source' }],
    steps: [
      {
        name: 'test',
        image: '$(params.image)',
        securityContext: RESTRICTED_STEP,
        computeResources: stepResources(STEP_SIZES.heavy),
        workingDir: '$(workspaces.source.path)',
        // the command reaches the shell through the environment, never by substitution into the script text
        env: [
          { name: 'HOME', value: '/tekton/home' },
          { name: 'TEST_COMMAND', value: '$(params.command)' },
        ],
        script: '#!/bin/sh\nset -eu\nexec sh -c "$TEST_COMMAND"\n',
      },
    ],
  };
}

/** The step writing an ECR login (`/registry-auth/auth.json`, in-memory volume) for the push step. */
export function ecrLoginStep(awsRegion: string, ecrRegistry: string): TaskSpecSteps {
  return {
    name: 'ecr-login',
    image: BUILD_IMAGES.awsCli,
    securityContext: RESTRICTED_STEP,
    computeResources: stepResources(STEP_SIZES.small),
    env: [
      { name: 'HOME', value: '/tekton/home' },
      { name: 'AWS_REGION', value: awsRegion },
    ],
    volumeMounts: [{ name: 'registry-auth', mountPath: '/registry-auth' }],
    script: `#!/bin/sh
set -eu
token="$(aws ecr get-login-password)"
auth="$(printf 'AWS:%s' "$token" | base64 | tr -d '\\n')"
printf '{"auths":{"${ecrRegistry}":{"auth":"%s"}}}' "$auth" > /registry-auth/auth.json
`,
  };
}

/** `buildah-build-push`: ECR login, then rootless buildah builds the Dockerfile and pushes; result `IMAGE_DIGEST`. */
export function buildPushTaskSpec(awsRegion: string, ecrRegistry: string): DescribedTaskSpec {
  return {
    description: 'Builds the Dockerfile with rootless buildah and pushes to ECR; returns the digest.',
    params: [{ name: 'image', type: 'string', description: `full image reference in ${ecrRegistry}` }],
    workspaces: [{ name: 'source' }],
    results: [{ name: 'IMAGE_DIGEST', description: 'sha256 digest of the pushed image' }],
    volumes: [
      { name: 'registry-auth', emptyDir: { medium: 'Memory' } },
      { name: 'containers', emptyDir: {} },
    ],
    steps: [
      ecrLoginStep(awsRegion, ecrRegistry),
      {
        name: 'build-push',
        image: BUILD_IMAGES.buildah,
        securityContext: ROOTLESS_BUILDAH_STEP,
        computeResources: stepResources(STEP_SIZES.heavy),
        workingDir: '$(workspaces.source.path)',
        env: [
          { name: 'BUILDAH_ISOLATION', value: 'chroot' },
          { name: 'STORAGE_DRIVER', value: 'vfs' },
        ],
        volumeMounts: [
          { name: 'registry-auth', mountPath: '/registry-auth', readOnly: true },
          { name: 'containers', mountPath: BUILDAH_STORAGE },
        ],
        script: `#!/bin/sh
set -eu
buildah --root ${BUILDAH_STORAGE}/storage --runroot ${BUILDAH_STORAGE}/run bud --format oci --layers --file Dockerfile --tag "$(params.image)" .
buildah --root ${BUILDAH_STORAGE}/storage --runroot ${BUILDAH_STORAGE}/run push --authfile /registry-auth/auth.json --digestfile "$(results.IMAGE_DIGEST.path)" "$(params.image)" "docker://$(params.image)"
`,
      },
    ],
  };
}

/** `gitops-bump-image`: commits `image@digest` and the source commit to `params.file` in the GitOps repo, retrying a rejected push. */
export function bumpTagTaskSpec(committer: ServiceBuildTasksProps['committer']): DescribedTaskSpec {
  return {
    description: 'Writes the pushed image reference to the GitOps repo, outside the generated environment folder.',
    params: [
      { name: 'gitops-url', type: 'string', description: 'HTTPS URL of the GitOps repo' },
      { name: 'gitops-branch', type: 'string', description: 'branch ArgoCD tracks' },
      { name: 'file', type: 'string', description: 'path of the image reference file in the GitOps repo' },
      { name: 'image', type: 'string', description: 'image reference without digest' },
      { name: 'digest', type: 'string', description: 'sha256 digest' },
      { name: 'commit', type: 'string', description: 'source commit' },
    ],
    steps: [
      {
        name: 'bump',
        image: BUILD_IMAGES.git,
        securityContext: RESTRICTED_STEP,
        computeResources: stepResources(STEP_SIZES.small),
        env: [
          { name: 'HOME', value: '/tekton/home' },
          { name: 'GIT_USERNAME', valueFrom: { secretKeyRef: { name: GITOPS_PUSH_SECRET, key: 'username' } } },
          { name: 'GIT_PASSWORD', valueFrom: { secretKeyRef: { name: GITOPS_PUSH_SECRET, key: 'password' } } },
        ],
        script: `#!/bin/sh
set -eu
git config --global user.name "${committer.name}"
git config --global user.email "${committer.email}"
git config --global credential.helper '!f() { echo "username=$GIT_USERNAME"; echo "password=$GIT_PASSWORD"; }; f'
git clone -q --depth 1 --branch "$(params.gitops-branch)" "$(params.gitops-url)" "$HOME/gitops"
cd "$HOME/gitops"
mkdir -p "$(dirname "$(params.file)")"
printf 'image: %s@%s\\nsourceCommit: %s\\n' "$(params.image)" "$(params.digest)" "$(params.commit)" > "$(params.file)"
git add "$(params.file)"
git diff --cached --quiet && exit 0
git commit -q -m "build: $(params.image)@$(params.digest) from $(params.commit)"
for attempt in 1 2 3; do
  git push -q origin "HEAD:$(params.gitops-branch)" && exit 0
  git pull -q --rebase origin "$(params.gitops-branch)"
done
exit 1
`,
      },
    ],
  };
}

/**
 * The Tasks of the reference build: clone, test, build + push to ECR with rootless buildah, bump
 * the image reference in the GitOps repo. Each image is pinned (`BUILD_IMAGES`).
 */
export class ServiceBuildTasks extends Construct {
  constructor(scope: Construct, id: string, props: ServiceBuildTasksProps) {
    super(scope, id);
    const { namespace } = props;
    task(this, BUILD_TASKS.gitClone, namespace, gitCloneTaskSpec());
    task(this, BUILD_TASKS.test, namespace, testTaskSpec());
    task(this, BUILD_TASKS.buildPush, namespace, buildPushTaskSpec(props.awsRegion, props.ecrRegistry));
    task(this, BUILD_TASKS.bumpTag, namespace, bumpTagTaskSpec(props.committer));
  }
}
