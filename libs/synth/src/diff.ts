import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONSTRUCT_PATHS_FILE } from '@platform/config';
import { compareCodeUnits } from '@platform/validation/render';
import { parseAllDocuments } from 'yaml';
import { git, readTree } from './gitops-repo';

/** One changed unit: a Kubernetes object, a Terraform resource or a whole file. */
export interface DiffEntry {
  readonly kind: 'kubernetes' | 'terraform' | 'file';
  /** `apiVersion/kind/namespace/name`, `<stack>: <type>.<name>` or the file path. */
  readonly id: string;
  /** File the unit lives in (after the change, or before for removals). */
  readonly file: string;
}

export interface EnvironmentDiff {
  readonly added: readonly DiffEntry[];
  readonly changed: readonly DiffEntry[];
  readonly removed: readonly DiffEntry[];
}

type Units = Map<string, { readonly entry: DiffEntry; readonly canonical: string }>;

/** The synth manifest at the root of an environment tree (ADR 0006). */
export const MANIFEST_FILE = 'manifest.json';

/**
 * Synth metadata at the root of an environment tree: manifest.json (checksums) and construct-paths.json (the
 * construct behind each object, for validation findings). Neither reaches a cluster; the diff summary leaves
 * them out unless `--all`.
 */
export const METADATA_FILES: readonly string[] = [MANIFEST_FILE, CONSTRUCT_PATHS_FILE];

/**
 * manifest.json without `sourceCommit`: a new source commit that produces the same output is not a
 * change, for `diff` as for `publish`. Text that is not a JSON object is returned unparsed.
 */
export function manifestWithoutSourceCommit(text: string): unknown {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return text;
    const rest: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
    delete rest['sourceCommit'];
    return rest;
  } catch {
    return text;
  }
}

/** Stable JSON: object keys sorted, so key order never counts as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort(compareCodeUnits)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

interface K8sHeader {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
}

function unitsOf(tree: ReadonlyMap<string, string>): Units {
  const units: Units = new Map();
  const add = (entry: DiffEntry, value: unknown): void => {
    units.set(`${entry.kind}|${entry.id}`, { entry, canonical: canonical(value) });
  };
  for (const [file, content] of tree) {
    const tf = /^terraform\/([^/]+)\/cdk\.tf\.json$/.exec(file);
    if (tf) {
      const json = JSON.parse(content) as { resource?: Record<string, Record<string, unknown>>; data?: Record<string, Record<string, unknown>> };
      const rest: Record<string, unknown> = { ...json };
      for (const [block, prefix] of [['resource', ''], ['data', 'data.']] as const) {
        for (const [type, byName] of Object.entries(json[block] ?? {})) {
          for (const [name, body] of Object.entries(byName)) add({ kind: 'terraform', id: `${tf[1]}: ${prefix}${type}.${name}`, file }, body);
        }
        delete rest[block];
      }
      add({ kind: 'file', id: `${file} (providers, backend, variables, outputs)`, file }, rest);
      continue;
    }
    if (file.startsWith('kubernetes/') && file.endsWith('.yaml')) {
      const docs = parseAllDocuments(content).map((d) => d.toJS() as K8sHeader | null);
      if (docs.length > 0 && docs.every((d) => d && d.apiVersion && d.kind && d.metadata?.name)) {
        for (const d of docs as Required<K8sHeader>[]) {
          add({ kind: 'kubernetes', id: `${d.apiVersion}/${d.kind}/${d.metadata.namespace ?? '-'}/${d.metadata.name}`, file }, d);
        }
        continue;
      }
    }
    add({ kind: 'file', id: file, file }, file === MANIFEST_FILE ? manifestWithoutSourceCommit(content) : content);
  }
  return units;
}

/** Suffix of a file whose text changed while none of its objects did. */
export const TEXT_ONLY = '(text only: comments, formatting or order)';

/**
 * Files whose text differs although none of their units changed (YAML comments, formatting, key
 * or document order, an object moved between files): publish commits them, so diff reports them
 * too, as `[file] <path> (text only: ...)`. manifest.json's `sourceCommit` is not a change.
 */
function textOnlyChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, touched: ReadonlySet<string>): DiffEntry[] {
  const same = (file: string, x: string | undefined, y: string | undefined): boolean =>
    x === y || (file === MANIFEST_FILE && x !== undefined && y !== undefined && JSON.stringify(manifestWithoutSourceCommit(x)) === JSON.stringify(manifestWithoutSourceCommit(y)));
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((file) => !touched.has(file) && !same(file, before.get(file), after.get(file)))
    .map((file): DiffEntry => ({ kind: 'file', id: `${file} ${TEXT_ONLY}`, file }));
}

