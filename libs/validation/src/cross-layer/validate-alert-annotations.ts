import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';

/** Rule ids of the alert annotation check. */
export const ALERT_ANNOTATION_RULES = {
  /** An alerting rule lacks `summary` or an absolute `runbook_url`. */
  annotations: 'XL-OBS-003',
} as const;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** True for an absolute http(s) URL with a host (what a pager or chat client can open), false for a path or a template. */
export function isAbsoluteHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
}

/**
 * XL-OBS-003: every alerting rule (`spec.groups[].rules[]` with `alert`) of every prometheus-operator
 * `PrometheusRule` carries a non-empty `annotations.summary` and an `annotations.runbook_url` that is an
 * absolute http(s) URL: the Alertmanager receivers render exactly those two into the page and the chat
 * message, so an alert without them arrives without a text or without a link. Recording rules are not checked.
 * A finding names the rule's JSON path and the alert.
 */
export function validateAlertAnnotations(docs: readonly K8sDocument[]): Finding[] {
  const out: Finding[] = [];
  for (const d of docs) {
    if (String(d.object['apiVersion'] ?? '').split('/')[0] !== 'monitoring.coreos.com' || d.object['kind'] !== 'PrometheusRule') continue;
    arr(obj(d.object['spec'])?.['groups']).forEach((g, gi) =>
      arr(obj(g)?.['rules']).forEach((r, ri) => {
        const rule = obj(r);
        const alert = rule?.['alert'];
        if (alert === undefined) return;
        const annotations = obj(rule?.['annotations']) ?? {};
        const problems: string[] = [];
        if (!text(annotations['summary'])) problems.push('no summary annotation');
        const runbook = text(annotations['runbook_url']);
        if (!runbook) problems.push(`no runbook_url annotation${annotations['runbook'] !== undefined ? ` (it has "runbook: ${String(annotations['runbook'])}", which no receiver renders)` : ''}`);
        else if (!isAbsoluteHttpUrl(runbook)) problems.push(`runbook_url "${runbook}" is not an absolute http(s) URL`);
        if (problems.length === 0) return;
        out.push({
          file: d.file,
          object: describeObject(d.object),
          path: `spec.groups[${gi}].rules[${ri}].annotations`,
          rule: ALERT_ANNOTATION_RULES.annotations,
          message: `alert ${String(alert)}: ${problems.join('; ')}; the Alertmanager receivers render summary and runbook_url (<observability.runbookBaseUrl>/<file>#<section>)`,
        });
      }),
    );
  }
  return out;
}
