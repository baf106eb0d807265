import { parser } from '@prometheus-io/lezer-promql';
import { applicationSources } from '../argocd-application-sources';
import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { METRIC_SCRAPE_SOURCES, type MetricScrapeSource, type ScrapeEvidence, SYNTHETIC_METRICS } from './metric-scrape-sources';
import { withoutTemplatePlaceholders } from './promql-syntax';

/** Rule ids of the scrape-source check. */
export const SCRAPE_SOURCE_RULES = {
  /** A metric a PrometheusRule reads has no declared or no rendered scrape source. */
  source: 'XL-OBS-005',
} as const;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isKind = (d: K8sDocument, kind: string): boolean => String(d.object['apiVersion'] ?? '').startsWith('monitoring.coreos.com/') && d.object['kind'] === kind;

/** Metric names of the vector selectors of one PromQL expression (`name{...}`; `{__name__=...}` selectors are not named). */
export function metricNames(expr: string): string[] {
  const text = withoutTemplatePlaceholders(expr);
  const names = new Set<string>();
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.name !== 'VectorSelector') return;
      const first = node.node.firstChild;
      if (first?.name === 'Identifier') names.add(text.slice(first.from, first.to));
    },
  });
  return [...names];
}

/** Endpoints of a rendered monitor with the selector's label keys. */
function monitorFacts(d: K8sDocument): { ports: string[]; paths: string[]; labels: string[] } {
  const spec = obj(d.object['spec']) ?? {};
  const endpoints = arr(spec['endpoints'] ?? spec['podMetricsEndpoints']).map(obj);
  const selector = obj(spec['selector']) ?? {};
  return {
    ports: endpoints.map((e) => e?.['port']).filter((p): p is string => typeof p === 'string'),
    paths: endpoints.map((e) => e?.['path'] ?? '/metrics').map(String),
    labels: [...Object.keys(obj(selector['matchLabels']) ?? {}), ...arr(selector['matchExpressions']).map((e) => String(obj(e)?.['key']))],
  };
}

function valueAt(values: Obj | undefined, path: readonly string[]): unknown {
  let at: unknown = values;
  for (const key of path) at = obj(at)?.[key];
  return at;
}

/** Whether the evidence is rendered, and how to describe what is missing. */
function evidenceHolds(evidence: ScrapeEvidence, docs: readonly K8sDocument[]): { holds: boolean; expected: string } {
  if ('chartValue' in evidence) {
    const { application, path, upstreamDefault } = evidence.chartValue;
    const app = docs.find((d) => d.object['kind'] === 'Application' && obj(d.object['metadata'])?.['name'] === application);
    const values = app ? applicationSources(app.object as Parameters<typeof applicationSources>[0]).find((s) => s.chart)?.helm?.valuesObject : undefined;
    const value = valueAt(values, path) ?? upstreamDefault;
    return { holds: app !== undefined && value === true, expected: `Application ${application} with chart value ${path.join('.')}: true (${app ? `is ${JSON.stringify(value)}` : 'not rendered'})` };
  }
  const { port, path, selectorLabel } = evidence.monitor;
  const holds = docs.some((d) => {
    if (!isKind(d, 'ServiceMonitor') && !isKind(d, 'PodMonitor')) return false;
    const facts = monitorFacts(d);
    return (port === undefined || facts.ports.includes(port)) && (path === undefined || facts.paths.includes(path)) && (selectorLabel === undefined || facts.labels.includes(selectorLabel));
  });
  const parts = [port && `port ${port}`, path && `path ${path}`, selectorLabel && `selector label ${selectorLabel}`].filter(Boolean).join(', ');
  return { holds, expected: `a ServiceMonitor or PodMonitor with ${parts}` };
}

/**
 * XL-OBS-005: every metric a rendered PrometheusRule reads (the vector selectors of `spec.groups[].rules[].expr`:
 * platform alerts, SLO burn-rate rules, the data and golden-path layers' rules) has a scrape source. A name is
 * satisfied when a rule of the tree records it (`record:`), when the evaluator produces it (`SYNTHETIC_METRICS`), or
 * when a row of `METRIC_SCRAPE_SOURCES` covers its prefix and that row's evidence is rendered: the chart value that
 * turns the chart's monitor on, or a monitor with the exporter's port, path or selector label. The finding names the
 * rule, the metric and what to declare or render.
 * @param sources the exporter table (tests pass a broken one) @default METRIC_SCRAPE_SOURCES
 */
export function validateScrapeSources(docs: readonly K8sDocument[], sources: readonly MetricScrapeSource[] = METRIC_SCRAPE_SOURCES): Finding[] {
  const rules = docs.filter((d) => isKind(d, 'PrometheusRule'));
  const recorded = new Set(rules.flatMap((d) => arr(obj(d.object['spec'])?.['groups']).flatMap((g) => arr(obj(g)?.['rules']).map((r) => obj(r)?.['record']))).filter((r): r is string => typeof r === 'string'));
  const verdicts = new Map<MetricScrapeSource, { holds: boolean; expected: string }>();
  const out: Finding[] = [];
  for (const d of rules) {
    arr(obj(d.object['spec'])?.['groups']).forEach((g, gi) =>
      arr(obj(g)?.['rules']).forEach((r, ri) => {
        const rule = obj(r);
        const expr = rule?.['expr'];
        if (typeof expr !== 'string') return;
        const name = String(rule?.['alert'] ?? rule?.['record'] ?? `rule ${ri}`);
        for (const metric of metricNames(expr).sort()) {
          if (recorded.has(metric) || SYNTHETIC_METRICS.includes(metric)) continue;
          const source = sources.find((s) => s.prefixes.some((p) => metric.startsWith(p)));
          const at = { file: d.file, object: describeObject(d.object), path: `spec.groups[${gi}].rules[${ri}].expr`, rule: SCRAPE_SOURCE_RULES.source };
          if (!source) {
            out.push({ ...at, message: `${name} reads ${metric}, which has no declared scrape source: add its exporter and the monitor that scrapes it to METRIC_SCRAPE_SOURCES (libs/validation/src/cross-layer/metric-scrape-sources.ts)${metric.includes(':') ? ', or render the recording rule that produces it' : ''}` });
            continue;
          }
          const verdict = verdicts.get(source) ?? evidenceHolds(source.evidence, docs);
          verdicts.set(source, verdict);
          if (!verdict.holds) out.push({ ...at, message: `${name} reads ${metric} from ${source.exporter}, which nothing scrapes: expected ${verdict.expected}` });
        }
      }),
    );
  }
  return out;
}
