import {
  exemptionMatchCondition,
  familiesOf,
  familyExpression,
  type ItemPolicy,
  type Policy,
  type PodFamily,
  POLICIES,
  type PolicyMatch,
  type PolicyVariable,
} from './policies';

/**
 * The in-cluster form of the policy library (ADR 0017): one Gatekeeper `ConstraintTemplate` per policy with the
 * `K8sNativeValidation` (CEL) engine, carrying the expressions the offline {@link PolicyEngine} evaluates.
 * Plain data (no cdk8s): the Gatekeeper add-on renders it, and the equivalence test evaluates it.
 *
 * An item policy applies to several pod families; its template carries one validation per family, guarded by
 * the family's kinds (`!(<object is of the family>) || <family expression>`), and the family variables renamed
 * per family (`workloadsPodSpec`), because Gatekeeper evaluates one template for every kind its Constraint
 * matches. CEL variables are lazy and `||` short-circuits, so a family's variable is only evaluated for that
 * family's kinds.
 * @see https://open-policy-agent.github.io/gatekeeper/website/docs/validating-admission-policy
 */

/** Gatekeeper's K8sNativeValidation engine name. */
export const K8S_NATIVE_VALIDATION_ENGINE = 'K8sNativeValidation';
/** Gatekeeper's admission target. */
export const GATEKEEPER_ADMISSION_TARGET = 'admission.k8s.gatekeeper.sh';

/** One entry of the source's `validations`. */
export interface CelValidation {
  readonly expression: string;
  readonly message: string;
}

/** One entry of the source's `matchCondition` list (objects for which it is false are skipped). */
export interface CelMatchCondition {
  readonly name: string;
  readonly expression: string;
}

/**
 * The `source` of a K8sNativeValidation code block, with Gatekeeper's JSON keys (`matchCondition` is singular
 * in Gatekeeper's schema).
 * @see https://github.com/open-policy-agent/gatekeeper/blob/v3.23.0/pkg/drivers/k8scel/schema/schema.go
 */
export interface K8sNativeValidationSource {
  /**
   * Always false: Gatekeeper's webhook and audit enforce the policy; no ValidatingAdmissionPolicy is generated
   * from the template, so the same rule is never enforced twice (ADR 0017).
   */
  readonly generateVAP: false;
  readonly variables: readonly PolicyVariable[];
  readonly matchCondition: readonly CelMatchCondition[];
  readonly validations: readonly CelValidation[];
}

/** What a ConstraintTemplate and its Constraint need for one policy. */
export interface PolicyConstraintTemplate {
  readonly policyId: string;
  /** Constraint kind, e.g. `PlatformK8sPod001` (the CRD Gatekeeper creates). */
  readonly kind: string;
  /** Template name: the kind in lower case (Gatekeeper requires it). */
  readonly templateName: string;
  /** Constraint name, e.g. `k8s-pod-001`. */
  readonly constraintName: string;
  /** Kinds the Constraint matches (`spec.match.kinds`). */
  readonly match: readonly PolicyMatch[];
  readonly source: K8sNativeValidationSource;
}

/** Name of the exemption match condition. */
export const EXEMPTION_MATCH_CONDITION = 'not-exempt';

/** `K8S-POD-001` -> `PlatformK8sPod001`. */
export function constraintKindOf(policyId: string): string {
  return `Platform${policyId
    .toLowerCase()
    .split('-')
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('')}`;
}

/** CEL: the object is of one of the family's kinds (API group from `apiVersion`, core group without a `/`). */
export function familyGuard(match: readonly PolicyMatch[]): string {
  const rules = match.map((m) => {
    const groups = m.apiGroups.map((g) => (g === '' ? "!object.apiVersion.contains('/')" : `object.apiVersion.startsWith('${g}/')`));
    return `((${groups.join(' || ')}) && object.kind in [${m.kinds.map((k) => `'${k}'`).join(', ')}])`;
  });
  return rules.join(' || ');
}

/** A family with its variables renamed `<family><Variable>` (unique inside one template). */
function scopedFamily(family: PodFamily): PodFamily {
  const prefix = family.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  const renamed = new Map(family.variables.map((v) => [v.name, `${prefix}${v.name.charAt(0).toUpperCase()}${v.name.slice(1)}`]));
  return {
    ...family,
    variables: family.variables.map((v) => ({ name: renamed.get(v.name) as string, expression: v.expression })),
    locations: family.locations.map((l) => {
      const name = l.root.startsWith('variables.') ? renamed.get(l.root.slice('variables.'.length)) : undefined;
      return name ? { ...l, root: `variables.${name}` } : l;
    }),
  };
}

/** The template data of one policy. */
export function policyConstraintTemplate(policy: Policy): PolicyConstraintTemplate {
  const kind = constraintKindOf(policy.id);
  const message = `${policy.id}: ${policy.message}`;
  const exemptable = policy.scope !== 'object' || policy.exemption !== 'expression';
  const matchCondition = exemptable ? [{ name: EXEMPTION_MATCH_CONDITION, expression: exemptionMatchCondition(policy.id) }] : [];
  const common = { policyId: policy.id, kind, templateName: kind.toLowerCase(), constraintName: policy.id.toLowerCase() };
  if (policy.scope === 'object') {
    return { ...common, match: policy.match, source: { generateVAP: false, variables: [], matchCondition, validations: [{ expression: policy.expression, message }] } };
  }
  const families = familiesOf(policy as ItemPolicy).map(scopedFamily);
  return {
    ...common,
    match: families.flatMap((f) => f.match),
    source: {
      generateVAP: false,
      variables: families.flatMap((f) => f.variables),
      matchCondition,
      validations: families.map((f) => ({ expression: `!(${familyGuard(f.match)}) || (${familyExpression(policy as ItemPolicy, f) as string})`, message })),
    },
  };
}

/** One template per policy of the library, in library order. */
export function policyConstraintTemplates(policies: readonly Policy[] = POLICIES): PolicyConstraintTemplate[] {
  return policies.map(policyConstraintTemplate);
}
