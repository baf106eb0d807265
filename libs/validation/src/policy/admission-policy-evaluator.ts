import { toCel } from './policy-engine';
import { CelPrograms } from './cel-programs';

type Obj = Record<string, unknown>;

/** A label selector (`matchLabels`, `matchExpressions`) as Kubernetes renders it. @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/ */
export interface RenderedLabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

/** One rule of `matchConstraints.resourceRules` / `excludeResourceRules`. */
export interface RenderedResourceRule {
  readonly apiGroups?: readonly string[];
  readonly apiVersions?: readonly string[];
  readonly operations?: readonly string[];
  readonly resources?: readonly string[];
}

/** `spec.matchConstraints` of a policy, `spec.matchResources` of a binding. */
export interface RenderedMatchResources {
  readonly namespaceSelector?: RenderedLabelSelector;
  readonly objectSelector?: RenderedLabelSelector;
  readonly resourceRules?: readonly RenderedResourceRule[];
  readonly excludeResourceRules?: readonly RenderedResourceRule[];
}

/** The parts of a rendered `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy that decide a verdict. */
export interface RenderedAdmissionPolicy {
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly failurePolicy?: string;
    readonly matchConstraints?: RenderedMatchResources;
    readonly matchConditions?: readonly { readonly name: string; readonly expression: string }[];
    readonly variables?: readonly { readonly name: string; readonly expression: string }[];
    readonly validations?: readonly { readonly expression: string; readonly message?: string; readonly messageExpression?: string }[];
  };
}

/** The parts of a rendered ValidatingAdmissionPolicyBinding that decide a verdict. */
export interface RenderedAdmissionPolicyBinding {
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly policyName: string;
    readonly validationActions: readonly string[];
    readonly matchResources?: RenderedMatchResources;
  };
}

/** The admission request the policy judges. */
export interface AdmissionRequest {
  /** `CREATE` or `UPDATE` (`DELETE` and `CONNECT` have no `object`). */
  readonly operation: 'CREATE' | 'UPDATE';
  /** The resource (plural, lower case) of the object, e.g. `httproutes`. */
  readonly resource: string;
  /** The object under review, as the API server sees it after defaulting. */
  readonly object: Obj;
  /** The Namespace of a namespaced object (`namespaceObject`); required for one. */
  readonly namespaceObject?: Obj;
}

/**
 * The verdict of one binding on one request: `skipped` when the binding or policy does not match it (resources,
 * selectors, match conditions); otherwise `allowed`, or the messages of the failed validations and the binding's
 * `validationActions` (`Deny`, `Warn`, `Audit`).
 */
export type AdmissionVerdict =
  | { readonly result: 'skipped' }
  | { readonly result: 'allowed' }
  | { readonly result: 'denied'; readonly actions: readonly string[]; readonly messages: readonly string[] };

/**
 * Evaluates a rendered ValidatingAdmissionPolicy with one of its bindings on an admission request, offline, with
 * @marcbachmann/cel-js and the API server's semantics: the policy's `matchConstraints` and the binding's
 * `matchResources` select the request (resource rules, namespace and object label selectors); a false
 * `matchCondition` skips it; `variables` are visible as `variables.<name>`; every validation must return true; an
 * evaluation error, in a match condition or a validation, counts as a failure when `failurePolicy` is `Fail` (the
 * default) and is ignored when it is `Ignore`. A failed validation's message is its `messageExpression` when that
 * evaluates to a string, else `message`, else the expression. No `paramKind`: params are not supported.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 * @throws Error naming the binding when it binds another policy or carries `paramRef`
 */
export class AdmissionPolicyEvaluator {
  private readonly cel = new CelPrograms();

