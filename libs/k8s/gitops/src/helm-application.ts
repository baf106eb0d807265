import { argoSyncBehaviour, type ChartCoordinates } from '@platform/config';
import type { IgnoreDifference } from '@platform/k8s-core';
import { Application, type ApplicationSpecSources } from '@platform/k8s-imports/argoproj.io';
import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE } from './argocd/argocd-settings';
import type { GitOpsTarget } from './gitops-target';
import { RESOURCES_FINALIZER } from './root-application';
import { applicationSyncPolicy } from './sync-policy';

/**
 * @typeParam V the chart's typed values (the add-on's `XxxValues` interface, e.g. `ArgoCdValues`),
 *   whose keys all exist in the chart's values.yaml
 */
export interface HelmApplicationProps<V extends object = object> {
  /** The environment's GitOps repository folder and sync behaviour (`gitOpsTarget(env)`). */
  readonly gitops: GitOpsTarget;
  /** Application name; also the Helm release name. */
  readonly name: string;
  /**
   * ArgoCD AppProject of the Application (`spec.project`); it must allow the chart's `repoURL`, the
   * GitOps repo (with `manifestsPath`) and `namespace` as a destination, or ArgoCD refuses to sync.
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
   */
  readonly project: string;
  /**
   * The pinned chart (repository, chart name, exact version). Not checked here: the registry pins and the
   * schema's `addons.chartVersions` overrides are the only sources, and `nx validate` fails a rendered
   * `targetRevision` that is not exact (HELM-VER-001).
   */
  readonly chart: ChartCoordinates;
  /** Destination namespace of the chart's resources. */
  readonly namespace: string;
  /** Inline Helm values (`helm.valuesObject` of the chart source), rendered as given. */
  readonly values: V;
  /**
   * Folder of extra manifests relative to `gitops.environmentPath` in the GitOps repo (e.g.
   * `kubernetes/addons/karpenter`): makes the Application multi-source (`spec.sources`: the chart,
   * then that folder). Omit for a chart-only Application (`spec.source`). @default none
   */
  readonly manifestsPath?: string;
  /** ArgoCD sync wave. @default 0 */
  readonly syncWave?: number;
  /**
   * Sync with server-side apply (sync option `ServerSideApply=true`): no
   * `last-applied-configuration` annotation (which caps an object at 256 KiB, e.g. large CRDs) and
   * field ownership, so fields other controllers own are not reverted.
   * @default false (client-side apply)
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#server-side-apply
   */
  readonly serverSideApply?: boolean;
  /** The Application holds custom resources (see `SyncPolicyOptions.customResources`). @default false */
  readonly customResources?: boolean;
  /** Do not install the chart's `crds/` folder (a CRD-only chart owns them). @default false */
  readonly skipCrds?: boolean;
  /** Add the `resources-finalizer` (deleting the Application deletes its resources). @default true */
  readonly cascadeDelete?: boolean;
  /** Extra labels, e.g. `platform.io/addon`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Cluster-owned fields (`spec.ignoreDifferences`, sync option `RespectIgnoreDifferences=true`). @default [] */
  readonly ignoreDifferences?: readonly IgnoreDifference[];
}

/**
 * An ArgoCD Application that installs one pinned upstream Helm chart with inline values and, when
 * `manifestsPath` is set, also syncs the add-on's folder of the GitOps repo as a second source.
 * @throws Error naming `manifestsPath` when it leaves the environment folder, or an `ignoreDifferences`
 *   entry without fields
 */
export class HelmApplication<V extends object = object> extends Construct {
  public readonly application: Application;

  constructor(scope: Construct, id: string, props: HelmApplicationProps<V>) {
    super(scope, id);
    const { gitops } = props;
    if (props.manifestsPath !== undefined && (props.manifestsPath.startsWith('/') || props.manifestsPath.split('/').includes('..'))) {
      throw new Error(`${gitops.environment}: HelmApplication ${props.name}: manifestsPath "${props.manifestsPath}" must be relative to the environment folder`);
    }
    const ignoreDifferences = props.ignoreDifferences ?? [];
    for (const d of ignoreDifferences) {
      if ((d.jsonPointers ?? []).length + (d.jqPathExpressions ?? []).length === 0) {
        throw new Error(`${gitops.environment}: HelmApplication ${props.name}: ignoreDifferences entry for ${d.kind} ${d.name ?? '*'} must list jsonPointers or jqPathExpressions`);
      }
    }
    const chartSource: ApplicationSpecSources = {
      repoUrl: props.chart.repoURL,
      chart: props.chart.chart,
      targetRevision: props.chart.version,
      helm: { releaseName: props.name, valuesObject: props.values, ...(props.skipCrds ? { skipCrds: true } : {}) },
    };
    const sources: ApplicationSpecSources[] | undefined =
      props.manifestsPath === undefined
        ? undefined
        : [chartSource, { repoUrl: gitops.repoUrl, targetRevision: gitops.targetRevision, path: `${gitops.environmentPath}/${props.manifestsPath}`, directory: { recurse: false } }];
    this.application = new Application(this, 'app', {
      metadata: {
        name: props.name,
        namespace: ARGOCD_NAMESPACE,
        ...((props.cascadeDelete ?? true) ? { finalizers: [RESOURCES_FINALIZER] } : {}),
        annotations: { 'argocd.argoproj.io/sync-wave': String(props.syncWave ?? 0) },
        labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/environment': gitops.environment, ...props.labels },
      },
      spec: {
        project: props.project,
        ...(sources ? { sources } : { source: chartSource }),
        destination: { server: 'https://kubernetes.default.svc', namespace: props.namespace },
        ...(ignoreDifferences.length > 0
          ? { ignoreDifferences: ignoreDifferences.map((d) => ({ ...d, jsonPointers: d.jsonPointers ? [...d.jsonPointers] : undefined, jqPathExpressions: d.jqPathExpressions ? [...d.jqPathExpressions] : undefined })) }
          : {}),
        syncPolicy: applicationSyncPolicy(argoSyncBehaviour(gitops), { serverSideApply: props.serverSideApply, customResources: props.customResources, respectIgnoreDifferences: ignoreDifferences.length > 0 }),
      },
    });
  }
}
