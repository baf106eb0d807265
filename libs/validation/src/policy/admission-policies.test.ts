import { join } from 'node:path';
import { SchemaRegistry } from '../kubernetes/schema-registry';
import { validateObjects } from '../kubernetes/validate-objects';
import { admissionPolicyObjects } from './admission-policies';
import { POLICIES } from './policies';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../../shared/upstream');

describe('admissionPolicyObjects', () => {
  const objects = admissionPolicyObjects();

  it('renders one policy and one binding per policy, carrying the same CEL', () => {
    expect(objects).toHaveLength(POLICIES.length * 2);
    const pod003 = objects.find((o) => (o['metadata'] as Record<string, string>)['name'] === 'platform-k8s-pod-003' && o['kind'] === 'ValidatingAdmissionPolicy') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pod003['spec'].validations[0].expression).toBe(POLICIES.find((p) => p.id === 'K8S-POD-003')?.expression);
    expect(pod003['spec'].matchConstraints.resourceRules.map((r: { resources: string[] }) => r.resources).flat()).toEqual(['pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs']);
  });

  it('are valid Kubernetes 1.34 objects', () => {
    const registry = new SchemaRegistry({ upstreamDir: UPSTREAM, kubeVersion: '1.34' });
    const findings = validateObjects(objects.map((object, index) => ({ file: 'vap.yaml', relPath: 'vap.yaml', index, object })), registry);
    expect(findings).toEqual([]);
  });
});
