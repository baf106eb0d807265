import { join } from 'node:path';
import { CelKindTyper } from '../testing/cel-types';
import { constraintKindOf, familyGuard, policyConstraintTemplates } from './constraint-templates';
import { ConstraintEvaluator } from './gatekeeper-evaluator';
import { familiesOf, type ItemPolicy, POLICIES } from './policies';
import { POLICY_FIXTURES } from './policy-fixtures';
import { PolicyEngine } from './policy-engine';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../../shared/upstream');
const doc = (object: Record<string, unknown>) => ({ file: 'f.yaml', relPath: 'f.yaml', index: 0, object });

describe('policy fixtures', () => {
  const engine = new PolicyEngine();
  const rules = (object: Record<string, unknown>) => engine.evaluate([doc(object)]).map((f) => f.rule);

  it('exist for every policy, good and bad, and the offline engine gives the expected verdict on each', () => {
    expect(Object.keys(POLICY_FIXTURES).sort()).toEqual(POLICIES.map((p) => p.id).sort());
    for (const policy of POLICIES) {
      const { good, bad } = POLICY_FIXTURES[policy.id];
      expect(good.length).toBeGreaterThan(0);
      expect(bad.length).toBeGreaterThan(0);
      for (const o of good) expect([policy.id, rules(o).filter((r) => r === policy.id)]).toEqual([policy.id, []]);
      for (const o of bad) expect([policy.id, rules(o).includes(policy.id)]).toEqual([policy.id, true]);
    }
  });

  it('cover every pod family an item policy applies to, with a bad object of each family', () => {
    for (const policy of POLICIES.filter((p): p is ItemPolicy => p.scope !== 'object')) {
      const badKinds = new Set(POLICY_FIXTURES[policy.id].bad.map((o) => String(o['kind'])));
      for (const family of familiesOf(policy)) expect([policy.id, family.name, family.match.some((m) => m.kinds.some((k) => badKinds.has(k)))]).toEqual([policy.id, family.name, true]);
    }
  });
});

describe('policyConstraintTemplates', () => {
  const templates = policyConstraintTemplates();
  const evaluator = new ConstraintEvaluator();

  it('gives one template per policy, named after the policy, never generating a ValidatingAdmissionPolicy', () => {
    expect(templates.map((t) => t.policyId)).toEqual(POLICIES.map((p) => p.id));
    const pod001 = templates[0];
    expect(pod001).toMatchObject({ kind: 'PlatformK8sPod001', templateName: 'platformk8spod001', constraintName: 'k8s-pod-001' });
    expect(constraintKindOf('K8S-NS-001')).toBe('PlatformK8sNs001');
    expect(templates.every((t) => t.source.generateVAP === false)).toBe(true);
    // K8S-NS-001 decides its exemption in the expression, so no matchCondition skips it.
    expect(templates.find((t) => t.policyId === 'K8S-NS-001')?.source.matchCondition).toEqual([]);
    expect(templates.find((t) => t.policyId === 'K8S-LABEL-001')?.source.matchCondition).toHaveLength(1);
    expect(pod001.source.variables.map((v) => v.name)).toEqual(['podsPodSpec', 'workloadsPodSpec', 'cronjobsPodSpec']);
  });

  it('guards each family validation by its kinds', () => {
    expect(familyGuard([{ apiGroups: [''], kinds: ['Pod'] }])).toBe("((!object.apiVersion.contains('/')) && object.kind in ['Pod'])");
    expect(familyGuard([{ apiGroups: ['batch'], kinds: ['CronJob'] }])).toBe("((object.apiVersion.startsWith('batch/')) && object.kind in ['CronJob'])");
  });

  it('give the offline verdict on every good and bad fixture (policy equivalence)', () => {
    const engine = new PolicyEngine();
    const mismatches: string[] = [];
    for (const t of templates) {
      const constraint = { source: t.source, match: { kinds: t.match } };
      const { good, bad } = POLICY_FIXTURES[t.policyId];
      for (const object of [...good, ...bad]) {
        const offline = engine.evaluate([doc(object)]).some((f) => f.rule === t.policyId);
        const verdict = evaluator.verdict(constraint, object);
        if (offline === verdict.allowed) mismatches.push(`${t.policyId} ${String(object['kind'])}: offline ${offline ? 'violation' : 'allowed'}, template ${JSON.stringify(verdict)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('a template that diverges from the offline policy fails the comparison', () => {
    const t = templates.find((x) => x.policyId === 'K8S-POD-003')!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    const weakened = { ...t.source, validations: t.source.validations.map((v) => ({ ...v, expression: v.expression.replace(/privileged == false/g, 'privileged == true || true') })) };
    const bad = POLICY_FIXTURES['K8S-POD-003'].bad[0];
    expect(evaluator.verdict({ source: t.source, match: { kinds: t.match } }, bad).allowed).toBe(false);
    expect(evaluator.verdict({ source: weakened, match: { kinds: t.match } }, bad).allowed).toBe(true);
  });

  it('carry CEL that type-checks with cel-js against the schema of every kind a family validation guards (a typo cannot ship)', () => {
    const typer = new CelKindTyper(UPSTREAM, '1.34');
    const problems: string[] = [];
    let checked = 0;
    for (const t of templates) {
      const policy = POLICIES.find((p) => p.id === t.policyId)!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      const families = policy.scope === 'object' ? [{ match: policy.match }] : familiesOf(policy);
      families.forEach((family, i) => {
        for (const m of family.match) {
          for (const kind of m.kinds) {
            const env = typer.environmentOf(m.apiGroups[0], kind, t.source.variables.filter((v) => t.source.validations[i].expression.includes(`variables.${v.name}`)));
            if (!env) {
              problems.push(`${t.templateName}: no schema for ${m.apiGroups[0]}/${kind}`);
              continue;
            }
            for (const expression of [...t.source.matchCondition.map((c) => c.expression), t.source.validations[i].expression]) {
              const result = env.check(expression);
              checked++;
              if (!result.valid) problems.push(`${t.templateName} ${kind}: ${String(result.error?.message).split('\n')[0]}`);
              else if (result.type !== 'bool') problems.push(`${t.templateName} ${kind}: type ${result.type}, not bool`);
            }
          }
        }
      });
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
