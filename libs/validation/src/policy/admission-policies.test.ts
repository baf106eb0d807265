import { join } from 'node:path';
import { SchemaRegistry } from '../kubernetes/schema-registry';
import { validateObjects } from '../kubernetes/validate-objects';
import { admissionPolicyObjects } from './admission-policies';
import { familiesOf, familyExpression, type ItemPolicy, POD_FAMILIES, POLICIES } from './policies';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../../shared/upstream');

describe('admissionPolicyObjects', () => {
  const objects = admissionPolicyObjects();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const vap = (name: string) => objects.find((o) => (o['metadata'] as Record<string, string>)['name'] === name && o['kind'] === 'ValidatingAdmissionPolicy') as Record<string, any>;

  it('renders one policy and one binding per object policy and per item policy and pod family, carrying the same CEL', () => {
    const items = POLICIES.filter((p): p is ItemPolicy => p.scope !== 'object');
    const count = POLICIES.length - items.length + items.reduce((n, p) => n + familiesOf(p).length, 0);
    expect(objects).toHaveLength(count * 2);
    const pod003 = POLICIES.find((p) => p.id === 'K8S-POD-003') as ItemPolicy;
    const task = POD_FAMILIES.find((f) => f.name === 'tekton-task')!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    expect(vap('platform-k8s-pod-003-tekton-task')['spec'].validations[0].expression).toBe(familyExpression(pod003, task));
    expect(vap('platform-k8s-pod-003-tekton-task')['spec'].matchConstraints.resourceRules[0]).toMatchObject({ apiGroups: ['tekton.dev'], resources: ['tasks'] });
    expect(vap('platform-k8s-pod-003-workloads')['spec'].variables).toEqual([{ name: 'podSpec', expression: 'object.spec.template.spec' }]);
    expect(vap('platform-k8s-pod-003-workloads')['spec'].matchConstraints.resourceRules.map((r: { resources: string[] }) => r.resources).flat()).toEqual(['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs']);
    // K8S-NS-001 decides its exemption in the expression (privileged needs it), so no matchCondition skips it.
    expect(vap('platform-k8s-ns-001')['spec'].matchConditions).toBeUndefined();
    expect(vap('platform-k8s-label-001')['spec'].matchConditions).toHaveLength(1);
  });

  it('are valid Kubernetes 1.34 objects', () => {
    const registry = new SchemaRegistry({ upstreamDir: UPSTREAM, kubeVersion: '1.34' });
    const findings = validateObjects(objects.map((object, index) => ({ file: 'vap.yaml', relPath: 'vap.yaml', index, object })), registry);
    expect(findings).toEqual([]);
  });
});
