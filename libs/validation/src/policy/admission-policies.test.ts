import { join } from 'node:path';
import { SchemaRegistry } from '../kubernetes/schema-registry';
import { validateObjects } from '../kubernetes/validate-objects';
import { CelKindTyper } from '../testing/cel-types';
import { admissionPolicyObjects } from './admission-policies';
import { familiesOf, familyExpression } from './family-expressions';
import { POD_FAMILIES } from './pod-families';
import { type ItemPolicy, POLICIES } from './policies';

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

  it('carry CEL that type-checks with cel-js against the schema of every kind they match (a typo cannot ship)', () => {
    const typer = new CelKindTyper(UPSTREAM, '1.34');
    const problems: string[] = [];
    let checked = 0;
    for (const policy of objects.filter((o) => o['kind'] === 'ValidatingAdmissionPolicy')) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const spec = policy['spec'] as Record<string, any>;
      const name = (policy['metadata'] as Record<string, string>)['name'];
      for (const rule of spec.matchConstraints.resourceRules as { apiGroups: string[]; resources: string[] }[]) {
        for (const resource of rule.resources) {
          const kind = POLICY_KINDS.get(`${rule.apiGroups[0]}/${resource}`);
          const env = kind ? typer.environmentOf(rule.apiGroups[0], kind, spec.variables ?? []) : undefined;
          if (!kind || !env) {
            problems.push(`${name}: no schema for ${rule.apiGroups[0]}/${resource}`);
            continue;
          }
          const expressions: string[] = [
            ...(spec.variables ?? []).map((v: { expression: string }) => v.expression),
            ...(spec.matchConditions ?? []).map((m: { expression: string }) => m.expression),
            ...spec.validations.map((v: { expression: string }) => v.expression),
          ];
          for (const expression of expressions) {
            const result = env.check(expression);
            checked++;
            if (!result.valid) problems.push(`${name} ${kind}: ${String(result.error?.message).split('\n')[0]}`);
            else if (result.type !== 'bool' && !(spec.variables ?? []).some((v: { expression: string }) => v.expression === expression)) problems.push(`${name} ${kind}: type ${result.type}, not bool`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('type-checking catches a misspelled field and a wrong comparison', () => {
    const typer = new CelKindTyper(UPSTREAM, '1.34');
    const env = typer.environmentFor(typer.schemaOf('apps', 'Deployment') as Record<string, unknown>, [{ name: 'podSpec', expression: 'object.spec.template.spec' }]);
    expect(env.check('variables.podSpec.containers.all(c, c.securityContext.privileged == false)').valid).toBe(true);
    expect(env.check('variables.podSpec.containers.all(c, c.securityContext.privilegd == false)').valid).toBe(false);
    expect(env.check("variables.podSpec.hostNetwork == 'false'").valid).toBe(false);
    const task = typer.environmentFor(typer.schemaOf('tekton.dev', 'Task') as Record<string, unknown>);
    expect(task.check('object.spec.steps.all(s, s.computeResources.requests.size() > 0)').valid).toBe(true);
    expect(task.check('object.spec.steps.all(s, s.resources.requests.size() > 0)').valid).toBe(false);
  });
});

/** Resource (lower-case plural) -> kind, for the kinds the policies match. */
const POLICY_KINDS = new Map<string, string>(
  [...new Set([...POD_FAMILIES.flatMap((f) => f.match), ...POLICIES.flatMap((p) => (p.scope === 'object' ? p.match : []))].flatMap((m) => m.apiGroups.flatMap((g) => m.kinds.map((k) => `${g}\u0000${k}`))))].map((gk) => {
    const [group, kind] = gk.split('\u0000');
    return [`${group}/${kind.toLowerCase()}s`, kind];
  }),
);
