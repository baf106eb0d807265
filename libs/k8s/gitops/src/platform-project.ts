import { argoSyncWindows } from '@platform/config';
import { AppProject, type AppProjectSpecClusterResourceWhitelist } from '@platform/k8s-imports/argoproj.io';
import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE } from './argocd/argocd-settings';
import type { GitOpsTarget } from './gitops-target';

export interface PlatformProjectProps {
  /** The environment (error messages) and its `operations` (sync windows, freeze) (`gitOpsTarget(env)`). */
  readonly gitops: GitOpsTarget;
  /** AppProject name. */
  readonly name: string;
  /** Repositories Applications of this project may pull from (chart repos and the GitOps repo). */
  readonly sourceRepos: readonly string[];
  /** Namespaces Applications of this project may deploy into. */
  readonly destinationNamespaces: readonly string[];
  /** Human-readable purpose of the project. */
  readonly description: string;
  /** Cluster-scoped kinds Applications may manage. @default [] (none) */
  readonly clusterResourceWhitelist?: readonly AppProjectSpecClusterResourceWhitelist[];
  /**
   * Takes the emergency freeze window when `operations.freeze` is on. False for the root app's
   * project, so lifting the freeze stays a Git change ArgoCD can sync. @default true
   */
  readonly freezable?: boolean;
}

/**
 * An AppProject restricted to the given source repositories, namespaces on the in-cluster
 * destination and cluster-scoped kinds, with the environment's sync windows (`operations.syncWindows`,
 * plus the deny-all freeze window when `operations.freeze` is on and the project is `freezable`).
 * @throws Error when `sourceRepos` or `destinationNamespaces` is empty or contains `*`
 */
export class PlatformProject extends Construct {
  public readonly project: AppProject;

  constructor(scope: Construct, id: string, props: PlatformProjectProps) {
    super(scope, id);
    for (const [field, list] of [['sourceRepos', props.sourceRepos], ['destinationNamespaces', props.destinationNamespaces]] as const) {
      if (list.length === 0 || list.includes('*')) {
        throw new Error(`${props.gitops.environment}: PlatformProject ${props.name}: ${field} must list explicit entries, got [${list.join(', ')}]`);
      }
    }
    const sorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
    this.project = new AppProject(this, 'project', {
      metadata: { name: props.name, namespace: ARGOCD_NAMESPACE, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        description: props.description,
        sourceRepos: sorted(props.sourceRepos),
        destinations: sorted(props.destinationNamespaces).map((namespace) => ({ server: 'https://kubernetes.default.svc', namespace })),
        clusterResourceWhitelist: [...(props.clusterResourceWhitelist ?? [])],
        syncWindows: argoSyncWindows(props.gitops, { freezable: props.freezable ?? true }).map((w) => ({ ...w, applications: [...w.applications] })),
      },
    });
  }
}
