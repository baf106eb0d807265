import { argoSyncBehaviour } from '@platform/config';
import { Application } from '@platform/k8s-imports/argoproj.io';
import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE } from './argocd/argocd-settings';
import type { GitOpsTarget } from './gitops-target';
import { applicationSyncPolicy } from './sync-policy';

export interface RootApplicationProps {
  /** The environment's GitOps repository folder and sync behaviour (`gitOpsTarget(env)`); the Application is `<environment>-root`. */
  readonly gitops: GitOpsTarget;
  /** AppProject the root Application belongs to. */
  readonly project: string;
  /**
   * The file holding this Application (and its AppProject), relative to `gitops.environmentPath`, e.g.
   * `kubernetes/bootstrap/root-application.yaml`: synced as a second source, so the root
   * Application manages itself from the very file that bootstrap applies once.
   */
  readonly selfPath: string;
  /**
   * Other files of `selfPath`'s folder that bootstrap applies once before ArgoCD exists and the
   * root Application then reconciles too, e.g. `priority-classes.yaml` (the ArgoCD pods need the
   * PriorityClasses before the `helm install`). File names only, no folders.
   * @default [] (only `selfPath`)
   */
  readonly siblingFiles?: readonly string[];
}

/** Finalizer that deletes an Application's resources when the Application is deleted. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** Sync wave of the root Application and its AppProject: before every add-on. */
export const ROOT_SYNC_WAVE = -1;

/**
 * The app-of-apps: syncs `<gitops.environmentPath>/kubernetes/apps` of the GitOps repo, where every
 * add-on's Application lives, and, as a second source, only its own file (`selfPath`, a
 * `directory.include` of one file), so after the one-time `kubectl apply` of that file the root
 * Application manages itself: changes to its sync policy or its AppProject's sync windows reach
 * the cluster through git. The same source also syncs `siblingFiles` (ArgoCD `directory.include`
 * takes a `{a,b}` glob). Each object is rendered once. No `resources-finalizer`: deleting the
 * root Application must not cascade into every add-on.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/directory/#including-files
 * @throws Error naming `selfPath` when it is not a YAML file inside the environment folder, or a
 *   `siblingFiles` entry when it is not a plain `.yaml` file name other than `selfPath`'s
 */
export class RootApplication extends Construct {
  public readonly application: Application;

  constructor(scope: Construct, id: string, props: RootApplicationProps) {
    super(scope, id);
    const { gitops } = props;
    if (!/^[a-z0-9][a-z0-9/._-]*\.yaml$/.test(props.selfPath) || props.selfPath.split('/').includes('..')) {
      throw new Error(`${gitops.environment}: RootApplication: selfPath "${props.selfPath}" must be a .yaml file relative to the environment folder`);
    }
    const slash = props.selfPath.lastIndexOf('/');
    const selfDirectory = slash < 0 ? '' : props.selfPath.slice(0, slash);
    const selfFile = props.selfPath.slice(slash + 1);
    const siblings = props.siblingFiles ?? [];
    for (const file of siblings) {
      if (!/^[a-z0-9][a-z0-9._-]*\.yaml$/.test(file) || file === selfFile || siblings.indexOf(file) !== siblings.lastIndexOf(file)) {
        throw new Error(`${gitops.environment}: RootApplication: siblingFiles entry "${file}" must be a unique .yaml file name in ${selfDirectory || 'the environment folder'} other than ${selfFile}`);
      }
    }
    const included = [selfFile, ...siblings];
    this.application = new Application(this, 'app', {
      metadata: {
        name: `${gitops.environment}-root`,
        namespace: ARGOCD_NAMESPACE,
        annotations: { 'argocd.argoproj.io/sync-wave': String(ROOT_SYNC_WAVE) },
        labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/environment': gitops.environment },
      },
      spec: {
        project: props.project,
        sources: [
          { repoUrl: gitops.repoUrl, targetRevision: gitops.targetRevision, path: `${gitops.environmentPath}/kubernetes/apps`, directory: { recurse: false } },
          {
            repoUrl: gitops.repoUrl,
            targetRevision: gitops.targetRevision,
            path: selfDirectory ? `${gitops.environmentPath}/${selfDirectory}` : gitops.environmentPath,
            directory: { recurse: false, include: included.length === 1 ? selfFile : `{${included.join(',')}}` },
          },
        ],
        destination: { server: 'https://kubernetes.default.svc', namespace: ARGOCD_NAMESPACE },
        syncPolicy: applicationSyncPolicy(argoSyncBehaviour(gitops)),
      },
    });
  }
}
