import { CHART_CATALOG, chartFor, type EnvironmentConfig } from '@platform/config';
import { OutputChart } from '@platform/k8s-core';
import { ARGOCD_NAMESPACE, argoCdValues, HelmApplication, PlatformProject, RootApplication } from '@platform/k8s-gitops';
import { KubeNamespace } from 'cdk8s-plus-34/lib/imports/k8s';
import type { App } from 'cdk8s';

/** AppProject holding every platform add-on Application. */
export const PLATFORM_PROJECT = 'platform';

/**
 * Composes the environment's Kubernetes side: the bootstrap (namespace, AppProject, root
 * Application) and one Application file per add-on under `kubernetes/apps/`.
 */
export function buildClusterAddons(app: App, env: EnvironmentConfig): void {
  const argocdChart = chartFor(env, 'argo-cd');

  const bootstrap = new OutputChart(app, 'bootstrap', { outputPath: 'kubernetes/bootstrap/root-application.yaml' });
  new KubeNamespace(bootstrap, 'argocd-namespace', {
    metadata: {
      name: ARGOCD_NAMESPACE,
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
  new PlatformProject(bootstrap, 'project', {
    env,
    name: PLATFORM_PROJECT,
    sourceRepos: [env.gitops.repoUrl, ...Object.values(CHART_CATALOG).map((c) => c.repoURL)],
    destinationNamespaces: [ARGOCD_NAMESPACE],
  });
  new RootApplication(bootstrap, 'root', { env, project: PLATFORM_PROJECT });

  const argocd = new OutputChart(app, 'argocd', { outputPath: 'kubernetes/apps/argocd.yaml' });
  new HelmApplication(argocd, 'argocd', {
    env,
    name: 'argocd',
    project: PLATFORM_PROJECT,
    chart: argocdChart,
    namespace: ARGOCD_NAMESPACE,
    values: argoCdValues(env),
    serverSideApply: true,
  });
}
