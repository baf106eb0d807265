import { type AppSynthesis, chartFor, type EnvironmentConfig, kubernetesObjectId, type SynthesizedFile } from '@platform/config';
import { applicationSources, compareCodeUnits, type RenderedApplicationLike } from '@platform/validation/render';
import { OutputChart } from '@platform/k8s-core';
import { ARGOCD_NAMESPACE, argoCdValues, argoCdValuesPropsOf } from '@platform/k8s-gitops';
import { ApiObject, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { buildClusterAddons } from './addons-app';

/** YAML style for every emitted document: no line folding, so long strings stay diffable. */
export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;

/** Renders Kubernetes objects as one multi-document YAML file. */
export function toMultiDocYaml(objects: readonly unknown[]): string {
  return objects.map((o) => stringify(o, YAML_OPTIONS)).join('---\n');
}

/**
 * Construct path of every API object the chart renders (`object id -> path`, sorted), objects of nested charts
 * excluded as cdk8s excludes them from the chart's output. Read from the construct tree, so the rendered
 * manifests carry no extra annotation.
 */
export function constructPathsOf(chart: Chart): Record<string, string> {
  const entries = chart.node
    .findAll()
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart)
    .map((o) => [kubernetesObjectId(o.apiVersion, o.kind, o.metadata.namespace, o.name), o.node.path] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => compareCodeUnits(a, b)));
}

/**
 * Synthesizes every OutputChart to its file, in process, without the cdk8s CLI. `versions` holds
 * `chart:<name>` → `targetRevision` of every Helm chart any Application installs, from
 * `spec.source` and every `spec.sources[]` entry (multi-source add-ons); `constructPaths` the construct
 * path of every rendered object, per file.
 * @throws Error naming the chart when two charts claim the same output file
 */
export function synthClusterAddons(env: EnvironmentConfig): AppSynthesis {
  const app = new App();
  const { documents } = buildClusterAddons(app, env);
  const versions: Record<string, string> = {};
  const constructPaths: Record<string, Record<string, string>> = {};
  const files: SynthesizedFile[] = app.charts.filter(OutputChart.isOutputChart).map((chart) => {
    const objects = chart.toJson() as RenderedApplicationLike[];
    constructPaths[chart.outputPath] = { ...constructPaths[chart.outputPath], ...constructPathsOf(chart) };
    for (const source of objects.flatMap(applicationSources)) {
      if (source.chart && source.targetRevision) versions[`chart:${source.chart}`] = source.targetRevision;
    }
    return { path: chart.outputPath, content: toMultiDocYaml(objects) };
  });
  const argocd = chartFor(env, 'argo-cd');
  files.push({
    path: 'kubernetes/bootstrap/argocd-values.yaml',
    content: `# helm install argocd ${argocd.chart} --repo ${argocd.repoURL} --version ${argocd.version} -n ${ARGOCD_NAMESPACE} -f argocd-values.yaml\n${stringify(argoCdValues(argoCdValuesPropsOf(env)), YAML_OPTIONS)}`,
  });
  files.push(...documents);
  return { files, versions, constructPaths };
}
