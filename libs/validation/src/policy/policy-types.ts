import type { NodeShape, PolicyMatch } from './pod-families';

// The shapes of a policy; the data is in `policies.ts`, which `family-expressions.ts` must not import (no import cycle).

export interface PolicyBase {
  /** Stable id, e.g. `K8S-POD-001`; also what `policy.platform.io/exempt` names. */
  readonly id: string;
  /** What a violation means, as shown in reports (and as the VAP `message`). */
  readonly message: string;
  /** One line for docs/validation.md. */
  readonly doc: string;
}

/** A policy on one item of a container-bearing node, applied to every {@link PodFamily}. */
export interface ItemPolicy extends PolicyBase {
  /** `container`: every container (and `stepTemplate`); `volume`: every volume; `pod`: every pod-level node. */
  readonly scope: 'container' | 'volume' | 'pod';
  /** CEL predicate on the item `x` (a CEL expression), true = compliant. `shape` is the node's shape. */
  readonly predicate: (x: string, shape: NodeShape) => string;
  /**
   * How a Tekton `stepTemplate` counts (containers only): `any` (a requirement: the step or its template
   * satisfies it) or `all` (a prohibition: neither may break it).
   */
  readonly inherit?: 'any' | 'all';
  /** JSON path of the offending field, relative to the item (e.g. `image`, `securityContext.privileged`). */
  readonly field: (item: Record<string, unknown>, shape: NodeShape) => string;
  /** Only for these shapes (default: every shape that has items of the scope). */
  readonly shapes?: readonly NodeShape[];
}

/** A policy on the object itself. */
export interface ObjectPolicy extends PolicyBase {
  readonly scope: 'object';
  readonly match: readonly PolicyMatch[];
  /** CEL, VAP style: `object`; true = compliant. */
  readonly expression: string;
  /** JSON path of the offending field in the object. */
  readonly field: string;
  /**
   * `matchCondition` (default): the exemption annotations skip the policy ({@link exemptionMatchCondition});
   * `expression`: the expression itself decides what an exemption allows, so no matchCondition is added.
   */
  readonly exemption?: 'matchCondition' | 'expression';
}

export type Policy = ItemPolicy | ObjectPolicy;
