import { applicationSourceEntries } from '../argocd-application-sources';
import type { DistTree, K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { isApplication } from '../helm/validate-helm-values';
import { normalizeRepoUrl } from './repo-url';
import { argoGlob } from './argo-glob';

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
    for (const { source } of applicationSourceEntries(doc.object)) {
      const path = typeof source['path'] === 'string' ? source['path'].replace(/\/+$/, '') : undefined;
      if (!path || typeof source['repoURL'] !== 'string') continue;
      const suffix = `${tree.env}/kubernetes/apps`;
      if (path === suffix) return { repoURL: source['repoURL'], basePath: '', doc };
      if (path.endsWith(`/${suffix}`)) return { repoURL: source['repoURL'], basePath: path.slice(0, -suffix.length - 1), doc };
    }
  }
  return undefined;
}

/** Whether a kind is cluster-scoped or namespaced (`undefined`: unknown kind, reported by K8S-SCHEMA-000). */
export type ScopeOf = (apiVersion: string, kind: string) => 'Cluster' | 'Namespaced' | undefined;

/** The objects one path source of an Application renders (the files of its folder, `directory.recurse` honoured). */
interface RenderedSource {
  readonly sourcePath: string;
  readonly objects: readonly K8sDocument[];
}

/**
 * Every Application source in the GitOps repo must point inside `<basePath>/<env>/` at a folder of
 * the published tree that holds YAML; every Application must be permitted by its AppProject, and so must every
 * object its path sources render (kind against the resource white/blacklists, namespace against
 * `destinations`). Without `scopeOf`, the kinds of rendered objects are not checked.
 */
export function validateGitops(tree: DistTree, scopeOf?: ScopeOf): Finding[] {
  const out: Finding[] = [];
  const rendered = new Map<K8sDocument, RenderedSource[]>();
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
      for (const { path, source } of applicationSourceEntries(doc.object)) {
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
        // ArgoCD's directory source reads only the folder's own files unless `directory.recurse` is true, and
        // only those its `include` glob matches and its `exclude` glob does not (paths relative to the folder).
        const directory = (source['directory'] ?? {}) as Record<string, unknown>;
        const recurse = directory['recurse'] === true;
        const include = typeof directory['include'] === 'string' && directory['include'] !== '' ? argoGlob(directory['include']) : undefined;
        const exclude = typeof directory['exclude'] === 'string' && directory['exclude'] !== '' ? argoGlob(directory['exclude']) : undefined;
        const inFolder = (file: string): boolean => {
          if (rel !== '' && !file.startsWith(`${rel}/`)) return false;
          const relFile = file.slice(rel === '' ? 0 : rel.length + 1);
          if (!recurse && relFile.includes('/')) return false;
          return (!include || include(relFile)) && !exclude?.(relFile);
        };
        const objects = tree.objects.filter((d) => inFolder(d.relPath));
        rendered.set(doc, [...(rendered.get(doc) ?? []), { sourcePath: path, objects }]);
      }
    }
  }
  out.push(...projectFindings(tree, apps, rendered, scopeOf));
  return out;
}

/** ArgoCD's group/kind list match (globs on both). */
function listed(entries: unknown, group: string, kind: string): boolean {
  return (Array.isArray(entries) ? entries : []).some((e) => e && typeof e === 'object' && argoGlob(String(e['group'] ?? ''))(group) && argoGlob(String(e['kind'] ?? ''))(kind));
}

/**
 * ArgoCD's `IsGroupKindPermitted`: a cluster-scoped kind must be in `clusterResourceWhitelist` (empty: none) and
 * not in `clusterResourceBlacklist`; a namespaced kind must be in `namespaceResourceWhitelist` when that is set,
 * and not in `namespaceResourceBlacklist`.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
 */
function kindPermitted(project: Record<string, unknown>, group: string, kind: string, scope: 'Cluster' | 'Namespaced'): string | undefined {
  if (scope === 'Cluster') {
    if (!listed(project['clusterResourceWhitelist'], group, kind)) return 'is not in clusterResourceWhitelist';
    if (listed(project['clusterResourceBlacklist'], group, kind)) return 'is in clusterResourceBlacklist';
    return undefined;
  }
  const whitelist = project['namespaceResourceWhitelist'];
  if (Array.isArray(whitelist) && whitelist.length > 0 && !listed(whitelist, group, kind)) return 'is not in namespaceResourceWhitelist';
  if (listed(project['namespaceResourceBlacklist'], group, kind)) return 'is in namespaceResourceBlacklist';
  return undefined;
}

function projectFindings(tree: DistTree, apps: readonly K8sDocument[], rendered: ReadonlyMap<K8sDocument, readonly RenderedSource[]>, scopeOf: ScopeOf | undefined): Finding[] {
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
    for (const { path, source } of applicationSourceEntries(doc.object)) {
      const url = String(source['repoURL'] ?? '');
      if (!repos.some((r) => argoGlob(r)(url) || normalizeRepoUrl(r) === normalizeRepoUrl(url))) {
        out.push({ ...at, path: `${path}.repoURL`, message: `repoURL ${url} is not in sourceRepos of AppProject ${projectName}` });
      }
    }
    const dest = (spec['destination'] ?? {}) as Record<string, unknown>;
    const destinations = ((project['destinations'] ?? []) as Record<string, unknown>[]).filter((d) => d && typeof d === 'object');
    const ns = String(dest['namespace'] ?? '');
    const server = dest['server'] !== undefined ? String(dest['server']) : undefined;
    const name = dest['name'] !== undefined ? String(dest['name']) : undefined;
    const permittedNamespace = (namespace: string): boolean =>
      destinations.some(
        (d) =>
          argoGlob(String(d['namespace'] ?? '*'))(namespace) &&
          ((server !== undefined && d['server'] !== undefined && argoGlob(String(d['server']))(server)) || (name !== undefined && d['name'] !== undefined && argoGlob(String(d['name']))(name))),
      );
    if (!permittedNamespace(ns)) out.push({ ...at, path: 'spec.destination', message: `destination ${server ?? name}/${ns} is not permitted by AppProject ${projectName} (spec.destinations)` });
    // Every object the path sources render: its kind and its namespace.
    for (const { sourcePath, objects } of rendered.get(doc) ?? []) {
      const by = `rendered by ${describeObject(doc.object)} ${sourcePath}`;
      for (const obj of objects) {
        const apiVersion = String(obj.object['apiVersion'] ?? '');
        const kind = String(obj.object['kind'] ?? '');
        const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
        const scope = scopeOf?.(apiVersion, kind);
        const objAt = { file: obj.file, object: describeObject(obj.object), rule: GITOPS_RULES.project };
        if (scope) {
          const denied = kindPermitted(project, group, kind, scope);
          if (denied) out.push({ ...objAt, path: 'kind', message: `${scope === 'Cluster' ? 'cluster-scoped' : 'namespaced'} kind ${group === '' ? 'core' : group}/${kind} ${denied} of AppProject ${projectName} (${by})` });
        }
        if (scope === 'Cluster') continue;
        const objectNs = ((obj.object['metadata'] ?? {}) as Record<string, unknown>)['namespace'];
        const effective = typeof objectNs === 'string' && objectNs !== '' ? objectNs : ns;
        if (effective !== ns && !permittedNamespace(effective)) {
          out.push({ ...objAt, path: 'metadata.namespace', message: `namespace ${effective} is not a destination of AppProject ${projectName} for ${server ?? name} (spec.destinations; ${by})` });
        }
      }
    }
  }
  return out;
}