  verdict(policy: RenderedAdmissionPolicy, binding: RenderedAdmissionPolicyBinding, request: AdmissionRequest): AdmissionVerdict {
    if (binding.spec.policyName !== policy.metadata.name) throw new Error(`ValidatingAdmissionPolicyBinding ${binding.metadata.name}: spec.policyName "${binding.spec.policyName}" is not policy ${policy.metadata.name}`);
    if ((binding.spec as Obj)['paramRef'] !== undefined) throw new Error(`ValidatingAdmissionPolicyBinding ${binding.metadata.name}: spec.paramRef is not supported by the offline evaluator`);
    if (!matchesResources(policy.spec.matchConstraints, request) || !matchesResources(binding.spec.matchResources, request)) return { result: 'skipped' };
    const failClosed = (policy.spec.failurePolicy ?? 'Fail') === 'Fail';
    const object = toCel(request.object);
    const namespaceObject = request.namespaceObject === undefined ? null : toCel(request.namespaceObject);
    const variables: Record<string, unknown> = {};
    const context = { object, oldObject: null, namespaceObject, request: { operation: request.operation, namespace: metaOf(request.object)['namespace'] ?? '' }, variables };
    for (const v of policy.spec.variables ?? []) {
      const value = this.cel.run(v.expression, context);
      if (!(value instanceof Error)) variables[v.name] = value;
    }
    const messages: string[] = [];
    for (const m of policy.spec.matchConditions ?? []) {
      const result = this.cel.run(m.expression, context);
      if (result === false) return { result: 'skipped' };
      if (result !== true) {
        if (failClosed) messages.push(`matchCondition ${m.name}: ${result instanceof Error ? result.message.split('\n')[0] : `returned ${String(result)}`}`);
        else return { result: 'skipped' };
      }
    }
    for (const v of policy.spec.validations ?? []) {
      const result = this.cel.run(v.expression, context);
      if (result === true) continue;
      if (result instanceof Error || typeof result !== 'boolean') {
        if (failClosed) messages.push(`${v.message ?? v.expression} (evaluation error: ${result instanceof Error ? result.message.split('\n')[0] : `returned ${String(result)}`})`);
        continue;
      }
      const computed = v.messageExpression === undefined ? undefined : this.cel.run(v.messageExpression, context);
      messages.push(typeof computed === 'string' && computed.trim() !== '' ? computed : (v.message ?? `failed expression: ${v.expression}`));
    }
    return messages.length === 0 ? { result: 'allowed' } : { result: 'denied', actions: [...binding.spec.validationActions], messages };
  }

}

function metaOf(o: Obj | undefined): Obj {
  return ((o ?? {})['metadata'] ?? {}) as Obj;
}

/** `gateway.networking.k8s.io/v1` -> [`gateway.networking.k8s.io`, `v1`]; `v1` -> [``, `v1`]. */
function groupVersion(apiVersion: unknown): [string, string] {
  const s = String(apiVersion ?? '');
  const i = s.lastIndexOf('/');
  return i < 0 ? ['', s] : [s.slice(0, i), s.slice(i + 1)];
}

const anyOf = (list: readonly string[] | undefined, value: string): boolean => (list ?? []).some((x) => x === '*' || x === value);

function matchesRule(rule: RenderedResourceRule, request: AdmissionRequest): boolean {
  const [group, version] = groupVersion(request.object['apiVersion']);
  return anyOf(rule.apiGroups, group) && anyOf(rule.apiVersions, version) && anyOf(rule.operations, request.operation) && anyOf(rule.resources, request.resource);
}

/** A label selector against labels; an empty (or absent) selector matches everything. */
export function selectorMatches(selector: RenderedLabelSelector | undefined, labels: Readonly<Record<string, unknown>>): boolean {
  if (!selector) return true;
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(labels, k);
  if (!Object.entries(selector.matchLabels ?? {}).every(([k, v]) => has(k) && labels[k] === v)) return false;
  return (selector.matchExpressions ?? []).every((e) => {
    switch (e.operator) {
      case 'In':
        return has(e.key) && (e.values ?? []).includes(String(labels[e.key]));
      case 'NotIn':
        return !has(e.key) || !(e.values ?? []).includes(String(labels[e.key]));
      case 'Exists':
        return has(e.key);
      case 'DoesNotExist':
        return !has(e.key);
      default:
        throw new Error(`label selector operator "${e.operator}" is not one of In, NotIn, Exists, DoesNotExist`);
    }
  });
}

function matchesResources(match: RenderedMatchResources | undefined, request: AdmissionRequest): boolean {
  if (!match) return true;
  if (match.resourceRules !== undefined && !match.resourceRules.some((r) => matchesRule(r, request))) return false;
  if ((match.excludeResourceRules ?? []).some((r) => matchesRule(r, request))) return false;
  if (!selectorMatches(match.objectSelector, (metaOf(request.object)['labels'] ?? {}) as Obj)) return false;
  if (match.namespaceSelector !== undefined && metaOf(request.object)['namespace'] !== undefined) {
    return selectorMatches(match.namespaceSelector, (metaOf(request.namespaceObject)['labels'] ?? {}) as Obj);
  }
  return true;
}
