import { applicationSourceEntries } from '../argocd-application-sources';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { valid as semverValid } from 'semver';
import { parse } from 'yaml';
import type { HelmValuesDocument, K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import { type Finding, joinPath } from '../finding';
import { ajvFindings } from '../kubernetes/schema-findings';
import type { SchemaRegistry } from '../kubernetes/schema-registry';
import { normalizeRepoUrl } from '../cross-layer/repo-url';
import type { ChartData, ChartStore } from './chart-store';
import { exemptIds, helmPolicyFindings } from './helm-policies';
import { CHART_KEYED_MAPS, isFreeForm, SUBCHARTS, TYPED_KEYS, UNVALIDATED_SUBCHARTS } from './free-form-paths';
import { coalesce, isMap } from './values-merge';

export { coalesce } from './values-merge';

/** Rule ids of the Helm family. */
export const HELM_RULES = {
  version: 'HELM-VER-001',
  chart: 'HELM-CHART-001',
  schema: 'HELM-SCHEMA-001',
  unknownKey: 'HELM-KEY-001',
  shape: 'HELM-TYPE-001',
  source: 'HELM-SRC-001',
  valueFile: 'HELM-SRC-002',
} as const;

/**
 * What the Helm check needs to resolve `$<ref>/<path>` value files of multi-source Applications: the
 * environment's tree and the GitOps repo it is published to (from the root Application).
 */
export interface ValueFileContext {
  readonly env: string;
  /** Absolute `dist/<env>`. */
  readonly root: string;
  /** `dist/<env>` as shown in findings. */
  readonly displayRoot: string;
  /** Files of the tree, relative POSIX paths. */
  readonly files: readonly string[];
  /** The GitOps repo and base path, when the tree has a root Application. */
  readonly gitops?: { readonly repoURL: string; readonly basePath: string };
}

/** Side results of the Helm check. */
export interface HelmCheckOutput {
  /** Informational notes for the report (not errors). */
  readonly notes: string[];
  /** Tree files (relative paths) used as Helm value files by an Application. */
  readonly valueFiles: Set<string>;
}

type Values = Record<string, unknown>;

interface Location {
  readonly file: string;
  readonly object: string;
}

/** `argoproj.io/*` Applications. */
export function isApplication(o: Record<string, unknown>): boolean {
  return o['kind'] === 'Application' && String(o['apiVersion']).startsWith('argoproj.io/');
}

/**
 * An exact chart version: semver `MAJOR.MINOR.PATCH[-pre][+build]`, optionally `v`-prefixed (strict
 * `semver.valid` accepts exactly that; ranges, `*`, `latest` and `HEAD` are not versions). `semver.valid`
 * trims surrounding whitespace, which ArgoCD would not, so a padded revision is rejected first.
 */
export function isExactChartVersion(revision: string): boolean {
  return revision === revision.trim() && semverValid(revision) !== null;
}

/**
 * Checks the Helm sources of every ArgoCD Application (and every rendered Helm values file):
 * exact chart version (HELM-VER-001), chart reference data present (HELM-CHART-001), the values
 * (merged over the chart defaults, as Helm does) against values.schema.json (HELM-SCHEMA-001), every
 * key present in values.yaml unless free-form (HELM-KEY-001), and typed keys / object-vs-scalar shape
 * (HELM-TYPE-001).
 */
export function validateHelmValues(
  docs: readonly K8sDocument[],
  valuesFiles: readonly HelmValuesDocument[],
  charts: ChartStore,
  registry: SchemaRegistry,
  context?: ValueFileContext,
  output: HelmCheckOutput = { notes: [], valueFiles: new Set() },
): Finding[] {
  const findings: Finding[] = [];
  // A missing chart version is reported once, where it is first used (Applications before values files).
  const missingCharts = new Set<string>();
  const missingChart = (chart: string, version: string): boolean => {
    const id = `${chart}@${version}`;
    if (missingCharts.has(id)) return false;
    missingCharts.add(id);
    return true;
  };
  for (const doc of docs) {
    if (!isApplication(doc.object)) continue;
    const at = { file: doc.file, object: describeObject(doc.object) };
    const sources = applicationSourceEntries(doc.object);
    for (const { path, source } of sources) {
      if (typeof source['chart'] !== 'string') continue;
      const chart = source['chart'];
      const revision = source['targetRevision'];
      if (typeof revision !== 'string' || !isExactChartVersion(revision)) {
        findings.push({
          ...at,
          path: `${path}.targetRevision`,
          rule: HELM_RULES.version,
          message: `chart ${chart}: targetRevision ${JSON.stringify(revision ?? null)} is not an exact version (expected e.g. 1.2.3; no ranges, *, latest or HEAD)`,
        });
        continue;
      }
      const data = charts.get(chart, revision);
      if (typeof data === 'string') {
        if (missingChart(chart, revision)) findings.push({ ...at, path: `${path}.targetRevision`, rule: HELM_RULES.chart, message: data });
        continue;
      }
      const helm = (source['helm'] ?? {}) as Record<string, unknown>;
      const sets: { path: string; values: Values; fixedPath?: boolean; at?: Location }[] = [];
      // ArgoCD precedence (lowest first): valueFiles, helm.values, helm.valuesObject, helm.parameters.
      if (Array.isArray(helm['valueFiles'])) {
        helm['valueFiles'].forEach((entry: unknown, i: number) => {
          const resolved = resolveValueFile(entry, `${path}.helm.valueFiles[${i}]`, helm['ignoreMissingValueFiles'] === true, sources, at, context, output);
          if ('finding' in resolved) findings.push(resolved.finding);
          else if ('values' in resolved) sets.push({ path: '', values: resolved.values, at: { file: resolved.file, object: `helm values ${chart} ${revision} (${at.object} ${path}.helm.valueFiles[${i}])` } });
        });
      }
      if (typeof helm['values'] === 'string') {
        try {
          const parsed = parse(helm['values']) as unknown;
          if (parsed && typeof parsed === 'object') sets.push({ path: `${path}.helm.values`, values: parsed as Values });
        } catch (err) {
          findings.push({ ...at, path: `${path}.helm.values`, rule: HELM_RULES.source, message: `helm.values is not valid YAML: ${(err as Error).message}` });
        }
      }
      if (helm['valuesObject'] && typeof helm['valuesObject'] === 'object') sets.push({ path: `${path}.helm.valuesObject`, values: helm['valuesObject'] as Values });
      if (Array.isArray(helm['parameters'])) {
        // `--set name=value`: each name becomes a nested key (dots separate keys; `\.` is a literal dot).
        helm['parameters'].forEach((p: unknown, i: number) => {
          const name = p && typeof p === 'object' ? (p as Record<string, unknown>)['name'] : undefined;
          if (typeof name !== 'string' || name === '' || /\[\d+\]/.test(name)) return;
          const keys = name.split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, '.'));
          const param = p as Record<string, unknown>;
          const values = keys.reduceRight<unknown>((acc, k) => ({ [k]: acc }), param['forceString'] === true ? String(param['value'] ?? '') : coerceSetValue(param['value'])) as Values;
          sets.push({ path: `${path}.helm.parameters[${i}].name`, values, fixedPath: true });
        });
      }
      const merged = sets.reduce<Values>((acc, s) => coalesce(acc, s.values), {});
      for (const set of sets) {
        const found = checkKeys(set.values, data, charts, registry, set.at ?? at, set.fixedPath ? '' : set.path, output.notes);
        findings.push(...(set.fixedPath ? found.map((f) => ({ ...f, path: set.path })) : found));
      }
      const only = sets.length === 1 ? sets[0] : undefined;
      findings.push(...checkSchema(merged, data, only?.at ?? at, only ? only.path : `${path}.helm`));
      const layers = sets.map((set) => ({ values: set.values, prefix: set.path, at: set.at ?? at, exact: set.fixedPath }));
      findings.push(...helmPolicyFindings(chart, data.defaults, layers, merged, exemptIds(doc.object), { ...at, path: `${path}.helm` }));
    }
  }
  for (const vf of valuesFiles) {
    const at = { file: vf.file, object: `helm values ${vf.chart} ${vf.version}` };
    if (!isExactChartVersion(vf.version)) {
      findings.push({ ...at, path: '-', rule: HELM_RULES.version, message: `chart ${vf.chart}: --version ${vf.version} is not an exact version` });
      continue;
    }
    const data = charts.get(vf.chart, vf.version);
    if (typeof data === 'string') {
      if (missingChart(vf.chart, vf.version)) findings.push({ ...at, path: '-', rule: HELM_RULES.chart, message: data });
      continue;
    }
    findings.push(...checkKeys(vf.values, data, charts, registry, at, '', output.notes));
    findings.push(...checkSchema(vf.values, data, at, ''));
    findings.push(...helmPolicyFindings(vf.chart, data.defaults, [{ values: vf.values, prefix: '', at }], vf.values, new Set(), { ...at, path: '-' }));
  }
  return findings;
}

