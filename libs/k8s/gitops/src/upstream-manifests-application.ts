import { argoSyncBehaviour, type UpstreamManifestsDeclaration } from '@platform/config';
import { Application } from '@platform/k8s-imports/argoproj.io';
import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE } from './argocd/argocd-settings';
import type { GitOpsTarget } from './gitops-target';
import { applicationSyncPolicy } from './sync-policy';

export interface UpstreamManifestsApplicationProps {
  /** The environment (labels, error messages) and its sync behaviour (`gitOpsTarget(env)`). */
  readonly gitops: GitOpsTarget;
  /** Application name (`metadata.name`). */
  readonly name: string;
  /** ArgoCD AppProject of the Application (`spec.project`); it must allow `source.repoURL` and `namespace`. */
  readonly project: string;
  /** The pinned upstream folder (repository, path, release tag). */
  readonly source: UpstreamManifestsDeclaration;
  /** Default namespace for objects without `metadata.namespace`. */
  readonly namespace: string;
  /** ArgoCD sync wave of the Application. */
  readonly syncWave: number;
  /** Extra labels, e.g. `platform.io/addon`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * An ArgoCD Application syncing a tagged folder of an upstream Git repository (CRDs published as
 * YAML, e.g. the Gateway API standard channel). Always server-side apply: CRDs such as HTTPRoute are
 * larger than the 256 KiB `last-applied-configuration` annotation allows. Never cascades deletes
 * (deleting a CRD deletes every custom resource of it).
 * @throws Error naming the tag when `source.version` is a branch-like revision (not `v<semver>`)
 */
export class UpstreamManifestsApplication extends Construct {
  public readonly application: Application;

  constructor(scope: Construct, id: string, props: UpstreamManifestsApplicationProps) {
    super(scope, id);
    if (!/^v\d+\.\d+\.\d+$/.test(props.source.version)) {
      throw new Error(`${props.gitops.environment}: UpstreamManifestsApplication ${props.name}: version "${props.source.version}" must be a release tag such as v1.5.1 (branches move)`);
    }
    this.application = new Application(this, 'app', {
      metadata: {
        name: props.name,
        namespace: ARGOCD_NAMESPACE,
        annotations: { 'argocd.argoproj.io/sync-wave': String(props.syncWave) },
        labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/environment': props.gitops.environment, ...props.labels },
      },
      spec: {
        project: props.project,
        source: { repoUrl: props.source.repoURL, targetRevision: props.source.version, path: props.source.path, directory: { recurse: false, include: '*.yaml' } },
        destination: { server: 'https://kubernetes.default.svc', namespace: props.namespace },
        syncPolicy: applicationSyncPolicy(argoSyncBehaviour(props.gitops), { serverSideApply: true }),
      },
    });
  }
}
