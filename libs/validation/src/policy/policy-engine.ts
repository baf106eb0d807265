import { Environment } from '@marcbachmann/cel-js';
import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { SECRET_RULES } from '../kubernetes/validate-secrets';
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION, exemptionMatchCondition } from './exemptions';
import { familyExpression, itemLists, pathSegments } from './family-expressions';
import { type NodeShape, POD_FAMILIES, type PodFamily, type PolicyMatch, type PolicyVariable, SHAPES } from './pod-families';
import { type ItemPolicy, type Policy, POLICIES } from './policies';

/** Rule ids of the exemption mechanism itself. */
export const EXEMPTION_RULES = {
  /** `policy.platform.io/exempt` without a non-empty `policy.platform.io/exempt-reason`. */
  reason: 'K8S-EXEMPT-001',
  /** `policy.platform.io/exempt` names an unknown policy id. */
  unknownId: 'K8S-EXEMPT-002',
} as const;

type Program = (context: Record<string, unknown>) => unknown;

/** How items of each list are named in messages. */
const ITEM_NOUNS: Readonly<Record<string, string>> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
  steps: 'step',
  sidecars: 'sidecar',
  volumes: 'volume',
};

/**
 * Evaluates the CEL policy library offline over rendered objects, with @marcbachmann/cel-js.
 * Expressions are parsed once per engine. Integers are passed as CEL `int` (as the API server does).
 * Each item policy runs once per {@link PodFamily} the object belongs to, with the expression the VAP of
 * that family carries; a violation is then located at the offending field of each offending item.
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
    // offline-only object rules can be exempted with the same annotations
    const known = new Set([...this.policies.map((p) => p.id), ...Object.values(SECRET_RULES)]);
    for (const doc of docs) {
      const id = describeObject(doc.object);
      findings.push(...this.exemptionFindings(doc, id, known));
      const object = toCel(doc.object) as Record<string, unknown>;
      const families = POD_FAMILIES.filter((f) => matches(f.match, doc.object));
      for (const policy of this.policies) {
        const base = { file: doc.file, object: id, rule: policy.id };
        if (policy.scope === 'object') {
          if (!matches(policy.match, doc.object)) continue;
          if (policy.exemption !== 'expression' && this.run(exemptionMatchCondition(policy.id), object) !== true) continue;
          const result = this.run(policy.expression, object);
          if (result !== true) findings.push({ ...base, path: policy.field, message: `${policy.message}${detail(result)}` });
          continue;
        }
        for (const family of families) {
          const expression = familyExpression(policy, family);
          if (expression === undefined) continue;
          if (this.run(exemptionMatchCondition(policy.id), object) !== true) continue;
          const result = this.run(expression, object, family.variables);
          if (result === true) continue;
          const located = this.locate(policy, family, doc.object).map((l) => ({ ...base, ...l }));
          findings.push(...(located.length > 0 ? located : [{ ...base, path: family.locations[0].rootPath, message: `${policy.message}${detail(result)}` }]));
        }
      }
    }
    return findings;
  }

  /** Evaluates one expression against an object, after the given VAP variables. Errors are returned as strings. */
  run(expression: string, object: Record<string, unknown>, variableDefs: readonly PolicyVariable[] = []): unknown {
    try {
      const variables: Record<string, unknown> = {};
      for (const v of variableDefs) variables[v.name] = this.program(v.expression)({ object, variables });
      return this.program(expression)({ object, variables });
    } catch (err) {
      return `evaluation error: ${String((err as Error).message).split('\n')[0]}`;
    }
  }

  /** True when the policy's predicate holds for one item (container, volume or pod-level node). */
  holds(policy: ItemPolicy, shape: NodeShape, item: unknown): boolean {
    try {
      return this.program(policy.predicate('x', shape))({ x: toCel(item) }) === true;
    } catch {
      return false;
    }
  }

  /** The offending fields: the same predicate, on each item of each node of the family. */
  private locate(policy: ItemPolicy, family: PodFamily, object: Record<string, unknown>): { path: string; message: string }[] {
    const out: { path: string; message: string }[] = [];
    for (const location of family.locations) {
      const lists = itemLists(policy, location.shape);
      if (lists.length === 0) continue;
      const shape = SHAPES[location.shape];
      for (const node of nodesAt(object, [...pathSegments(location.rootPath), ...pathSegments(location.path)])) {
        if (policy.scope === 'pod') {
          if (!this.holds(policy, location.shape, node.value)) out.push({ path: `${node.path}.${policy.field(node.value, location.shape)}`, message: policy.message });
          continue;
        }
        const template = shape.template ? node.value[shape.template] : undefined;
        const templateHolds = template !== undefined && this.holds(policy, location.shape, template);
        for (const list of lists) {
          if (list === '.') {
            if (!this.holds(policy, location.shape, node.value)) out.push({ path: `${node.path}.${policy.field(node.value, location.shape)}`, message: policy.message });
            continue;
          }
          const items = node.value[list];
          if (!Array.isArray(items)) continue;
          items.forEach((item: unknown, i: number) => {
            if (this.holds(policy, location.shape, item)) return;
            if (policy.inherit === 'any' && templateHolds && shape.templateLists.includes(list)) return;
            const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
            const name = typeof record['name'] === 'string' ? ` (${ITEM_NOUNS[list] ?? list} "${record['name']}")` : '';
            out.push({ path: `${node.path}.${list}[${i}].${policy.field(record, location.shape)}`, message: `${policy.message}${name}` });
          });
        }
        if (policy.scope === 'container' && policy.inherit === 'all' && template !== undefined && !templateHolds) {
          out.push({ path: `${node.path}.${shape.template}.${policy.field(template as Record<string, unknown>, location.shape)}`, message: `${policy.message} (${shape.template})` });
        }
      }
    }
    return out;
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

function detail(result: unknown): string {
  return typeof result === 'string' ? ` (${result})` : '';
}

/** The nodes (objects) at a location path, with their JSON paths: fields, `*` items, `kind=X` filters. */
export function nodesAt(value: unknown, segments: readonly string[], path = ''): { path: string; value: Record<string, unknown> }[] {
  if (!value || typeof value !== 'object') return [];
  if (segments.length === 0) return Array.isArray(value) ? [] : [{ path, value: value as Record<string, unknown> }];
  const [head, ...rest] = segments;
  if (head === '*') return Array.isArray(value) ? value.flatMap((v, i) => nodesAt(v, rest, `${path}[${i}]`)) : [];
  const filter = /^kind=(.+)$/.exec(head);
  if (filter) return (value as Record<string, unknown>)['kind'] === filter[1] ? nodesAt(value, rest, path) : [];
  return nodesAt((value as Record<string, unknown>)[head], rest, path === '' ? head : `${path}.${head}`);
}

/** True when the object's API group and kind are in one of the rules. */
export function matches(rules: readonly PolicyMatch[], object: Record<string, unknown>): boolean {
  const apiVersion = String(object['apiVersion']);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return rules.some((r) => (r.apiGroups.includes('*') || r.apiGroups.includes(group)) && (r.kinds.includes('*') || r.kinds.includes(String(object['kind']))));
}

/** JSON -> CEL values: integral numbers become `int` (BigInt), everything else is kept. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  return value;
}
