import { type AppSynthesis, chartFor, type EnvironmentConfig, type SynthesizedFile } from '@platform/config';
import { applicationSources, type RenderedApplicationLike } from '@platform/validation';
import { OutputChart } from '@platform/k8s-core';
import { ARGOCD_NAMESPACE, argoCdValues } from '@platform/k8s-gitops';
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { buildClusterAddons } from './addons-app';

/** YAML style for every emitted document: no line folding, so long strings stay diffable. */
export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;

/** Renders Kubernetes objects as one multi-document YAML file. */
export function toMultiDocYaml(objects: readonly unknown[]): string {
  return objects.map((o) => stringify(o, YAML_OPTIONS)).join('---\n');
}

/**
 * Synthesizes every OutputChart to its file, in process, without the cdk8s CLI. `versions` holds
 * `chart:<name>` → `targetRevision` of every Helm chart any Application installs, from
 * `spec.source` and every `spec.sources[]` entry (multi-source add-ons).
 * @throws Error naming the chart when two charts claim the same output file
 */
export function synthClusterAddons(env: EnvironmentConfig): AppSynthesis {
  const app = new App();
  const { documents } = buildClusterAddons(app, env);
  const versions: Record<string, string> = {};
  const files: SynthesizedFile[] = app.charts.filter(OutputChart.isOutputChart).map((chart) => {
    const objects = chart.toJson() as RenderedApplicationLike[];
    for (const source of objects.flatMap(applicationSources)) {
      if (source.chart && source.targetRevision) versions[`chart:${source.chart}`] = source.targetRevision;
    }
    return { path: chart.outputPath, content: toMultiDocYaml(objects) };
  });
  const argocd = chartFor(env, 'argo-cd');
  files.push({
    path: 'kubernetes/bootstrap/argocd-values.yaml',
    content: `# helm install argocd ${argocd.chart} --repo ${argocd.repoURL} --version ${argocd.version} -n ${ARGOCD_NAMESPACE} -f argocd-values.yaml\n${stringify(argoCdValues(env), YAML_OPTIONS)}`,
  });
  files.push(...documents);
  return { files, versions };
}
