import { Environment } from '@marcbachmann/cel-js';
import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { podSpecOf } from '../kubernetes/pod-templates';
import {
  EXEMPT_ANNOTATION,
  EXEMPT_REASON_ANNOTATION,
  exemptionMatchCondition,
  type Policy,
  POLICIES,
  POLICY_VARIABLES,
  type PolicyMatch,
} from './policies';

/** Rule ids of the exemption mechanism itself. */
export const EXEMPTION_RULES = {
  /** `policy.platform.io/exempt` without a non-empty `policy.platform.io/exempt-reason`. */
  reason: 'K8S-EXEMPT-001',
  /** `policy.platform.io/exempt` names an unknown policy id. */
  unknownId: 'K8S-EXEMPT-002',
} as const;

type Program = (context: Record<string, unknown>) => unknown;

/**
 * Evaluates the CEL policy library offline over rendered objects, with @marcbachmann/cel-js.
 * Expressions are parsed once per engine. Integers are passed as CEL `int` (as the API server does).
 */
export class PolicyEngine {
  private readonly env: Environment;
  private readonly programs = new Map<string, Program>();

  constructor(private readonly policies: readonly Policy[] = POLICIES) {
    this.env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  }

  /** Every policy violation of every matching object, plus exemption annotation problems. */
  evaluate(docs: readonly K8sDocument[]): Finding[] {
    const findings: Finding[] = [];
    const known = new Set(this.policies.map((p) => p.id));
    for (const doc of docs) {
      const id = describeObject(doc.object);
      findings.push(...this.exemptionFindings(doc, id, known));
      const object = toCel(doc.object) as Record<string, unknown>;
      for (const policy of this.policies) {
        if (!matches(policy.match, doc.object)) continue;
        if (this.run(exemptionMatchCondition(policy.id), object) !== true) continue;
        findings.push(...this.check(policy, doc, id, object));
      }
    }
    return findings;
  }

  /** Evaluates one expression against an object (variables included). Errors are returned as strings. */
  run(expression: string, object: Record<string, unknown>): unknown {
    try {
      const variables: Record<string, unknown> = {};
      for (const v of POLICY_VARIABLES) {
        try {
          variables[v.name] = this.program(v.expression)({ object, variables });
        } catch {
          // A variable that does not apply to this kind (e.g. podSpec of a Namespace) stays unset.
        }
      }
      return this.program(expression)({ object, variables });
    } catch (err) {
      return `evaluation error: ${String((err as Error).message).split('\n')[0]}`;
    }
  }

  private check(policy: Policy, doc: K8sDocument, id: string, object: Record<string, unknown>): Finding[] {
    const result = this.run(policy.expression, object);
    if (result === true) return [];
    const pod = podSpecOf(doc.object);
    const base = { file: doc.file, object: id, rule: policy.id };
    const detail = typeof result === 'string' ? ` (${result})` : '';
    if (policy.scope === 'object' || !pod) return [{ ...base, path: pod?.path ?? '-', message: `${policy.message}${detail}` }];
    // Locate the offending containers/volumes: the same expression, on the pod narrowed to one item.
    const lists = policy.scope === 'container' ? (['containers', 'initContainers', 'ephemeralContainers'] as const) : (['volumes'] as const);
    const out: Finding[] = [];
    for (const list of lists) {
      const items = pod.spec[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        const narrowed = narrow(object, pod.path, list, item);
        if (this.run(policy.expression, narrowed) !== true) {
          const name = item && typeof item === 'object' && typeof (item as Record<string, unknown>)['name'] === 'string' ? ` (${list === 'volumes' ? 'volume' : 'container'} "${(item as Record<string, unknown>)['name']}")` : '';
          out.push({ ...base, path: `${pod.path}.${list}[${i}]`, message: `${policy.message}${name}` });
        }
      });
    }
    return out.length > 0 ? out : [{ ...base, path: pod.path, message: `${policy.message}${detail}` }];
  }

  private exemptionFindings(doc: K8sDocument, id: string, known: ReadonlySet<string>): Finding[] {
    const annotations = ((doc.object['metadata'] as Record<string, unknown> | undefined)?.['annotations'] ?? {}) as Record<string, unknown>;
    const exempt = annotations[EXEMPT_ANNOTATION];
    if (typeof exempt !== 'string') return [];
    const out: Finding[] = [];
    const path = `metadata.annotations["${EXEMPT_ANNOTATION}"]`;
    const reason = annotations[EXEMPT_REASON_ANNOTATION];
    if (typeof reason !== 'string' || reason.trim() === '') {
      out.push({ file: doc.file, object: id, path, rule: EXEMPTION_RULES.reason, message: `${EXEMPT_ANNOTATION} requires a non-empty ${EXEMPT_REASON_ANNOTATION} annotation` });
    }
    for (const policyId of exempt.split(/[ ,]+/).filter((s) => s !== '')) {
      if (!known.has(policyId)) {
        out.push({ file: doc.file, object: id, path, rule: EXEMPTION_RULES.unknownId, message: `unknown policy id "${policyId}" (known: ${[...known].join(', ')})` });
      }
    }
    return out;
  }

  private program(expression: string): Program {
    let program = this.programs.get(expression);
    if (!program) {
      program = this.env.parse(expression) as unknown as Program;
      this.programs.set(expression, program);
    }
    return program;
  }
}

/** True when the object's API group and kind are in one of the rules. */
export function matches(rules: readonly PolicyMatch[], object: Record<string, unknown>): boolean {
  const apiVersion = String(object['apiVersion']);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return rules.some((r) => (r.apiGroups.includes('*') || r.apiGroups.includes(group)) && (r.kinds.includes('*') || r.kinds.includes(String(object['kind']))));
}

/** A copy of the object whose pod spec holds only `item` in `list` (and no other containers/volumes of that family). */
function narrow(object: Record<string, unknown>, podPath: string, list: string, item: unknown): Record<string, unknown> {
  const segments = podPath.split('.');
  const clone = (node: Record<string, unknown>, depth: number): Record<string, unknown> => {
    if (depth === segments.length) {
      const spec: Record<string, unknown> = { ...node };
      const family = list === 'volumes' ? ['volumes'] : ['containers', 'initContainers', 'ephemeralContainers'];
      for (const f of family) if (f in spec) spec[f] = [];
      spec[list] = [item];
      return spec;
    }
    return { ...node, [segments[depth]]: clone(node[segments[depth]] as Record<string, unknown>, depth + 1) };
  };
  return clone(object, 0);
}

/** JSON -> CEL values: integral numbers become `int` (BigInt), everything else is kept. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  return value;
}