/**
 * Resolves one `helm.valueFiles` entry. `$<ref>/<path>` names the source with that `ref`; when that source is
 * the GitOps repo, `<path>` maps into the published tree (`<basePath>/<env>/x` -> `dist/<env>/x`).
 * Entries relative to the chart, and files in other repositories, cannot be read offline (a note says so).
 */
function resolveValueFile(
  entry: unknown,
  jsonPath: string,
  ignoreMissing: boolean,
  sources: readonly { readonly path: string; readonly source: Record<string, unknown> }[],
  at: Location,
  context: ValueFileContext | undefined,
  output: HelmCheckOutput,
): { finding: Finding } | { values: Values; file: string } | { skipped: true } {
  const fail = (message: string) => ({ finding: { ...at, path: jsonPath, rule: HELM_RULES.valueFile, message } });
  if (typeof entry !== 'string') return fail(`valueFiles entry must be a string, got ${JSON.stringify(entry)}`);
  const m = /^\$([^/]+)\/(.+)$/.exec(entry);
  if (!m) {
    output.notes.push(`${at.file}: ${at.object} ${jsonPath} "${entry}" is a file of the chart's own source, not checked offline`);
    return { skipped: true };
  }
  const [, ref, filePath] = m;
  const refSource = sources.find((s) => s.source['ref'] === ref);
  if (!refSource) return fail(`valueFiles entry "${entry}": no source of this Application has ref "${ref}" (refs: ${sources.map((s) => s.source['ref']).filter((r) => typeof r === 'string').join(', ') || 'none'})`);
  const repoURL = String(refSource.source['repoURL'] ?? '');
  if (!context?.gitops || normalizeRepoUrl(repoURL) !== normalizeRepoUrl(context.gitops.repoURL)) {
    output.notes.push(`${at.file}: ${at.object} ${jsonPath} "${entry}" is in ${repoURL}, not the GitOps repo; not checked offline`);
    return { skipped: true };
  }
  const prefix = context.gitops.basePath === '' ? `${context.env}/` : `${context.gitops.basePath}/${context.env}/`;
  const clean = filePath.replace(/^\.\//, '');
  if (!clean.startsWith(prefix)) return fail(`valueFiles entry "${entry}": ${clean} is outside this environment's folder "${prefix}" of the GitOps repo`);
  const rel = clean.slice(prefix.length);
  if (!context.files.includes(rel)) {
    return ignoreMissing ? { skipped: true } : fail(`valueFiles entry "${entry}": maps to ${context.displayRoot}/${rel}, which is not in the published tree`);
  }
  output.valueFiles.add(rel);
  const file = `${context.displayRoot}/${rel}`;
  try {
    const parsed = parse(readFileSync(join(context.root, rel), 'utf8')) as unknown;
    if (parsed === null || parsed === undefined) return { values: {}, file };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) return fail(`valueFiles entry "${entry}": ${file} is not a YAML mapping`);
    return { values: parsed as Values, file };
  } catch (err) {
    return fail(`valueFiles entry "${entry}": ${file} is not valid YAML: ${(err as Error).message}`);
  }
}

