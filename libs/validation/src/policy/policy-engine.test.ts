
import type { K8sDocument } from '../dist-tree';
import { deployment, namespace } from '../testing/fixtures';
import { exemptionMatchCondition, POLICIES } from './policies';
import { PolicyEngine } from './policy-engine';

describe('PolicyEngine', () => {
  const engine = new PolicyEngine();
  const doc = (object: Record<string, unknown>): K8sDocument => ({ file: 'w.yaml', relPath: 'kubernetes/w.yaml', index: 0, object });
  const check = (object: Record<string, unknown>) => engine.evaluate([doc(object)]).map((f) => `${f.rule} ${f.path}`);

  it('has unique ids and parses every expression', () => {
    expect(new Set(POLICIES.map((p) => p.id)).size).toBe(POLICIES.length);
    expect(check(deployment())).toEqual([]);
    expect(check(namespace('apps'))).toEqual([]);
  });

  it('locates violations per container, init container and volume', () => {
    const d = deployment({
      image: 'docker.io/library/nginx',
      container: { resources: { requests: { cpu: '100m' } } },
      pod: {
        initContainers: [{ name: 'init', image: 'public.ecr.aws/busybox/busybox:1.37', securityContext: { privileged: true }, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } } }],
        volumes: [{ name: 'host', hostPath: { path: '/var/run' } }, { name: 'tmp', emptyDir: {} }],
        hostNetwork: true,
        hostPID: true,
      },
    });
    expect(check(d)).toEqual([
      'K8S-POD-001 spec.template.spec.containers[0]',
      'K8S-POD-002 spec.template.spec.containers[0]',
      'K8S-POD-003 spec.template.spec.initContainers[0]',
      'K8S-POD-004 spec.template.spec.volumes[0]',
      'K8S-POD-005 spec.template.spec',
      'K8S-POD-006 spec.template.spec',
      'K8S-POD-007 spec.template.spec.containers[0]',
      'K8S-POD-008 spec.template.spec.containers[0]',
    ]);
  });

  it('accepts private ECR images pinned by digest and rejects :latest', () => {
    expect(check(deployment({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:' + 'a'.repeat(64) }))).toEqual([]);
    expect(check(deployment({ image: 'quay.io/org/app:latest' }))).toEqual(['K8S-POD-008 spec.template.spec.containers[0]']);
    expect(check(deployment({ image: 'registry.example.test:5000/app' }))).toEqual(['K8S-POD-007 spec.template.spec.containers[0]', 'K8S-POD-008 spec.template.spec.containers[0]']);
  });

  it('covers CronJobs and Pods, required labels and namespace PSA labels', () => {
    const d = deployment();
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', namespace: 'apps' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: (d['spec'] as Record<string, unknown>)['template'] } } },
    };
    expect(check(cron)).toEqual(['K8S-LABEL-001 spec.jobTemplate.spec.template.spec']);
    expect(check(namespace('apps', null))).toEqual(['K8S-NS-001 -']);
    expect(check(namespace('apps', 'strict'))).toEqual(['K8S-NS-001 -']);
  });

  it('honours exemptions that carry a reason, and rejects exemptions without one or with unknown ids', () => {
    const privileged = { container: { securityContext: { privileged: true } } };
    expect(check(deployment({ ...privileged, annotations: { 'policy.platform.io/exempt': 'K8S-POD-003', 'policy.platform.io/exempt-reason': 'CSI node plugin mounts devices' } }))).toEqual([]);
    expect(check(deployment({ ...privileged, annotations: { 'policy.platform.io/exempt': 'K8S-POD-003, K8S-POD-999' } }))).toEqual([
      'K8S-EXEMPT-001 metadata.annotations["policy.platform.io/exempt"]',
      'K8S-EXEMPT-002 metadata.annotations["policy.platform.io/exempt"]',
    ]);
    expect(check(deployment({ ...privileged, annotations: { 'policy.platform.io/exempt': 'K8S-POD-0031', 'policy.platform.io/exempt-reason': 'x' } }))).toEqual([
      'K8S-EXEMPT-002 metadata.annotations["policy.platform.io/exempt"]',
      'K8S-POD-003 spec.template.spec.containers[0]',
    ]);
    expect(exemptionMatchCondition('K8S-POD-003')).toContain("matches('(^|[ ,])K8S-POD-003([ ,]|$)')");
  });
});
