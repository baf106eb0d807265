import { exemptionMatchCondition } from './exemptions';
import { familiesOf, familyExpression } from './family-expressions';
import type { PolicyMatch, PolicyVariable } from './pod-families';
import { type Policy, POLICIES } from './policies';

/**
 * The in-cluster form of the policy library: one `ValidatingAdmissionPolicy` plus one
 * `ValidatingAdmissionPolicyBinding` (validationActions Deny) per object policy, and per item policy and
 * pod family (`platform-k8s-pod-001-tekton-task`), with the same CEL the offline validator evaluates.
 * Plain objects (no cdk8s), for a chart to render.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export function admissionPolicyObjects(policies: readonly Policy[] = POLICIES): Record<string, unknown>[] {
  return policies.flatMap((policy) => {
    const base = `platform-${policy.id.toLowerCase()}`;
    if (policy.scope === 'object') {
      return vap(base, policy, policy.match, [], policy.expression, policy.exemption !== 'expression');
    }
    return familiesOf(policy).flatMap((family) => vap(`${base}-${family.name}`, policy, family.match, family.variables, familyExpression(policy, family) as string, true));
  });
}

function vap(name: string, policy: Policy, match: readonly PolicyMatch[], variables: readonly PolicyVariable[], expression: string, exemptable: boolean): Record<string, unknown>[] {
  const labels = { 'app.kubernetes.io/part-of': 'platform', 'platform.io/policy-id': policy.id };
  const policyObject = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: match.map((m) => ({
          apiGroups: [...m.apiGroups],
          apiVersions: ['*'],
          operations: ['CREATE', 'UPDATE'],
          // Kubernetes resources are the lower-case plural of these kinds.
          resources: m.kinds.map((k) => `${k.toLowerCase()}s`),
        })),
      },
      ...(exemptable ? { matchConditions: [{ name: 'not-exempt', expression: exemptionMatchCondition(policy.id) }] } : {}),
      ...(variables.length > 0 ? { variables: variables.map((v) => ({ name: v.name, expression: v.expression })) } : {}),
      validations: [{ expression, message: `${policy.id}: ${policy.message}` }],
    },
  };
  const binding = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name, labels },
    spec: { policyName: name, validationActions: ['Deny'] },
  };
  return [policyObject, binding];
}
