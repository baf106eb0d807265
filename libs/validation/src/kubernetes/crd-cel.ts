import { Environment } from '@marcbachmann/cel-js';
import { type Finding, joinPath } from '../finding';
import { toCel } from '../policy/policy-engine';

/** Rule id of CRD CEL validation rules. */
export const CRD_CEL_RULE = 'K8S-SCHEMA-005';

/** One `x-kubernetes-validations` entry. @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules */
interface CelRule {
  readonly rule: string;
  readonly message?: string;
  readonly fieldPath?: string;
}

/** The CEL rules of a CRD schema, only along the paths that have some. */
export interface CelRuleTree {
  readonly rules?: readonly CelRule[];
  readonly properties?: Readonly<Record<string, CelRuleTree>>;
  readonly items?: CelRuleTree;
  readonly additionalProperties?: CelRuleTree;
}

/**
 * How the CEL rules of one CRD version were classified.
 * - `supported`: evaluated offline with cel-js.
 * - `extension`: use a Kubernetes CEL library cel-js lacks (e.g. regex `find`, `isURL`, `quantity`); skipped.
 * - `transition`: use `oldSelf`; they only apply to updates, so not to a rendered (new) object.
 */
export interface CelRuleStats {
  supported: number;
  extension: number;
  transition: number;
}

const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
type Program = (context: Record<string, unknown>) => unknown;
const programs = new Map<string, Program | 'extension' | 'transition'>();

/** Compiles a rule once; classifies rules cel-js cannot type-check (unknown functions) as `extension`. */
function programFor(rule: string): Program | 'extension' | 'transition' {
  let p = programs.get(rule);
  if (p) return p;
  if (/\boldSelf\b/.test(rule)) p = 'transition';
  else {
    try {
      p = env.check(rule).valid ? (env.parse(rule) as unknown as Program) : 'extension';
    } catch {
      p = 'extension';
    }
  }
  programs.set(rule, p);
  return p;
}

/** Collects the `x-kubernetes-validations` of a CRD `openAPIV3Schema` into a tree, and classifies them into `stats`. */
export function celRuleTree(schema: unknown, stats: CelRuleStats): CelRuleTree | undefined {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const s = schema as Record<string, unknown>;
  const tree: { rules?: CelRule[]; properties?: Record<string, CelRuleTree>; items?: CelRuleTree; additionalProperties?: CelRuleTree } = {};
  const validations = s['x-kubernetes-validations'];
  if (Array.isArray(validations)) {
    const rules = validations.filter((v): v is CelRule => !!v && typeof v === 'object' && typeof (v as CelRule).rule === 'string');
    for (const r of rules) {
      const p = programFor(r.rule);
      if (p === 'extension') stats.extension++;
      else if (p === 'transition') stats.transition++;
      else stats.supported++;
    }
    if (rules.length > 0) tree.rules = rules;
  }
  if (s['properties'] && typeof s['properties'] === 'object') {
    const props: Record<string, CelRuleTree> = {};
    for (const [k, v] of Object.entries(s['properties'] as Record<string, unknown>)) {
      const sub = celRuleTree(v, stats);
      if (sub) props[k] = sub;
    }
    if (Object.keys(props).length > 0) tree.properties = props;
  }
  const items = celRuleTree(s['items'], stats);
  if (items) tree.items = items;
  const additional = celRuleTree(s['additionalProperties'], stats);
  if (additional) tree.additionalProperties = additional;
  return Object.keys(tree).length > 0 ? tree : undefined;
}

/**
 * Evaluates the supported CEL rules of a tree against an object (`self` is the value at the rule's node),
 * the way the API server does on create. A rule that returns anything but true is a finding at the node
 * (plus the rule's `fieldPath`). Rules of the `extension` and `transition` kinds are skipped.
 */
export function evaluateCelRules(tree: CelRuleTree, value: unknown, at: { readonly file: string; readonly object: string }, path = ''): Finding[] {
  const out: Finding[] = [];
  for (const r of tree.rules ?? []) {
    const program = programFor(r.rule);
    if (typeof program !== 'function') continue;
    let result: unknown;
    try {
      result = program({ self: toCel(value) });
    } catch (err) {
      const message = String((err as Error).message).split('\n')[0];
      // A dyn value the static check could not see through (no overload at run time) is an unsupported extension.
      if (/no matching overload/.test(message)) continue;
      result = `evaluation error: ${message}`;
    }
    if (result === true) continue;
    const fieldPath = r.fieldPath ? r.fieldPath.replace(/^\./, '') : '';
    const where = fieldPath ? (path ? `${path}.${fieldPath}` : fieldPath) : path;
    const detail = typeof result === 'string' ? ` (${result})` : '';
    out.push({ ...at, path: where || '-', rule: CRD_CEL_RULE, message: `${r.message ?? `failed rule: ${r.rule}`}${detail}` });
  }
  if (value && typeof value === 'object') {
    if (Array.isArray(value)) {
      if (tree.items) value.forEach((v, i) => out.push(...evaluateCelRules(tree.items as CelRuleTree, v, at, joinPath(path, i))));
    } else {
      const record = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(record)) {
        const sub = tree.properties?.[k] ?? (tree.properties && k in tree.properties ? undefined : tree.additionalProperties);
        if (sub) out.push(...evaluateCelRules(sub, v, at, joinPath(path, k)));
      }
    }
  }
  return out;
}
