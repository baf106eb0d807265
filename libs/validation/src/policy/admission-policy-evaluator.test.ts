import { AdmissionPolicyEvaluator, type AdmissionRequest, type RenderedAdmissionPolicy, type RenderedAdmissionPolicyBinding, selectorMatches } from './admission-policy-evaluator';

const evaluator = new AdmissionPolicyEvaluator();
const policy = (spec: Partial<RenderedAdmissionPolicy['spec']> = {}): RenderedAdmissionPolicy => ({
  metadata: { name: 'p' },
  spec: {
    matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
    validations: [{ expression: 'object.spec.replicas <= 5', message: 'replicas must be <= 5' }],
    ...spec,
  },
});
const binding = (spec: Partial<RenderedAdmissionPolicyBinding['spec']> = {}): RenderedAdmissionPolicyBinding => ({ metadata: { name: 'b' }, spec: { policyName: 'p', validationActions: ['Deny'], ...spec } });
const namespace = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels, annotations } });
const request = (replicas: number, extra: Partial<AdmissionRequest> = {}): AdmissionRequest => ({
  operation: 'CREATE',
  resource: 'deployments',
  object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team-a', labels: { tier: 'web' } }, spec: { replicas } },
  namespaceObject: namespace({ team: 'a' }),
  ...extra,
});

describe('AdmissionPolicyEvaluator', () => {
  it('allows what every validation accepts and denies the rest with the message and the binding actions', () => {
    expect(evaluator.verdict(policy(), binding(), request(3))).toEqual({ result: 'allowed' });
    expect(evaluator.verdict(policy(), binding({ validationActions: ['Warn', 'Audit'] }), request(7))).toEqual({ result: 'denied', actions: ['Warn', 'Audit'], messages: ['replicas must be <= 5'] });
  });

  it('skips requests outside the resource rules (resource, group, version, operation) and the excluded ones', () => {
    expect(evaluator.verdict(policy(), binding(), request(7, { resource: 'statefulsets' }))).toEqual({ result: 'skipped' });
    expect(evaluator.verdict(policy(), binding(), request(7, { operation: 'UPDATE' }))).toMatchObject({ result: 'denied' });
    const star = policy({ matchConstraints: { resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['CREATE'], resources: ['*'] }], excludeResourceRules: [{ apiGroups: ['apps'], apiVersions: ['*'], operations: ['*'], resources: ['deployments'] }] } });
    expect(evaluator.verdict(star, binding(), request(7))).toEqual({ result: 'skipped' });
    expect(evaluator.verdict(policy({ matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1beta1'], operations: ['*'], resources: ['*'] }] } }), binding(), request(7))).toEqual({ result: 'skipped' });
  });

  it('applies the binding namespace and object selectors to the namespace object and the object labels', () => {
    expect(evaluator.verdict(policy(), binding({ matchResources: { namespaceSelector: { matchLabels: { team: 'a' } } } }), request(7))).toMatchObject({ result: 'denied' });
    expect(evaluator.verdict(policy(), binding({ matchResources: { namespaceSelector: { matchLabels: { team: 'b' } } } }), request(7))).toEqual({ result: 'skipped' });
    expect(evaluator.verdict(policy(), binding({ matchResources: { objectSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] } } }), request(7))).toEqual({ result: 'skipped' });
  });

  it('reads variables and the namespace object, and prefers a messageExpression that yields a string', () => {
    const p = policy({
      variables: [{ name: 'max', expression: "int(namespaceObject.metadata.annotations['max-replicas'])" }],
      validations: [{ expression: 'object.spec.replicas <= variables.max', messageExpression: "'replicas ' + string(object.spec.replicas) + ' above ' + string(variables.max)", message: 'static' }],
    });
    const ns = namespace({ team: 'a' }, { 'max-replicas': '4' });
    expect(evaluator.verdict(p, binding(), request(4, { namespaceObject: ns }))).toEqual({ result: 'allowed' });
    expect(evaluator.verdict(p, binding(), request(6, { namespaceObject: ns }))).toEqual({ result: 'denied', actions: ['Deny'], messages: ['replicas 6 above 4'] });
  });

  it('treats an evaluation error as a failure under failurePolicy Fail (the default) and ignores it under Ignore', () => {
    const broken = { validations: [{ expression: 'object.spec.missing.field == 1', message: 'needs the field' }] };
    expect(evaluator.verdict(policy(broken), binding(), request(1))).toMatchObject({ result: 'denied', messages: [expect.stringMatching(/^needs the field \(evaluation error: /)] });
    expect(evaluator.verdict(policy({ ...broken, failurePolicy: 'Ignore' }), binding(), request(1))).toEqual({ result: 'allowed' });
  });

  it('skips a request a match condition excludes', () => {
    const p = policy({ matchConditions: [{ name: 'not-system', expression: "object.metadata.name != 'web'" }] });
    expect(evaluator.verdict(p, binding(), request(7))).toEqual({ result: 'skipped' });
  });

  it('refuses a binding of another policy and one with paramRef, naming the binding', () => {
    expect(() => evaluator.verdict(policy(), binding({ policyName: 'q' }), request(1))).toThrow('ValidatingAdmissionPolicyBinding b: spec.policyName "q" is not policy p');
    expect(() => evaluator.verdict(policy(), { metadata: { name: 'b' }, spec: { policyName: 'p', validationActions: ['Deny'], paramRef: { name: 'x' } } as RenderedAdmissionPolicyBinding['spec'] }, request(1))).toThrow(
      'ValidatingAdmissionPolicyBinding b: spec.paramRef is not supported by the offline evaluator',
    );
  });

  it('matches label selectors like the API server (In, NotIn, Exists, DoesNotExist; empty matches all)', () => {
    const labels = { a: '1', b: '2' };
    expect(selectorMatches(undefined, labels)).toBe(true);
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '3'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['1'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'b', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'b', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { a: '1', b: '3' } }, labels)).toBe(false);
    expect(() => selectorMatches({ matchExpressions: [{ key: 'a', operator: 'Gt' }] }, labels)).toThrow('label selector operator "Gt" is not one of In, NotIn, Exists, DoesNotExist');
  });
});
