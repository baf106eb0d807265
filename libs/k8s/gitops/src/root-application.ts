import { type EnvironmentConfig, gitopsEnvPath } from '@platform/config';
import { Application } from '@platform/k8s-imports/argoproj.io';
import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE } from './argocd-settings';
import { applicationSyncPolicy } from './sync-policy';

export interface RootApplicationProps {
  readonly env: EnvironmentConfig;
  /** AppProject the root Application belongs to. */
  readonly project: string;
}

/** Finalizer that deletes an Application's resources when the Application is deleted. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/**
 * The app-of-apps: syncs `<basePath>/<env>/kubernetes/apps` of the GitOps repo, where every
 * add-on's Application lives. Applied once by hand during bootstrap; ArgoCD owns it afterwards.
 */
export class RootApplication extends Construct {
  public readonly application: Application;

  constructor(scope: Construct, id: string, props: RootApplicationProps) {
    super(scope, id);
    const { env } = props;
    this.application = new Application(this, 'app', {
      metadata: {
        name: `${env.name}-root`,
        namespace: ARGOCD_NAMESPACE,
        finalizers: [RESOURCES_FINALIZER],
        labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/environment': env.name },
      },
      spec: {
        project: props.project,
        source: {
          repoUrl: env.gitops.repoUrl,
          targetRevision: env.gitops.targetRevision,
          path: `${gitopsEnvPath(env)}/kubernetes/apps`,
          directory: { recurse: false },
        },
        destination: { server: 'https://kubernetes.default.svc', namespace: ARGOCD_NAMESPACE },
        syncPolicy: applicationSyncPolicy(env),
      },
    });
  }
}
