import type { DistTree, K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { applicationSources, isApplication } from '../helm/validate-helm-values';
import { normalizeRepoUrl } from './repo-url';

/** Rule ids of the GitOps wiring. */
export const GITOPS_RULES = {
  /** A path source into the GitOps repo does not resolve inside the published tree. */
  path: 'XL-GITOPS-001',
  /** No root Application found to learn the GitOps repo and base path from. */
  root: 'XL-GITOPS-002',
  /** Application not permitted by its AppProject (source repo, destination). */
  project: 'XL-ARGO-001',
} as const;

export { normalizeRepoUrl } from './repo-url';

/**
 * The root Application: the Application under `kubernetes/bootstrap/` whose path source points at
 * `[<basePath>/]<env>/kubernetes/apps`. It defines the GitOps repo URL and the base path.
 */
export function findGitopsRoot(tree: DistTree): { repoURL: string; basePath: string; doc: K8sDocument } | undefined {
  for (const doc of tree.objects) {
    if (!doc.relPath.startsWith('kubernetes/bootstrap/') || !isApplication(doc.object)) continue;
    for (const { source } of applicationSources(doc.object)) {
      const path = typeof source['path'] === 'string' ? source['path'].replace(/\/+$/, '') : undefined;
      if (!path || typeof source['repoURL'] !== 'string') continue;
      const suffix = `${tree.env}/kubernetes/apps`;
      if (path === suffix) return { repoURL: source['repoURL'], basePath: '', doc };
      if (path.endsWith(`/${suffix}`)) return { repoURL: source['repoURL'], basePath: path.slice(0, -suffix.length - 1), doc };
    }
  }
  return undefined;
}

/**
 * Every Application source in the GitOps repo must point inside `<basePath>/<env>/` at a folder of
 * the published tree that holds YAML; every Application must be permitted by its AppProject.
 */
export function validateGitops(tree: DistTree): Finding[] {
  const out: Finding[] = [];
  const apps = tree.objects.filter((d) => isApplication(d.object));
  const root = findGitopsRoot(tree);
  if (!root) {
    if (apps.length > 0) {
      out.push({ file: `${tree.displayRoot}/kubernetes/bootstrap`, object: '-', path: '-', rule: GITOPS_RULES.root, message: `no root Application with a path source "[<basePath>/]${tree.env}/kubernetes/apps" in kubernetes/bootstrap/` });
    }
  } else {
    const repo = normalizeRepoUrl(root.repoURL);
    const envPrefix = root.basePath === '' ? `${tree.env}/` : `${root.basePath}/${tree.env}/`;
    for (const doc of apps) {
      for (const { path, source } of applicationSources(doc.object)) {
        if (typeof source['repoURL'] !== 'string' || normalizeRepoUrl(source['repoURL']) !== repo || typeof source['path'] !== 'string') continue;
        const p = source['path'].replace(/\/+$/, '');
        const at = { file: doc.file, object: describeObject(doc.object), path: `${path}.path`, rule: GITOPS_RULES.path };
        if (!`${p}/`.startsWith(envPrefix)) {
          out.push({ ...at, message: `path "${p}" is outside this environment's folder "${envPrefix}" of the GitOps repo` });
          continue;
        }
        const rel = p.slice(envPrefix.length);
        const hasYaml = tree.files.some((f) => (rel === '' || f.startsWith(`${rel}/`)) && /\.ya?ml$/.test(f));
        if (!hasYaml) out.push({ ...at, message: `path "${p}" maps to ${tree.displayRoot}/${rel}, which holds no YAML in the published tree` });
      }
    }
  }
  out.push(...projectFindings(tree, apps));
  return out;
}

function projectFindings(tree: DistTree, apps: readonly K8sDocument[]): Finding[] {
  const out: Finding[] = [];
  const projects = new Map<string, Record<string, unknown>>();
  for (const d of tree.objects) {
    if (d.object['kind'] === 'AppProject' && String(d.object['apiVersion']).startsWith('argoproj.io/')) {
      projects.set(String((d.object['metadata'] as Record<string, unknown>)?.['name']), (d.object['spec'] ?? {}) as Record<string, unknown>);
    }
  }
  for (const doc of apps) {
    const spec = (doc.object['spec'] ?? {}) as Record<string, unknown>;
    const projectName = String(spec['project'] ?? '');
    const at = { file: doc.file, object: describeObject(doc.object), rule: GITOPS_RULES.project };
    const project = projects.get(projectName);
    if (!project) {
      if (projectName !== 'default') out.push({ ...at, path: 'spec.project', message: `AppProject "${projectName}" is not rendered in the tree` });
      continue;
    }
    const repos = ((project['sourceRepos'] ?? []) as unknown[]).map(String);
    for (const { path, source } of applicationSources(doc.object)) {
      const url = String(source['repoURL'] ?? '');
      if (!repos.some((r) => glob(r, url) || normalizeRepoUrl(r) === normalizeRepoUrl(url))) {
        out.push({ ...at, path: `${path}.repoURL`, message: `repoURL ${url} is not in sourceRepos of AppProject ${projectName}` });
      }
    }
    const dest = (spec['destination'] ?? {}) as Record<string, unknown>;
    const destinations = ((project['destinations'] ?? []) as Record<string, unknown>[]).filter((d) => d && typeof d === 'object');
    const ns = String(dest['namespace'] ?? '');
    const server = dest['server'] !== undefined ? String(dest['server']) : undefined;
    const name = dest['name'] !== undefined ? String(dest['name']) : undefined;
    const permitted = destinations.some(
      (d) =>
        glob(String(d['namespace'] ?? '*'), ns) &&
        ((server !== undefined && d['server'] !== undefined && glob(String(d['server']), server)) || (name !== undefined && d['name'] !== undefined && glob(String(d['name']), name))),
    );
    if (!permitted) out.push({ ...at, path: 'spec.destination', message: `destination ${server ?? name}/${ns} is not permitted by AppProject ${projectName} (spec.destinations)` });
  }
  return out;
}

/** ArgoCD glob (`*` any run of characters, `?` one character), whole-string match. */
function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}