function checkSchema(values: Values, data: ChartData, at: Location, prefix: string): Finding[] {
  if (data.schemaError) return [{ ...at, path: prefix || '-', rule: HELM_RULES.schema, message: data.schemaError }];
  if (!data.schema) return [];
  const merged = coalesce(structuredClone(data.defaults), values);
  if (data.schema(merged)) return [];
  return ajvFindings(data.schema.errors, {
    ...at,
    prefix,
    root: merged,
    rules: { unknownField: HELM_RULES.schema, wrongType: HELM_RULES.schema, missingRequired: HELM_RULES.schema, constraint: HELM_RULES.schema, quantity: HELM_RULES.schema },
  }).map((f) => ({ ...f, message: `${data.chart} ${data.version} values.schema.json: ${f.message}` }));
}

function checkKeys(values: Values, data: ChartData, charts: ChartStore, registry: SchemaRegistry, at: Location, prefix: string, notes: string[]): Finding[] {
  const out: Finding[] = [];
  walk(values, data.defaults, [], prefix, data.chart, data);
  return out;

  function walk(user: Values, defaults: Values, segments: string[], jsonPath: string, chart: string, chartData: ChartData): void {
    for (const [key, value] of Object.entries(user)) {
      const keySegments = [...segments, key];
      const path = joinPath(jsonPath, key);
      const unvalidated = segments.length === 0 ? UNVALIDATED_SUBCHARTS[chart]?.[key] : undefined;
      if (unvalidated) {
        notes.push(`${at.file}: ${chartData.chart} ${chartData.version} values under "${key}" are not validated (${unvalidated})`);
        continue;
      }
      const keyed = CHART_KEYED_MAPS[chart]?.[keySegments.join('.')];
      if (keyed && isMap(value)) {
        const own = defaults[key];
        for (const k of Object.keys(value)) {
          if (keyed.keys.has(k) || (isMap(own) && k in own)) continue;
          out.push({ ...at, path: joinPath(path, k), rule: HELM_RULES.unknownKey, message: `"${k}" is not a known ${keyed.what} (misspelled, or add it to ${keyed.source})` });
        }
        continue;
      }
      if (isFreeForm(chart, keySegments)) continue;
      const typed = TYPED_KEYS[key];
      if (typed && value !== null && typeof value === 'object' && Array.isArray(value) === !!typed.list) {
        const problems = typed.definitions.map((d) => {
          const validate = registry.definitionValidator(d, typed.list);
          return validate && !validate(value) ? ajvFindings(validate.errors, { ...at, prefix: path, rules: allRules(HELM_RULES.shape), root: value }) : [];
        });
        // Valid against any of the accepted definitions is valid; otherwise report the closest one.
        if (!problems.some((p) => p.length === 0)) {
          const best = problems.reduce((a, b) => (b.length < a.length ? b : a));
          out.push(...best.map((f) => ({ ...f, message: `${key} (${typed.definitions.map(shortName).join(' or ')}): ${f.message}` })));
        }
        continue;
      }
      const sub = segments.length === 0 ? SUBCHARTS[chart]?.[key] : undefined;
      if (sub && isMap(value)) {
        // Subchart values are checked against the subchart's own values.yaml (free-form when it is not in the reference data).
        const subData = charts.get(sub.chart, sub.version);
        // the parent's own keys for the subchart (its dependency condition, e.g. `grafana.enabled`) are valid too
        const parentKeys = isMap(defaults[key]) ? (defaults[key] as Record<string, unknown>) : {};
        if (typeof subData !== 'string') walk(value, { ...parentKeys, ...subData.defaults }, [], path, sub.chart, subData);
        continue;
      }
      if (!(key in defaults)) {
        const parent = segments.length > 0 ? chartValueAt(chartData.defaults, segments) : undefined;
        const underOpenMap = segments.length > 0 && (parent === null || (isMap(parent) && Object.keys(parent).length === 0));
        out.push({
          ...at,
          path,
          rule: HELM_RULES.unknownKey,
          message: underOpenMap
            ? `key "${keySegments.join('.')}" is under "${segments.join('.')}", which values.yaml leaves open (${parent === null ? 'null' : '{}'}); declare "${segments.join('.')}" as a free-form path for chart ${chart} in libs/validation/src/helm/free-form-paths.ts (with the reason), or fix the key`
            : `key "${keySegments.join('.')}" is not in ${chartData.dir}/values.yaml (misspelled, or add a free-form path for chart ${chart} in libs/validation/src/helm/free-form-paths.ts)`,
        });
        continue;
      }
      const def = defaults[key];
      if (value === null) continue;
      // A `{}` or `null` default is not free-form by itself: its keys must be declared free-form paths.
      if ((def === null || (isMap(def) && Object.keys(def).length === 0)) && isMap(value)) {
        walk(value, {}, keySegments, path, chart, chartData);
        continue;
      }
      if (def === null) continue;
      const shape = (): void => {
        out.push({ ...at, path, rule: HELM_RULES.shape, message: `values.yaml has ${kindOf(def)} at "${keySegments.join('.')}", got ${kindOf(value)}` });
      };
      if (Array.isArray(def)) {
        if (!Array.isArray(value)) shape();
        continue;
      }
      if (Array.isArray(value) || isMap(def) !== isMap(value)) {
        shape();
        continue;
      }
      if (isMap(def) && isMap(value)) walk(value, def, keySegments, path, chart, chartData);
    }
  }
}

/** The chart default at a key path, or undefined. */
function chartValueAt(defaults: Values, segments: readonly string[]): unknown {
  let node: unknown = defaults;
  for (const s of segments) {
    if (!isMap(node) || !(s in node)) return undefined;
    node = node[s];
  }
  return node;
}

/** Helm `--set` typing: integers, booleans and null are typed, everything else is a string. */
function coerceSetValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^-?(0|[1-9]\d*)$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  if (value === 'null') return null;
  return value;
}

function allRules(rule: string) {
  return { unknownField: rule, wrongType: rule, missingRequired: rule, constraint: rule, quantity: rule };
}

function shortName(definition: string): string {
  return definition.split('.').pop() ?? definition;
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'a list' : isMap(v) ? 'an object' : v === null ? 'null' : `a ${typeof v}`;
}
