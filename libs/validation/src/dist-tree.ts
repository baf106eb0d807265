import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CONSTRUCT_PATHS_FILE, type ConstructPathMap, kubernetesObjectId } from '@platform/config';
import { defaultSchemaCacheDir, parsedWithCache } from './compiled-schema-cache';
import type { Finding } from './finding';

/** A Kubernetes object as found in a YAML document of the tree. */
export interface K8sDocument {
  /** Display path of the file (see {@link DistTree.displayRoot}). */
  readonly file: string;
  /** Path relative to `dist/<env>`, POSIX separators, e.g. `kubernetes/apps/argocd.yaml`. */
  readonly relPath: string;
  /** 0-based index of the document inside its file. */
  readonly index: number;
  readonly object: Record<string, unknown>;
}

/**
 * A Helm values file rendered for a `helm install` (e.g. the ArgoCD bootstrap values). Recognised by a
 * leading comment `# helm install|upgrade [--install] <release> <chart-ref> --version <version>`.
 */
export interface HelmValuesDocument {
  readonly file: string;
  readonly relPath: string;
  readonly chart: string;
  readonly version: string;
  readonly values: Record<string, unknown>;
}

/** One Terraform stack: `terraform/<stack>/cdk.tf.json`. */
export interface TerraformStackFile {
  readonly file: string;
  readonly relPath: string;
  readonly stack: string;
  readonly json: Record<string, unknown>;
}

/** `dist/<env>/manifest.json` (only the fields the validator reads). */
export interface DistManifest {
  readonly environment?: string;
  /** Kubernetes minor of the cluster, e.g. `1.34`, when the synth records it. */
  readonly kubernetesVersion?: string;
  readonly versions?: Readonly<Record<string, string>>;
  readonly files?: readonly { readonly path: string; readonly sha256: string }[];
}

/** Everything the validator reads from one environment's output folder. */
export interface DistTree {
  readonly env: string;
  /** Absolute folder `dist/<env>`. */
  readonly root: string;
  /** How files are named in findings: `<dist as given>/<env>`. */
  readonly displayRoot: string;
  readonly manifest: DistManifest | undefined;
  readonly objects: readonly K8sDocument[];
  readonly helmValues: readonly HelmValuesDocument[];
  readonly stacks: readonly TerraformStackFile[];
  /**
   * Construct path of each rendered Kubernetes object, per file (`construct-paths.json`, written by synth);
   * empty when the tree has none. Only used to point findings back at their source.
   */
  readonly constructPaths: ConstructPathMap;
  /** Every file below the root (relative POSIX paths), sorted. */
  readonly files: readonly string[];
  /** Problems found while loading (unparseable files, unknown documents, manifest drift). */
  readonly loadFindings: readonly Finding[];
}

const HELM_HEADER = /^#\s*helm\s+(?:install|upgrade(?:\s+--install)?)\s+(\S+)\s+(\S+)\s+.*--version[ =](\S+)/m;

function walk(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split(sep).join(posix.sep)]))
    .sort();
}

export interface LoadDistTreeOptions {
  /**
   * Folder where the parsed YAML files are cached as JSON, by the SHA-256 of their text ({@link parsedWithCache}):
   * a file synth wrote the same bytes for is not parsed again. `null` parses every file.
   * @default defaultSchemaCacheDir() (`node_modules/.cache/platform-schemas`, `PLATFORM_SCHEMA_CACHE=off` disables it)
   */
  readonly cacheDir?: string | null;
}

/**
 * Reads `<distRoot>/<env>`: every YAML document under `kubernetes/` and `drills/` (restore drills, applied by hand), every `terraform/<stack>/cdk.tf.json`
 * and `manifest.json`.
 * @param distRoot folder holding the environments (absolute or relative to `cwd`)
 * @param displayDist how `distRoot` is printed in findings (the value the user passed)
 * @throws Error when `<distRoot>/<env>` does not exist (naming the folder and how to create it)
 */
export function loadDistTree(distRoot: string, env: string, displayDist = 'dist', options: LoadDistTreeOptions = {}): DistTree {
  const cacheDir = options.cacheDir === undefined ? defaultSchemaCacheDir() : (options.cacheDir ?? undefined);
  const root = join(distRoot, env);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`${join(displayDist, env)} does not exist; run \`npx nx synth ${env}\` first`);
  }
  const displayRoot = posix.join(displayDist.split(sep).join(posix.sep), env);
  const files = walk(root, root);
  const findings: Finding[] = [];
  const objects: K8sDocument[] = [];
  const helmValues: HelmValuesDocument[] = [];
  const stacks: TerraformStackFile[] = [];
  let manifest: DistManifest | undefined;
  let constructPaths: ConstructPathMap = {};

  for (const relPath of files) {
    const file = `${displayRoot}/${relPath}`;
    const text = readFileSync(join(root, relPath), 'utf8');
    if (relPath === 'manifest.json') {
      manifest = parseJson(text, file, findings) as DistManifest | undefined;
      continue;
    }
    if (relPath === CONSTRUCT_PATHS_FILE) {
      const kubernetes = parseJson(text, file, findings)?.['kubernetes'];
      if (kubernetes && typeof kubernetes === 'object') constructPaths = kubernetes as ConstructPathMap;
      continue;
    }
    if (/^terraform\/[^/]+\/cdk\.tf\.json$/.test(relPath)) {
      const json = parseJson(text, file, findings);
      if (json) stacks.push({ file, relPath, stack: relPath.split('/')[1], json });
      continue;
    }
    if (/^(kubernetes|drills)\//.test(relPath) && /\.ya?ml$/.test(relPath)) {
      loadYaml(text, file, relPath, objects, helmValues, findings, cacheDir);
      continue;
    }
    if (relPath.startsWith('terraform/') && relPath.endsWith('.json')) {
      findings.push({ file, object: '-', path: '-', rule: 'DIST-002', message: 'unexpected file under terraform/ (expected terraform/<stack>/cdk.tf.json)' });
    }
  }
  findings.push(...checkManifest(manifest, files, root, displayRoot));
  return { env, root, displayRoot, manifest, objects, helmValues, stacks, constructPaths, files, loadFindings: findings };
}

