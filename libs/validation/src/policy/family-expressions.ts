import type { ItemPolicy } from './policy-types';
import { POD_FAMILIES, type PodFamily, SHAPES, type NodeShape } from './pod-families';

/**
 * From one item policy (a predicate on a container, volume or pod spec) to one VAP-style CEL expression per
 * {@link PodFamily}: the predicate applied to every place where that family keeps its items.
 */

/** Splits a location path into segments: fields, `*` (every item) and `kind=X` filters. */
export function pathSegments(path: string): string[] {
  if (path === '') return [];
  return path
    .replace(/\[/g, '.[')
    .split('.')
    .filter((s) => s !== '')
    .map((s) => (s.startsWith('[') ? s.slice(1, -1) : s));
}

/** The item lists of a shape for a policy scope. */
export function itemLists(policy: ItemPolicy, shape: NodeShape): readonly string[] {
  if (policy.shapes && !policy.shapes.includes(shape)) return [];
  if (policy.scope === 'container') return SHAPES[shape].containerLists;
  if (policy.scope === 'volume') return ['volumes'];
  return SHAPES[shape].hostFields.length > 0 ? ['.'] : [];
}

/** CEL for one node `n` of a shape: the policy holds for every item there. `true` when the shape has no such items. */
function nodeExpression(policy: ItemPolicy, shape: NodeShape, n: string, depth: number): string {
  const lists = itemLists(policy, shape);
  if (lists.length === 0) return 'true';
  if (policy.scope === 'pod') return `(${policy.predicate(n, shape)})`;
  const c = `c${depth}`;
  const fields = SHAPES[shape];
  const parts = lists.map((list) => {
    if (list === '.') return `(${policy.predicate(n, shape)})`;
    let item = policy.predicate(c, shape);
    if (fields.template && fields.templateLists.includes(list) && policy.inherit === 'any') {
      item = `(${item}) || (has(${n}.${fields.template}) && ${policy.predicate(`${n}.${fields.template}`, shape)})`;
    }
    return `(!has(${n}.${list}) || ${n}.${list}.all(${c}, ${item}))`;
  });
  if (policy.scope === 'container' && fields.template && policy.inherit === 'all') {
    parts.push(`(!has(${n}.${fields.template}) || (${policy.predicate(`${n}.${fields.template}`, shape)}))`);
  }
  return parts.join(' && ');
}

/** CEL: the nodes at `segments` below `expr` all satisfy `inner`. Absent fields hold trivially. */
function walkExpression(expr: string, segments: readonly string[], depth: number, inner: (n: string, depth: number) => string): string {
  if (segments.length === 0) return inner(expr, depth);
  const [head, ...rest] = segments;
  if (head === '*') {
    const v = `i${depth}`;
    return `${expr}.all(${v}, ${walkExpression(v, rest, depth + 1, inner)})`;
  }
  const filter = /^kind=(.+)$/.exec(head);
  if (filter) return `(!has(${expr}.kind) || ${expr}.kind != '${filter[1]}' || (${walkExpression(expr, rest, depth, inner)}))`;
  return `(!has(${expr}.${head}) || ${walkExpression(`${expr}.${head}`, rest, depth, inner)})`;
}

/**
 * The VAP validation expression of an item policy for one family, or undefined when the family has no
 * item the policy looks at (e.g. hostPID on Tekton tasks).
 */
export function familyExpression(policy: ItemPolicy, family: PodFamily): string | undefined {
  const parts = family.locations
    .filter((l) => itemLists(policy, l.shape).length > 0)
    .map((l) => {
      const walk = walkExpression(l.root, pathSegments(l.path), 0, (n, depth) => nodeExpression(policy, l.shape, n, depth));
      // Family variables are defined by the kind; an object root (`object.spec`) may be absent.
      return l.root.startsWith('object.') ? `(!has(${l.root}) || ${walk})` : walk;
    });
  return parts.length === 0 ? undefined : parts.join(' && ');
}

/** The families an item policy applies to. */
export function familiesOf(policy: ItemPolicy): PodFamily[] {
  return POD_FAMILIES.filter((f) => familyExpression(policy, f) !== undefined);
}
