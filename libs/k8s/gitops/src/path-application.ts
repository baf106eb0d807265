import { argoSyncBehaviour } from '@platform/config';
import { Application } from '@platform/k8s-imports/argoproj.io';
import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE } from './argocd/argocd-settings';
import type { GitOpsTarget } from './gitops-target';
import { RESOURCES_FINALIZER } from './root-application';
import { applicationSyncPolicy } from './sync-policy';

export interface PathApplicationProps {
  /** The environment's GitOps repository folder and sync behaviour (`gitOpsTarget(env)`). */
  readonly gitops: GitOpsTarget;
  /** Application name (`metadata.name`). */
  readonly name: string;
  /** ArgoCD AppProject of the Application (`spec.project`); it must allow the GitOps repo and `namespace`. */
  readonly project: string;
  /** Folder relative to `gitops.environmentPath` in the GitOps repo, e.g. `kubernetes/addons/karpenter`. */
  readonly path: string;
  /** Default namespace for objects without `metadata.namespace`. */
  readonly namespace: string;
  /** ArgoCD sync wave. */
  readonly syncWave: number;
  /** Sync with server-side apply (see `SyncPolicyOptions.serverSideApply`). @default false */
  readonly serverSideApply?: boolean;
  /** The Application holds custom resources (see `SyncPolicyOptions.customResources`). @default false */
  readonly customResources?: boolean;
  /** Add the `resources-finalizer` (deleting the Application deletes its resources). @default true */
  readonly cascadeDelete?: boolean;
  /** Extra labels, e.g. `platform.io/addon`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * An ArgoCD Application that syncs one folder of cdk8s-rendered YAML from the GitOps repo
 * (`<gitops.environmentPath>/<path>`, plain directory source, not recursive).
 * @throws Error naming `path` when it is absolute or leaves the environment folder
 */
export class PathApplication extends Construct {
  public readonly application: Application;
  /** Repository path the Application syncs: `<gitops.environmentPath>/<path>`. */
  public readonly repositoryPath: string;

  constructor(scope: Construct, id: string, props: PathApplicationProps) {
    super(scope, id);
    if (props.path.startsWith('/') || props.path.split('/').includes('..')) {
      throw new Error(`${props.gitops.environment}: PathApplication ${props.name}: path "${props.path}" must be relative to the environment folder`);
    }
    this.repositoryPath = `${props.gitops.environmentPath}/${props.path}`;
    this.application = new Application(this, 'app', {
      metadata: {
        name: props.name,
        namespace: ARGOCD_NAMESPACE,
        ...((props.cascadeDelete ?? true) ? { finalizers: [RESOURCES_FINALIZER] } : {}),
        annotations: { 'argocd.argoproj.io/sync-wave': String(props.syncWave) },
        labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/environment': props.gitops.environment, ...props.labels },
      },
      spec: {
        project: props.project,
        source: {
          repoUrl: props.gitops.repoUrl,
          targetRevision: props.gitops.targetRevision,
          path: this.repositoryPath,
          directory: { recurse: false },
        },
        destination: { server: 'https://kubernetes.default.svc', namespace: props.namespace },
        syncPolicy: applicationSyncPolicy(argoSyncBehaviour(props.gitops), { serverSideApply: props.serverSideApply, customResources: props.customResources }),
      },
    });
  }
}