function parseJson(text: string, file: string, findings: Finding[]): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    findings.push({ file, object: '-', path: '-', rule: 'DIST-001', message: 'file is not a JSON object' });
  } catch (err) {
    findings.push({ file, object: '-', path: '-', rule: 'DIST-001', message: `invalid JSON: ${(err as Error).message}` });
  }
  return undefined;
}

/** What a YAML document of the tree parses to: the message of its first error, or its value (`null` when empty). */
type ParsedDocument = { readonly error: string } | { readonly value: unknown };

/** Parses every document of a file, as {@link loadYaml} needs it (the result is what the parse cache stores). */
function parseDocuments(text: string): ParsedDocument[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  return (Array.isArray(docs) ? docs : [docs]).map((doc) =>
    doc.errors.length > 0 ? { error: doc.errors[0].message } : { value: doc.toJS({ maxAliasCount: 100 }) ?? null },
  );
}

function loadYaml(
  text: string,
  file: string,
  relPath: string,
  objects: K8sDocument[],
  helmValues: HelmValuesDocument[],
  findings: Finding[],
  cacheDir: string | undefined,
): void {
  parsedWithCache(cacheDir, 'dist documents', text, parseDocuments).forEach((doc, index) => {
    if ('error' in doc) {
      findings.push({ file, object: `document ${index}`, path: '-', rule: 'DIST-001', message: `invalid YAML: ${doc.error}` });
      return;
    }
    const value = doc.value;
    if (value === null) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      findings.push({ file, object: `document ${index}`, path: '-', rule: 'DIST-003', message: 'YAML document is not a mapping' });
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record['apiVersion'] === 'string' && typeof record['kind'] === 'string') {
      objects.push({ file, relPath, index, object: record });
      return;
    }
    const header = index === 0 ? HELM_HEADER.exec(text) : null;
    if (header) {
      const chartRef = header[2].replace(/^oci:\/\//, '');
      helmValues.push({ file, relPath, chart: chartRef.split('/').pop() ?? chartRef, version: header[3], values: record });
      return;
    }
    findings.push({
      file,
      object: `document ${index}`,
      path: '-',
      rule: 'DIST-003',
      message: 'document has no apiVersion/kind and is not a Helm values file (header `# helm install <release> <chart> --version <version>`)',
    });
  });
}

/** DIST-004: manifest.json lists exactly the files of the tree, with their sha256. */
function checkManifest(manifest: DistManifest | undefined, files: readonly string[], root: string, displayRoot: string): Finding[] {
  const file = `${displayRoot}/manifest.json`;
  if (!manifest) return [{ file, object: '-', path: '-', rule: 'DIST-004', message: 'manifest.json is missing or unreadable' }];
  const out: Finding[] = [];
  const listed = new Map((manifest.files ?? []).map((f) => [f.path, f.sha256]));
  for (const rel of files) {
    if (rel === 'manifest.json') continue;
    const sha = listed.get(rel);
    if (sha === undefined) {
      out.push({ file, object: '-', path: 'files', rule: 'DIST-004', message: `${rel} is in the tree but not in manifest.json` });
      continue;
    }
    const actual = createHash('sha256').update(readFileSync(join(root, rel))).digest('hex');
    if (actual !== sha) out.push({ file, object: '-', path: 'files', rule: 'DIST-004', message: `${rel}: sha256 ${actual} differs from manifest (${sha})` });
  }
  for (const rel of listed.keys()) {
    if (!files.includes(rel)) out.push({ file, object: '-', path: 'files', rule: 'DIST-004', message: `${rel} is listed in manifest.json but missing from the tree` });
  }
  return out;
}

/** `apiVersion/kind namespace/name` (cluster-scoped or unnamed objects omit the missing parts). */
export function describeObject(object: Record<string, unknown>): string {
  const meta = (object['metadata'] ?? {}) as Record<string, unknown>;
  const name = typeof meta['name'] === 'string' ? meta['name'] : '<unnamed>';
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
  return kubernetesObjectId(String(object['apiVersion']), String(object['kind']), namespace, name);
}
