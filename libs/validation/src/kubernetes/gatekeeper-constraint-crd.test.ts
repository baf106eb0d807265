import { join } from 'node:path';
import { constraintCrdOf } from './gatekeeper-constraint-crd';
import { SchemaRegistry } from './schema-registry';
import { validateObjects } from './validate-objects';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../../shared/upstream');

const template = {
  apiVersion: 'templates.gatekeeper.sh/v1',
  kind: 'ConstraintTemplate',
  metadata: { name: 'platformk8spod003' },
  spec: {
    crd: { spec: { names: { kind: 'PlatformK8sPod003' } } },
    targets: [{ target: 'admission.k8s.gatekeeper.sh', code: [{ engine: 'K8sNativeValidation', source: { validations: [{ expression: 'true', message: 'm' }] } }] }],
  },
};
const constraint = (spec: Record<string, unknown>) => ({ apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'PlatformK8sPod003', metadata: { name: 'k8s-pod-003' }, spec });

describe('constraint CRDs derived from ConstraintTemplates', () => {
  const check = (...objects: Record<string, unknown>[]) =>
    validateObjects(
      objects.map((object, index) => ({ file: 'gk.yaml', relPath: 'gk.yaml', index, object })),
      new SchemaRegistry({ upstreamDir: UPSTREAM, kubeVersion: '1.34' }),
    ).map((f) => `${f.rule} ${f.path}`);

  it('names the CRD Gatekeeper creates (cluster-scoped, constraints.gatekeeper.sh, kind from the template)', () => {
    expect(constraintCrdOf(template)).toMatchObject({ metadata: { name: 'platformk8spod003.constraints.gatekeeper.sh' }, spec: { group: 'constraints.gatekeeper.sh', scope: 'Cluster', names: { kind: 'PlatformK8sPod003' } } });
    expect(constraintCrdOf({ ...template, spec: {} })).toBeUndefined();
  });

  it('validates a Constraint against the template in the same tree, and reports a wrong match or a Constraint without template', () => {
    expect(check(template, constraint({ enforcementAction: 'deny', match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], excludedNamespaces: ['kube-system'] } }))).toEqual([]);
    expect(check(template, constraint({ enforcementAction: 'deny', match: { kind: [{ apiGroups: [''], kinds: ['Pod'] }], excludedNamespaces: ['Kube_System'] } }))).toEqual([
      'K8S-SCHEMA-001 spec.match.kind',
      'K8S-SCHEMA-004 spec.match.excludedNamespaces[0]',
    ]);
    expect(check(constraint({ enforcementAction: 'deny' }))[0]).toBe('K8S-SCHEMA-000 -');
  });
});
