import { type EnvironmentConfig, gitopsEnvPath } from '@platform/config';

/**
 * Where an environment's manifests live in the GitOps repository and how ArgoCD syncs them: what every
 * Application and AppProject of the environment needs, and nothing else. Add-on roots and apps build it
 * with {@link gitOpsTarget}; the constructs below them take it instead of the whole environment.
 */
export interface GitOpsTarget {
  /** Environment name (`name`): the `platform.io/environment` label, the root Application's name prefix and the prefix of error messages. */
  readonly environment: string;
  /** Git URL of the GitOps repository (`gitops.repoUrl`). */
  readonly repoUrl: string;
  /** Branch or tag ArgoCD follows (`gitops.targetRevision`). */
  readonly targetRevision: string;
  /** Folder of the environment in the repository, without trailing slash: `<gitops.basePath>/<name>`, or `<name>` when `basePath` is empty. */
  readonly environmentPath: string;
  /**
   * `operations` of the environment: `mode` decides prune/self-heal of automated sync, `syncWindows`
   * and `freeze` the AppProjects' sync windows (ADR 0038).
   */
  readonly operations: EnvironmentConfig['operations'];
}

/** The {@link GitOpsTarget} of an environment. */
export function gitOpsTarget(env: EnvironmentConfig): GitOpsTarget {
  return { environment: env.name, repoUrl: env.gitops.repoUrl, targetRevision: env.gitops.targetRevision, environmentPath: gitopsEnvPath(env), operations: env.operations };
}
