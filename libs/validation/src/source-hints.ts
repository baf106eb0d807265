import { CHART_CATALOG } from '@platform/config';
import { applicationSourceEntries } from './argocd-application-sources';
import type { DistTree } from './dist-tree';
import { describeObject } from './dist-tree';
import type { Finding } from './finding';

const key = (...parts: readonly string[]): string => parts.join('\u0000');

/** Rules about the chart version itself: the value comes from `addons.chartVersions.<key>` (or the catalog pin). */
const CHART_VERSION_RULES = new Set(['HELM-VER-001', 'HELM-CHART-001']);

/** `addons.chartVersions` key of each chart, by `repoURL` + chart name and, when unambiguous, by chart name alone. */
function chartKeys(): { readonly byRepo: ReadonlyMap<string, string>; readonly byName: ReadonlyMap<string, string> } {
  const byRepo = new Map<string, string>();
  const names = new Map<string, string[]>();
  for (const [chartKey, c] of Object.entries(CHART_CATALOG)) {
    byRepo.set(key(c.repoURL, c.chart), chartKey);
    names.set(c.chart, [...(names.get(c.chart) ?? []), chartKey]);
  }
  const byName = new Map([...names].filter(([, keys]) => keys.length === 1).map(([name, [k]]) => [name, k]));
  return { byRepo, byName };
}

/**
 * Adds to each finding where its object comes from: the construct path (Kubernetes objects from the tree's
 * `construct-paths.json`, Terraform resources from their `"//": { "metadata": { "path" } }`) and, for the
 * version of an add-on chart, the environment field `addons.chartVersions.<key>`. Findings on objects
 * without such a record (hand-written values files, file-level findings) stay as they are.
 */
export function withSourceHints(findings: readonly Finding[], tree: DistTree): Finding[] {
  const constructs = new Map<string, string>();
  for (const [relPath, objects] of Object.entries(tree.constructPaths)) {
    for (const [object, path] of Object.entries(objects)) constructs.set(key(`${tree.displayRoot}/${relPath}`, object), path);
  }
  for (const stack of tree.stacks) {
    for (const [block, prefix] of [['resource', ''], ['data', 'data.']] as const) {
      const byType = stack.json[block];
      if (!byType || typeof byType !== 'object') continue;
      for (const [type, byName] of Object.entries(byType as Record<string, unknown>)) {
        if (!byName || typeof byName !== 'object') continue;
        for (const [name, body] of Object.entries(byName as Record<string, unknown>)) {
          const path = ((body as { '//'?: { metadata?: { path?: unknown } } } | null)?.['//']?.metadata?.path);
          if (typeof path === 'string') constructs.set(key(stack.file, `${prefix}${type}.${name}`), path);
        }
      }
    }
  }
  const { byRepo, byName } = chartKeys();
  const versionFields = new Map<string, string>();
  for (const doc of tree.objects) {
    for (const { path, source } of applicationSourceEntries(doc.object)) {
      const chartKey = byRepo.get(key(String(source['repoURL']), String(source['chart'])));
      if (chartKey) versionFields.set(key(doc.file, describeObject(doc.object), `${path}.targetRevision`), `addons.chartVersions.${chartKey}`);
    }
  }
  for (const values of tree.helmValues) {
    const chartKey = byName.get(values.chart);
    if (chartKey) versionFields.set(key(values.file, `helm values ${values.chart} ${values.version}`, '-'), `addons.chartVersions.${chartKey}`);
  }
  return findings.map((f) => {
    const construct = constructs.get(key(f.file, f.object));
    const envField = CHART_VERSION_RULES.has(f.rule) ? versionFields.get(key(f.file, f.object, f.path)) : undefined;
    return construct === undefined && envField === undefined ? f : { ...f, ...(construct !== undefined && { construct }), ...(envField !== undefined && { envField }) };
  });
}
