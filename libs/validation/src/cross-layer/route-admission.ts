import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { AdmissionPolicyEvaluator, type RenderedAdmissionPolicy, type RenderedAdmissionPolicyBinding } from '../policy/admission-policy-evaluator';

type Obj = Record<string, unknown>;

/** Gateway API route kinds the shared Gateway's listeners accept, with their resource (plural) names. */
const ROUTE_RESOURCES: Readonly<Record<string, string>> = { HTTPRoute: 'httproutes', GRPCRoute: 'grpcroutes' };

const isAdmissionKind = (o: Obj, kind: string): boolean => o['kind'] === kind && o['apiVersion'] === 'admissionregistration.k8s.io/v1';

/**
 * Every Gateway API route of the tree (HTTPRoute, GRPCRoute) judged by every ValidatingAdmissionPolicy of the tree
 * through each of its bindings, as the API server would on CREATE, with the route's rendered Namespace as
 * `namespaceObject` (a route whose Namespace the tree does not render is not judged: its labels and annotations are
 * unknown). A denial by a binding with `Deny` is a finding under `rule`, at the field its message names
 * (`spec.hostnames: ...` -> `spec.hostnames`), so ArgoCD would never have to apply what the cluster refuses.
 * Bindings with `paramRef` are skipped (no parameter objects offline).
 */
export function routeAdmissionFindings(docs: readonly K8sDocument[], rule: string): Finding[] {
  const policies = docs.filter((d) => isAdmissionKind(d.object, 'ValidatingAdmissionPolicy')).map((d) => d.object as unknown as RenderedAdmissionPolicy);
  if (policies.length === 0) return [];
  const bindings = docs
    .filter((d) => isAdmissionKind(d.object, 'ValidatingAdmissionPolicyBinding') && ((d.object['spec'] ?? {}) as Obj)['paramRef'] === undefined)
    .map((d) => d.object as unknown as RenderedAdmissionPolicyBinding);
  const namespaces = new Map(docs.filter((d) => d.object['kind'] === 'Namespace' && d.object['apiVersion'] === 'v1').map((d) => [String(((d.object['metadata'] ?? {}) as Obj)['name']), d.object]));
  const evaluator = new AdmissionPolicyEvaluator();
  const out: Finding[] = [];
  for (const d of docs) {
    const resource = ROUTE_RESOURCES[String(d.object['kind'])];
    if (!resource || !String(d.object['apiVersion']).startsWith('gateway.networking.k8s.io/')) continue;
    const namespaceObject = namespaces.get(String(((d.object['metadata'] ?? {}) as Obj)['namespace']));
    if (!namespaceObject) continue;
    for (const policy of policies) {
      for (const binding of bindings.filter((b) => b.spec.policyName === policy.metadata.name)) {
        const v = evaluator.verdict(policy, binding, { operation: 'CREATE', resource, object: d.object, namespaceObject });
        if (v.result !== 'denied' || !v.actions.includes('Deny')) continue;
        for (const message of v.messages) {
          const path = /^(spec\.[A-Za-z.]+):/.exec(message)?.[1] ?? 'spec';
          out.push({ file: d.file, object: describeObject(d.object), path, rule, message: `ValidatingAdmissionPolicy ${policy.metadata.name} (binding ${binding.metadata.name}) denies it: ${message}` });
        }
      }
    }
  }
  return out;
}
