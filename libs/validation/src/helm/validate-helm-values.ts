import { valid as semverValid } from 'semver';
import { parse } from 'yaml';
import type { HelmValuesDocument, K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import { type Finding, joinPath } from '../finding';
import { ajvFindings } from '../kubernetes/schema-findings';
import type { SchemaRegistry } from '../kubernetes/schema-registry';
import type { ChartData, ChartStore } from './chart-store';
import { isFreeForm, SUBCHARTS, TYPED_KEYS } from './free-form-paths';

/** Rule ids of the Helm family. */
export const HELM_RULES = {
  version: 'HELM-VER-001',
  chart: 'HELM-CHART-001',
  schema: 'HELM-SCHEMA-001',
  unknownKey: 'HELM-KEY-001',
  shape: 'HELM-TYPE-001',
  source: 'HELM-SRC-001',
} as const;

type Values = Record<string, unknown>;

interface Location {
  readonly file: string;
  readonly object: string;
}

/** `argoproj.io/*` Applications. */
export function isApplication(o: Record<string, unknown>): boolean {
  return o['kind'] === 'Application' && String(o['apiVersion']).startsWith('argoproj.io/');
}

/** Each source of an Application with its JSON path: `spec.source` and every `spec.sources[i]`. */
export function applicationSources(o: Record<string, unknown>): { readonly path: string; readonly source: Record<string, unknown> }[] {
  const spec = (o['spec'] ?? {}) as Record<string, unknown>;
  const out: { path: string; source: Record<string, unknown> }[] = [];
  if (spec['source'] && typeof spec['source'] === 'object') out.push({ path: 'spec.source', source: spec['source'] as Record<string, unknown> });
  if (Array.isArray(spec['sources'])) {
    spec['sources'].forEach((s: unknown, i: number) => {
      if (s && typeof s === 'object') out.push({ path: `spec.sources[${i}]`, source: s as Record<string, unknown> });
    });
  }
  return out;
}

/** An exact chart version: semver `MAJOR.MINOR.PATCH[-pre][+build]`, optionally `v`-prefixed. */
export function isExactChartVersion(revision: string): boolean {
  return /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(revision) && semverValid(revision.replace(/^v/, '')) !== null;
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
): Finding[] {
  const findings: Finding[] = [];
  for (const doc of docs) {
    if (!isApplication(doc.object)) continue;
    const at = { file: doc.file, object: describeObject(doc.object) };
    for (const { path, source } of applicationSources(doc.object)) {
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
        findings.push({ ...at, path: `${path}.targetRevision`, rule: HELM_RULES.chart, message: data });
        continue;
      }
      const helm = (source['helm'] ?? {}) as Record<string, unknown>;
      const sets: { path: string; values: Values; fixedPath?: boolean }[] = [];
      if (typeof helm['values'] === 'string') {
        try {
          const parsed = parse(helm['values']) as unknown;
          if (parsed && typeof parsed === 'object') sets.push({ path: `${path}.helm.values`, values: parsed as Values });
        } catch (err) {
          findings.push({ ...at, path: `${path}.helm.values`, rule: HELM_RULES.source, message: `helm.values is not valid YAML: ${(err as Error).message}` });
        }
      }
      // ArgoCD precedence (lowest first): helm.values, helm.valuesObject, helm.parameters.
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
        const found = checkKeys(set.values, data, charts, registry, at, set.fixedPath ? '' : set.path);
        findings.push(...(set.fixedPath ? found.map((f) => ({ ...f, path: set.path })) : found));
      }
      findings.push(...checkSchema(merged, data, at, sets.length === 1 ? sets[0].path : `${path}.helm`));
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
      findings.push({ ...at, path: '-', rule: HELM_RULES.chart, message: data });
      continue;
    }
    findings.push(...checkKeys(vf.values, data, charts, registry, at, ''));
    findings.push(...checkSchema(vf.values, data, at, ''));
  }
  return findings;
}

function checkSchema(values: Values, data: ChartData, at: Location, prefix: string): Finding[] {
  if (data.schemaError) return [{ ...at, path: prefix || '-', rule: HELM_RULES.schema, message: data.schemaError }];
  if (!data.schema) return [];
  const merged = coalesce(structuredClone(data.defaults), values);
  if (data.schema(merged)) return [];
  return ajvFindings(data.schema.errors, {
    ...at,
    prefix,
    rules: { unknownField: HELM_RULES.schema, wrongType: HELM_RULES.schema, missingRequired: HELM_RULES.schema, constraint: HELM_RULES.schema, quantity: HELM_RULES.schema },
  }).map((f) => ({ ...f, message: `${data.chart} ${data.version} values.schema.json: ${f.message}` }));
}

/** Helm's coalescing of user values over chart defaults: maps merge, `null` deletes, the rest replaces. */
export function coalesce(base: Values, override: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = coalesce(out[k] as Values, v);
    else out[k] = v;
  }
  return out;
}

function isMap(v: unknown): v is Values {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function checkKeys(values: Values, data: ChartData, charts: ChartStore, registry: SchemaRegistry, at: Location, prefix: string): Finding[] {
  const out: Finding[] = [];
  walk(values, data.defaults, [], prefix, data.chart, data);
  return out;

  function walk(user: Values, defaults: Values, segments: string[], jsonPath: string, chart: string, chartData: ChartData): void {
    for (const [key, value] of Object.entries(user)) {
      const keySegments = [...segments, key];
      const path = joinPath(jsonPath, key);
      if (isFreeForm(chart, keySegments)) continue;
      const typed = TYPED_KEYS[key];
      if (typed && value !== null && typeof value === 'object' && Array.isArray(value) === !!typed.list) {
        const problems = typed.definitions.map((d) => {
          const validate = registry.definitionValidator(d, typed.list);
          return validate && !validate(value) ? ajvFindings(validate.errors, { ...at, prefix: path, rules: allRules(HELM_RULES.shape) }) : [];
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
        if (typeof subData !== 'string') walk(value, subData.defaults, [], path, sub.chart, subData);
        continue;
      }
      if (!(key in defaults)) {
        out.push({
          ...at,
          path,
          rule: HELM_RULES.unknownKey,
          message: `key "${keySegments.join('.')}" is not in ${chartData.dir}/values.yaml (misspelled, or add a free-form path for chart ${chart} in libs/validation/src/helm/free-form-paths.ts)`,
        });
        continue;
      }
      const def = defaults[key];
      if (def === null || def === undefined || value === null) continue;
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
      // `{}` in values.yaml: a free-form map (rendered with toYaml).
      if (isMap(def) && isMap(value) && Object.keys(def).length > 0) walk(value, def, keySegments, path, chart, chartData);
    }
  }
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
