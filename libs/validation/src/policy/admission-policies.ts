import { exemptionMatchCondition, type Policy, POLICIES, POLICY_VARIABLES } from './policies';

/**
 * The in-cluster form of the policy library: one `ValidatingAdmissionPolicy` plus one
 * `ValidatingAdmissionPolicyBinding` (validationActions Deny) per policy, with the same CEL the
 * offline validator evaluates. Plain objects (no cdk8s), for a chart to render.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export function admissionPolicyObjects(policies: readonly Policy[] = POLICIES): Record<string, unknown>[] {
  return policies.flatMap((policy) => {
    const name = `platform-${policy.id.toLowerCase()}`;
    const usesVariables = policy.expression.includes('variables.');
    const policyObject = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name, labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/policy-id': policy.id } },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: policy.match.map((m) => ({
            apiGroups: [...m.apiGroups],
            apiVersions: ['*'],
            operations: ['CREATE', 'UPDATE'],
            // Kubernetes resources are the lower-case plural of these kinds.
            resources: m.kinds.map((k) => `${k.toLowerCase()}s`),
          })),
        },
        matchConditions: [{ name: 'not-exempt', expression: exemptionMatchCondition(policy.id) }],
        ...(usesVariables ? { variables: POLICY_VARIABLES.map((v) => ({ name: v.name, expression: v.expression })) } : {}),
        validations: [{ expression: policy.expression, message: `${policy.id}: ${policy.message}` }],
      },
    };
    const binding = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name, labels: { 'app.kubernetes.io/part-of': 'platform', 'platform.io/policy-id': policy.id } },
      spec: { policyName: name, validationActions: ['Deny'] },
    };
    return [policyObject, binding];
  });
}
