import { type Addon, computeSyncWaves, OutputChart } from '@platform/k8s-core';
import type { AppProjectSpecClusterResourceWhitelist } from '@platform/k8s-imports/argoproj.io';
import { policyConstraintTemplates } from '@platform/validation/render';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { addonApplicationName, addonSyncNodes } from './addon-sync-graph';
import { ARGOCD_NAMESPACE } from './argocd/argocd-settings';
import type { GitOpsTarget } from './gitops-target';
import { HelmApplication } from './helm-application';
import { PathApplication } from './path-application';
import { PlatformProject } from './platform-project';
import { UpstreamManifestsApplication } from './upstream-manifests-application';

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
  { group: 'storage.k8s.io', kind: 'StorageClass' },
  { group: 'networking.k8s.io', kind: 'IngressClass' },
  { group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
  { group: 'karpenter.sh', kind: 'NodePool' },
  { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' },
  { group: 'operator.tekton.dev', kind: 'TektonConfig' },
  { group: 'triggers.tekton.dev', kind: 'ClusterInterceptor' },
  { group: 'triggers.tekton.dev', kind: 'ClusterTriggerBinding' },
  // security layer
  { group: 'templates.gatekeeper.sh', kind: 'ConstraintTemplate' },
  // one constraint kind per policy (Gatekeeper creates their CRDs from the templates)
  ...policyConstraintTemplates().map((t) => ({ group: 'constraints.gatekeeper.sh', kind: t.kind })),
  { group: 'cert-manager.io', kind: 'ClusterIssuer' },
  { group: 'external-secrets.io', kind: 'ClusterSecretStore' },
  // mesh layer
  { group: 'argoproj.io', kind: 'ClusterAnalysisTemplate' },
  // backup and DR: the EBS VolumeSnapshotClass Velero snapshots with
  { group: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshotClass' },
];

export interface AddonApplicationsProps {
  /** The environment's GitOps repository folder and sync behaviour (`gitOpsTarget(env)`). */
  readonly gitops: GitOpsTarget;
  /** Every add-on of the environment; dependencies must be in the list. */
  readonly addons: readonly Addon[];
}

/** Result of rendering: the computed wave of every Application, by name. */
export interface RenderedAddonApplications {
  readonly waves: ReadonlyMap<string, number>;
}

/** Sync wave, inside a chart add-on's Application, of its extra manifests: after the chart's resources (wave 0). */
export const MANIFESTS_RESOURCE_SYNC_WAVE = 1;

/** File names of `kubernetes/apps/` that are not add-ons. */
export const RESERVED_APPS_FILES = ['projects'] as const;

/**
 * Generates the GitOps side of a set of add-ons (ADR 0009): the `platform` AppProject restricted
 * to the add-ons' chart repositories, the GitOps repo and the add-ons' namespaces
 * (`kubernetes/apps/projects.yaml`), and per add-on ONE Application in `kubernetes/apps/<name>.yaml`:
 * - chart add-on: the chart with inline typed values; with extra manifests it is multi-source
 *   (chart + `kubernetes/addons/<name>/`), and every extra manifest carries the resource sync wave
 *   `MANIFESTS_RESOURCE_SYNC_WAVE` so custom resources apply after the chart's CRDs and controller;
 * - manifests-only add-on: the `kubernetes/addons/<name>/` folder.
 * Applications holding custom resources get `SkipDryRunOnMissingResource` and a longer retry.
 * Sync waves between Applications come from `computeSyncWaves`.
 * @throws DependencyCycleError naming the cycle
 * @throws Error when two add-ons share a name, or an add-on uses the reserved name `projects`
 */
export function renderAddonApplications(scope: Construct, props: AddonApplicationsProps): RenderedAddonApplications {
  const { gitops, addons } = props;
  const seen = new Set<string>();
  for (const a of addons) {
    if (seen.has(a.addonName)) throw new Error(`${gitops.environment}: two add-ons are named "${a.addonName}"`);
    if ((RESERVED_APPS_FILES as readonly string[]).includes(a.addonName)) throw new Error(`${gitops.environment}: add-on name "${a.addonName}" is reserved (kubernetes/apps/${a.addonName}.yaml)`);
    seen.add(a.addonName);
  }
  const waves = computeSyncWaves(addonSyncNodes(addons));

  const projects = new OutputChart(scope, 'apps-projects', { outputPath: 'kubernetes/apps/projects.yaml' });
  const platformProject = new PlatformProject(projects, 'platform', {
    gitops,
    name: PLATFORM_PROJECT,
    description: `Platform add-ons of ${gitops.environment}`,
    sourceRepos: [gitops.repoUrl, ...addons.flatMap((a) => (a.chart ? [a.chart.coordinates.repoURL] : [])), ...addons.flatMap((a) => (a.declaration.upstreamManifests ? [a.declaration.upstreamManifests.repoURL] : []))],
    destinationNamespaces: [ARGOCD_NAMESPACE, ...addons.flatMap((a) => a.destinationNamespaces())],
    clusterResourceWhitelist: PLATFORM_CLUSTER_RESOURCES,
  });
  platformProject.project.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(PROJECTS_SYNC_WAVE));

  for (const addon of addons) {
    const name = addonApplicationName(addon);
    const file = new OutputChart(scope, `apps-${addon.addonName}`, { outputPath: `kubernetes/apps/${addon.addonName}.yaml` });
    const labels = { 'platform.io/addon': addon.addonName };
    const common = {
      gitops,
      name,
      project: PLATFORM_PROJECT,
      namespace: addon.namespace.name,
      syncWave: waves.get(name) as number,
      customResources: addon.hasCustomResources,
      cascadeDelete: addon.cascadeDelete,
      labels,
    };
    if (addon.chart) {
      if (addon.hasManifests) {
        for (const chart of addon.manifestCharts) {
          for (const o of chart.node.findAll()) if (o instanceof ApiObject) o.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(MANIFESTS_RESOURCE_SYNC_WAVE));
        }
      }
      new HelmApplication(file, 'chart', {
        ...common,
        chart: addon.chart.coordinates,
        values: addon.chart.values,
        manifestsPath: addon.hasManifests ? addon.manifestsDirectory : undefined,
        serverSideApply: addon.chart.serverSideApply,
        skipCrds: addon.chart.skipCrds,
        ignoreDifferences: addon.chart.ignoreDifferences,
      });
    } else if (addon.declaration.upstreamManifests) {
      new UpstreamManifestsApplication(file, 'upstream', { gitops, name, project: PLATFORM_PROJECT, source: addon.declaration.upstreamManifests, namespace: addon.namespace.name, syncWave: common.syncWave, labels });
    } else {
      new PathApplication(file, 'manifests', { ...common, path: addon.manifestsDirectory });
    }
  }
  return { waves };
}
