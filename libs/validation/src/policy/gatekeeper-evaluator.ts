import { matches, toCel } from './policy-engine';
import type { PolicyMatch } from './policies';
import { CelPrograms } from './cel-programs';

/** The parts of a rendered Gatekeeper ConstraintTemplate + Constraint pair that decide a verdict. */
export interface RenderedConstraint {
  /** `spec.targets[0].code[K8sNativeValidation].source` of the template. */
  readonly source: {
    readonly variables?: readonly { readonly name: string; readonly expression: string }[];
    readonly matchCondition?: readonly { readonly name: string; readonly expression: string }[];
    readonly validations: readonly { readonly expression: string; readonly message?: string }[];
  };
  /** `spec.match` of the Constraint. */
  readonly match: { readonly kinds?: readonly PolicyMatch[]; readonly excludedNamespaces?: readonly string[] };
}

/** The verdict on one object: `allowed`, or the messages of the failed validations. */
export type ConstraintVerdict = { readonly allowed: true } | { readonly allowed: false; readonly messages: readonly string[] };

/**
 * Evaluates a rendered ConstraintTemplate (K8sNativeValidation engine) with its Constraint on an object,
 * offline, with @marcbachmann/cel-js and Gatekeeper's semantics: the Constraint's `match.kinds` and
 * `excludedNamespaces` select the object; a false `matchCondition` skips it; every validation must return
 * true, and an evaluation error counts as a violation (Gatekeeper: "a logical/syntactical error in the policy
 * logic is treated as violation"). Variables are lazy in Gatekeeper; here each is evaluated up front and left
 * unset when it fails, so only a validation that reads it fails.
 * @see https://open-policy-agent.github.io/gatekeeper/website/docs/validating-admission-policy
 */
export class ConstraintEvaluator {
  private readonly cel = new CelPrograms();

  verdict(constraint: RenderedConstraint, object: Record<string, unknown>): ConstraintVerdict {
    const kinds = constraint.match.kinds ?? [{ apiGroups: ['*'], kinds: ['*'] }];
    if (!matches(kinds, object)) return { allowed: true };
    const namespace = (object['metadata'] as Record<string, unknown> | undefined)?.['namespace'];
    if (typeof namespace === 'string' && (constraint.match.excludedNamespaces ?? []).includes(namespace)) return { allowed: true };
    const cel = toCel(object);
    const variables: Record<string, unknown> = {};
    for (const v of constraint.source.variables ?? []) {
      const value = this.cel.run(v.expression, { object: cel, variables });
      if (!(value instanceof Error)) variables[v.name] = value;
    }
    for (const m of constraint.source.matchCondition ?? []) {
      const result = this.cel.run(m.expression, { object: cel, variables });
      if (result === false) return { allowed: true };
      if (result !== true) return { allowed: false, messages: [`matchCondition ${m.name}: ${String(result)}`] };
    }
    const messages = constraint.source.validations.flatMap((v) => {
      const result = this.cel.run(v.expression, { object: cel, variables });
      return result === true ? [] : [result instanceof Error ? `${v.message ?? v.expression} (evaluation error: ${result.message.split('\n')[0]})` : (v.message ?? v.expression)];
    });
    return messages.length === 0 ? { allowed: true } : { allowed: false, messages };
  }

}
