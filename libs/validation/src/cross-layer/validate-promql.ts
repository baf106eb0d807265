import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import { type Finding, joinPath } from '../finding';
import { promqlSyntaxErrors } from './promql-syntax';

/** Rule ids of the PromQL check. */
export const PROMQL_RULES = {
  /** A PromQL expression (rule, SLO, dashboard panel, analysis query) does not parse. */
  syntax: 'XL-OBS-002',
} as const;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const group = (d: K8sDocument): string => String(d.object['apiVersion'] ?? '').split('/')[0];

/** One PromQL expression found in an object, with its JSON path. */
export interface PromqlExpression {
  readonly path: string;
  readonly expr: string;
}

/** `spec.groups[].rules[].expr` of a prometheus-operator PrometheusRule (alerting and recording rules, SLO rules). */
function ruleExpressions(o: Obj): PromqlExpression[] {
  const out: PromqlExpression[] = [];
  arr(obj(o['spec'])?.['groups']).forEach((g, gi) =>
    arr(obj(g)?.['rules']).forEach((r, ri) => {
      const expr = obj(r)?.['expr'];
      if (expr !== undefined) out.push({ path: `spec.groups[${gi}].rules[${ri}].expr`, expr: String(expr) });
    }),
  );
  return out;
}

/** `spec.metrics[].provider.prometheus.query` of an Argo Rollouts (Cluster)AnalysisTemplate or AnalysisRun. */
function analysisExpressions(o: Obj): PromqlExpression[] {
  const out: PromqlExpression[] = [];
  arr(obj(o['spec'])?.['metrics']).forEach((m, mi) => {
    const query = obj(obj(obj(m)?.['provider'])?.['prometheus'])?.['query'];
    if (query !== undefined) out.push({ path: `spec.metrics[${mi}].provider.prometheus.query`, expr: String(query) });
  });
  return out;
}

/** Datasource type of a dashboard target or panel (`{ type, uid }`); undefined when not given. */
const datasourceType = (v: unknown): string | undefined => {
  const t = obj(v)?.['type'];
  return typeof t === 'string' ? t : undefined;
};

/** Panel targets with an `expr` whose datasource is Prometheus (or unnamed, the default datasource), rows' panels included. */
function panelExpressions(panels: unknown, base: string, dashboardType: string | undefined): PromqlExpression[] {
  const out: PromqlExpression[] = [];
  arr(panels).forEach((p, pi) => {
    const panel = obj(p);
    if (!panel) return;
    const at = `${base}[${pi}]`;
    const panelType = datasourceType(panel['datasource']) ?? dashboardType;
    arr(panel['targets']).forEach((t, ti) => {
      const target = obj(t);
      const expr = target?.['expr'];
      const type = datasourceType(target?.['datasource']) ?? panelType;
      if (typeof expr === 'string' && (type === undefined || type === 'prometheus')) out.push({ path: `${at}.targets[${ti}].expr`, expr });
    });
    out.push(...panelExpressions(panel['panels'], `${at}.panels`, panelType));
  });
  return out;
}

/** Panel queries of every Grafana dashboard JSON held in a ConfigMap's `data` (the Grafana sidecar's format). */
function dashboardExpressions(o: Obj): PromqlExpression[] {
  const out: PromqlExpression[] = [];
  for (const [key, value] of Object.entries(obj(o['data']) ?? {})) {
    if (typeof value !== 'string' || !key.endsWith('.json')) continue;
    let dashboard: Obj | undefined;
    try {
      dashboard = obj(JSON.parse(value));
    } catch {
      continue; // not JSON: not a dashboard (DIST rules cover the file itself)
    }
    if (!dashboard || !Array.isArray(dashboard['panels'])) continue;
    out.push(...panelExpressions(dashboard['panels'], `${joinPath('data', key)}.panels`, undefined));
  }
  return out;
}

/** Every PromQL expression of one object (empty for kinds that hold none). */
export function promqlExpressions(d: K8sDocument): PromqlExpression[] {
  const kind = d.object['kind'];
  const g = group(d);
  if (g === 'monitoring.coreos.com' && kind === 'PrometheusRule') return ruleExpressions(d.object);
  if (g === 'argoproj.io' && (kind === 'AnalysisTemplate' || kind === 'ClusterAnalysisTemplate' || kind === 'AnalysisRun')) return analysisExpressions(d.object);
  if (d.object['apiVersion'] === 'v1' && kind === 'ConfigMap') return dashboardExpressions(d.object);
  return [];
}

/**
 * XL-OBS-002: every PromQL expression of the tree parses with the Prometheus grammar: PrometheusRule rules
 * (alerts, recordings, SLO burn-rate rules), Argo Rollouts analysis queries, and the Prometheus panels of
 * Grafana dashboards in ConfigMaps. A finding names the file, the object, the JSON path of the expression and
 * the offset of the first error.
 */
export function validatePromql(docs: readonly K8sDocument[]): Finding[] {
  const out: Finding[] = [];
  for (const d of docs) {
    for (const { path, expr } of promqlExpressions(d)) {
      const [first, ...rest] = promqlSyntaxErrors(expr);
      if (!first) continue;
      out.push({
        file: d.file,
        object: describeObject(d.object),
        path,
        rule: PROMQL_RULES.syntax,
        message: `PromQL syntax error at offset ${first.offset} near "${first.near}"${rest.length > 0 ? ` (+${rest.length} more)` : ''} in: ${expr}`,
      });
    }
  }
  return out;
}
