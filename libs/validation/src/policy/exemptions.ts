/** How an object opts out of a policy: the exemption annotations and their CEL. */

/** Annotation listing the policy ids an object is exempt from: `K8S-POD-003,K8S-POD-005`. */
export const EXEMPT_ANNOTATION = 'policy.platform.io/exempt';
/** Annotation required next to {@link EXEMPT_ANNOTATION}: why the exemption is needed. */
export const EXEMPT_REASON_ANNOTATION = 'policy.platform.io/exempt-reason';

/** CEL: the exempt annotation lists the policy id (comma- or space-separated). */
export function exemptedBy(policyId: string): string {
  const id = policyId.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
  return (
    `(has(object.metadata.annotations) && '${EXEMPT_ANNOTATION}' in object.metadata.annotations && ` +
    `object.metadata.annotations['${EXEMPT_ANNOTATION}'].matches('(^|[ ,])${id}([ ,]|$)'))`
  );
}

/**
 * The VAP `matchConditions` entry that skips objects exempt from a policy: the exempt annotation
 * lists the policy id (comma-separated list, spaces allowed).
 */
export function exemptionMatchCondition(policyId: string): string {
  return `!${exemptedBy(policyId)}`;
}
