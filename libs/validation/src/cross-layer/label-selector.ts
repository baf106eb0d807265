/**
 * Kubernetes label selectors evaluated against labels the tree shows only in part. A pod rendered by a chart or an
 * operator at sync time is not in the tree: what is known of its labels is what a selector that reaches it requires
 * (a Service's `spec.selector`, a PodMonitor's `matchLabels`). A selector is then decided (`yes`/`no`) only where the
 * known labels decide it, and `maybe` elsewhere, so the rules built on it never report what they cannot see.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
import { compareCodeUnits } from '../ordering';
import { asObject } from './object-index';

/** Three-valued outcome: decided by the known labels (`yes`, `no`) or not (`maybe`). */
export type Tri = 'yes' | 'no' | 'maybe';

/** Conjunction: `no` when one is `no`, `yes` when all are `yes` (true for none), `maybe` otherwise. */
export function triAll(values: Iterable<Tri>): Tri {
  let out: Tri = 'yes';
  for (const v of values) {
    if (v === 'no') return 'no';
    if (v === 'maybe') out = 'maybe';
  }
  return out;
}

/** Disjunction: `yes` when one is `yes`, `no` when all are `no` (true for none), `maybe` otherwise. */
export function triAny(values: Iterable<Tri>): Tri {
  let out: Tri = 'no';
  for (const v of values) {
    if (v === 'yes') return 'yes';
    if (v === 'maybe') out = 'maybe';
  }
  return out;
}

/**
 * Labels of an object as far as the tree shows them.
 * - `labels`: labels the object certainly has, with their values;
 * - `complete`: true when these are all its labels (a pod template rendered in the tree; labels controllers add to
 *   pods, such as `pod-template-hash`, are not selected on by any platform policy), false when it may have more
 *   (pods of a chart or an operator, a Namespace that controllers may label).
 */
export interface KnownLabels {
  readonly labels: Readonly<Record<string, string>>;
  readonly complete: boolean;
}

/** One `matchExpressions` requirement. */
interface Requirement {
  readonly key?: unknown;
  readonly operator?: unknown;
  readonly values?: unknown;
}

function requirement(r: Requirement, known: KnownLabels): Tri {
  const key = String(r.key);
  const has = Object.prototype.hasOwnProperty.call(known.labels, key);
  const value = known.labels[key];
  const values = Array.isArray(r.values) ? r.values.map(String) : [];
  switch (r.operator) {
    case 'In':
      return has ? (values.includes(value as string) ? 'yes' : 'no') : known.complete ? 'no' : 'maybe';
    case 'NotIn':
      return has ? (values.includes(value as string) ? 'no' : 'yes') : known.complete ? 'yes' : 'maybe';
    case 'Exists':
      return has ? 'yes' : known.complete ? 'no' : 'maybe';
    case 'DoesNotExist':
      return has ? 'no' : known.complete ? 'yes' : 'maybe';
    default:
      // an operator the API server rejects: the selector cannot be decided
      return 'maybe';
  }
}

/**
 * Whether a `metav1.LabelSelector` (`{ matchLabels?, matchExpressions? }`, ANDed) selects an object with `known`
 * labels. An empty selector `{}` selects everything.
 * @param selector the selector as rendered; `undefined` or `null` is treated as `{}` (callers decide what an absent
 *   selector means for their field)
 * @returns `yes`/`no` when the known labels decide it, `maybe` when a requirement names a label `known` does not hold
 *   and `known.complete` is false
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/
 */
export function selectorMatches(selector: unknown, known: KnownLabels): Tri {
  const s = asObject(selector);
  const expressions = Array.isArray(s['matchExpressions']) ? (s['matchExpressions'] as Requirement[]) : [];
  return triAll([
    ...Object.entries(asObject(s['matchLabels'])).map(([key, v]) => requirement({ key, operator: 'In', values: [v] }, known)),
    ...expressions.map((r) => requirement(r, known)),
  ]);
}

/**
 * Whether an equality-based selector map (`Service.spec.selector`) selects an object with `known` labels.
 * @returns as {@link selectorMatches} with the map as `matchLabels`
 */
export function mapSelectorMatches(selector: unknown, known: KnownLabels): Tri {
  return selectorMatches({ matchLabels: selector }, known);
}

/**
 * The labels a selector certainly requires (`matchLabels`, and `In` with a single value): what is known of the
 * objects it selects when they are not in the tree.
 * @returns incomplete {@link KnownLabels}
 */
export function labelsRequiredBy(selector: unknown): KnownLabels {
  const s = asObject(selector);
  const labels: Record<string, string> = {};
  for (const r of Array.isArray(s['matchExpressions']) ? (s['matchExpressions'] as Requirement[]) : []) {
    if (r.operator === 'In' && Array.isArray(r.values) && r.values.length === 1) labels[String(r.key)] = String(r.values[0]);
  }
  for (const [k, v] of Object.entries(asObject(s['matchLabels']))) labels[k] = String(v);
  return { labels, complete: false };
}

/** `k=v,k2=v2` (sorted) for messages; `{}` for none. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => compareCodeUnits(a, b));
  return entries.length === 0 ? '{}' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}