const byId = (a: DiffEntry, b: DiffEntry): number => (a.kind === b.kind ? compareCodeUnits(a.id, b.id) : compareCodeUnits(a.kind, b.kind));

/**
 * Resource-level difference between two environment trees (ADR 0012): Kubernetes objects by
 * apiVersion/kind/namespace/name, Terraform resources by address, other files whole. An object
 * that moved to another file but is otherwise identical is not an object change, and neither is
 * `sourceCommit` in manifest.json; a file whose text changed without any object changing is
 * reported as a text-only change (publish commits it, so diff says so).
 */
export function diffTrees(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): EnvironmentDiff {
  const a = unitsOf(before);
  const b = unitsOf(after);
  const added: DiffEntry[] = [];
  const changed: DiffEntry[] = [];
  const removed: DiffEntry[] = [];
  for (const [key, unit] of b) {
    const old = a.get(key);
    if (!old) added.push(unit.entry);
    else if (old.canonical !== unit.canonical) changed.push(unit.entry);
  }
  for (const [key, unit] of a) if (!b.has(key)) removed.push(unit.entry);
  changed.push(...textOnlyChanges(before, after, new Set([...added, ...changed, ...removed].map((e) => e.file))));
  return { added: added.sort(byId), changed: changed.sort(byId), removed: removed.sort(byId) };
}

/** True when nothing was added, changed or removed. */
export function isEmptyDiff(d: EnvironmentDiff): boolean {
  return d.added.length + d.changed.length + d.removed.length === 0;
}

/** Options of `formatDiff`. */
export interface FormatDiffOptions {
  /** Also list the metadata files (manifest.json's checksums change with every output change). @default false */
  readonly all?: boolean;
}

/**
 * Human summary (Markdown-friendly, so CI can write it to the job summary): what was added, changed
 * and removed, without the metadata files ({@link METADATA_FILES}) unless `all`, ending with the plan command of every Terraform
 * stack that changed.
 */
export function formatDiff(envName: string, target: string, d: EnvironmentDiff, options: FormatDiffOptions = {}): string {
  const keep = (list: readonly DiffEntry[]): readonly DiffEntry[] => (options.all ? list : list.filter((e) => !METADATA_FILES.includes(e.file)));
  const shown: EnvironmentDiff = { added: keep(d.added), changed: keep(d.changed), removed: keep(d.removed) };
  if (isEmptyDiff(shown)) return `${envName}: no changes against ${target}${isEmptyDiff(d) ? '' : ' (only metadata: manifest.json, construct-paths.json; --all lists them)'}\n`;
  const lines = [`${envName}: ${shown.added.length} added, ${shown.changed.length} changed, ${shown.removed.length} removed against ${target}`];
  for (const [label, sign, list] of [['added', '+', shown.added], ['changed', '~', shown.changed], ['removed', '-', shown.removed]] as const) {
    if (list.length === 0) continue;
    lines.push('', `${label}:`);
    for (const e of list) lines.push(`  ${sign} [${e.kind}] ${e.id}`);
  }
  const stacks = [...new Set([...shown.added, ...shown.changed, ...shown.removed].flatMap((e) => /^terraform\/([^/]+)\//.exec(e.file)?.[1] ?? []))].sort(compareCodeUnits);
  if (stacks.length > 0) lines.push('', 'next, for the Terraform changes:', ...stacks.map((st) => `  tools/scripts/terraform.sh ${envName} ${st} plan`));
  return `${lines.join('\n')}\n`;
}

/**
 * Line diff of two trees, via `git diff --no-index` (paths shown relative to the environment folder).
 * @returns the unified diff, empty when identical
 */
export function fullTextDiff(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-diff-'));
  try {
    for (const [side, tree] of [['a', before], ['b', after]] as const) {
      fs.mkdirSync(path.join(root, side), { recursive: true });
      for (const [file, content] of tree) {
        fs.mkdirSync(path.dirname(path.join(root, side, file)), { recursive: true });
        fs.writeFileSync(path.join(root, side, file), content);
      }
    }
    const { stdout } = git(root, ['diff', '--no-index', '--no-color', '--no-prefix', 'a', 'b'], { allowFailure: true });
    return stdout;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Reads both sides of a diff: the GitOps clone's `<envPath>/` and `dist/<env>`. */
export function readDiffSides(cloneDir: string, envPath: string, distEnvDir: string): { readonly before: Map<string, string>; readonly after: Map<string, string> } {
  return { before: readTree(path.join(cloneDir, envPath)), after: readTree(distEnvDir) };
}
