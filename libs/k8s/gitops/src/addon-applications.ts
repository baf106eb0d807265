import type { EnvironmentConfig } from '@platform/config';
import { type Addon, computeSyncWaves, OutputChart } from '@platform/k8s-core';
import type { AppProjectSpecClusterResourceWhitelist } from '@platform/k8s-imports/argoproj.io';
import type { Construct } from 'constructs';
import { addonApplicationNames, addonSyncNodes } from './addon-sync-graph';
import { ARGOCD_NAMESPACE } from './argocd-settings';
import { HelmApplication } from './helm-application';
import { PathApplication } from './path-application';
import { PlatformProject } from './platform-project';

/** AppProject of every platform add-on Application. */
export const PLATFORM_PROJECT = 'platform';

/** Sync wave of the AppProject file inside the root app: before every Application. */
export const PROJECTS_SYNC_WAVE = -1;

/**
 * Cluster-scoped kinds platform add-ons may create (anything else is refused by the AppProject).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/#managing-projects
 */
export const PLATFORM_CLUSTER_RESOURCES: readonly AppProjectSpecClusterResourceWhitelist[] = [
  { group: '', kind: 'Namespace' },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicy' },
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicyBinding' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: 'scheduling.k8s.io', kind: 'PriorityClass' },
  { group: 'storage.k8s.io', kind: 'StorageClass' },
  { group: 'networking.k8s.io', kind: 'IngressClass' },
  { group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
  { group: 'karpenter.sh', kind: 'NodePool' },
  { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' },
  { group: 'operator.tekton.dev', kind: 'TektonConfig' },
  { group: 'triggers.tekton.dev', kind: 'ClusterInterceptor' },
  { group: 'triggers.tekton.dev', kind: 'ClusterTriggerBinding' },
];

export interface AddonApplicationsProps {
  readonly env: EnvironmentConfig;
  /** Every add-on of the environment; dependencies must be in the list. */
  readonly addons: readonly Addon[];
}

/** Result of rendering: the computed wave of every Application, by name. */
export interface RenderedAddonApplications {
  readonly waves: ReadonlyMap<string, number>;
}

/**
 * Generates the GitOps side of a set of add-ons (DESIGN D6): the `platform` AppProject restricted
 * to the add-ons' chart repositories, the GitOps repo and the add-ons' namespaces
 * (`kubernetes/apps/projects.yaml`), and per add-on `kubernetes/apps/<name>.yaml` holding the
 * chart Application (inline typed values) and, when the add-on has extra manifests, the
 * Application syncing `kubernetes/addons/<name>/`. Sync waves come from `computeSyncWaves`.
 * @throws DependencyCycleError naming the cycle
 * @throws Error when two add-ons share a name
 */
export function renderAddonApplications(scope: Construct, props: AddonApplicationsProps): RenderedAddonApplications {
  const { env, addons } = props;
  const seen = new Set<string>();
  for (const a of addons) {
    if (seen.has(a.addonName)) throw new Error(`${env.name}: two add-ons are named "${a.addonName}"`);
    seen.add(a.addonName);
  }
  const waves = computeSyncWaves(addonSyncNodes(addons));

  const projects = new OutputChart(scope, 'apps-projects', { outputPath: 'kubernetes/apps/projects.yaml' });
  const platformProject = new PlatformProject(projects, 'platform', {
    env,
    name: PLATFORM_PROJECT,
    description: `Platform add-ons of ${env.name}`,
    sourceRepos: [env.gitops.repoUrl, ...addons.flatMap((a) => (a.chart ? [a.chart.coordinates.repoURL] : []))],
    destinationNamespaces: [ARGOCD_NAMESPACE, ...addons.flatMap((a) => a.destinationNamespaces())],
    clusterResourceWhitelist: PLATFORM_CLUSTER_RESOURCES,
  });
  platformProject.project.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(PROJECTS_SYNC_WAVE));

  for (const addon of addons) {
    const names = addonApplicationNames(addon);
    const file = new OutputChart(scope, `apps-${addon.addonName}`, { outputPath: `kubernetes/apps/${addon.addonName}.yaml` });
    const labels = { 'platform.io/addon': addon.addonName };
    if (addon.chart && names.chart) {
      new HelmApplication(file, 'chart', {
        env,
        name: names.chart,
        project: PLATFORM_PROJECT,
        chart: addon.chart.coordinates,
        namespace: addon.namespace.name,
        values: addon.chart.values,
        syncWave: waves.get(names.chart),
        serverSideApply: addon.chart.serverSideApply,
        skipCrds: addon.chart.skipCrds,
        labels,
      });
    }
    if (names.manifests) {
      new PathApplication(file, 'manifests', {
        env,
        name: names.manifests,
        project: PLATFORM_PROJECT,
        path: addon.manifestsDirectory,
        namespace: addon.namespace.name,
        syncWave: waves.get(names.manifests) as number,
        labels,
      });
    }
  }
  return { waves };
}
