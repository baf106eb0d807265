import { loadDistTree } from '../dist-tree';
import { PolicyEngine } from '../policy/policy-engine';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { SECRET_RULES, validateSecrets } from './validate-secrets';

const ENV = 'dev';
const tree = (files: Record<string, FixtureFile>) => loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');
const secret = (extra: Record<string, unknown> = {}, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'apps', ...(annotations ? { annotations } : {}) },
  type: 'Opaque',
  ...extra,
});
const findingsOf = (object: Record<string, unknown>) => validateSecrets(tree({ 'kubernetes/addons/app/secret.yaml': { yaml: [object] } }).objects);

describe('validateSecrets (K8S-SECRET-001)', () => {
  it('fails a rendered Secret with data, naming the field and the fix', () => {
    const findings = findingsOf(secret({ data: { password: 'aHVudGVyMg==' } }));
    expect(findings).toEqual([expect.objectContaining({ rule: SECRET_RULES.inlineData, path: 'data', object: 'v1/Secret apps/db' })]);
    expect(findings[0].message).toContain('ExternalSecret');
  });

  it('fails stringData, and an empty data map too (the field itself is the leak channel)', () => {
    expect(findingsOf(secret({ stringData: { password: 'hunter2' } })).map((f) => f.path)).toEqual(['stringData']);
    expect(findingsOf(secret({ data: {}, stringData: { a: 'b' } })).map((f) => f.path)).toEqual(['data', 'stringData']);
  });

  it('passes a Secret without values and any other kind with a data field (ConfigMap)', () => {
    expect(findingsOf(secret())).toEqual([]);
    expect(findingsOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'apps' }, data: { a: 'b' } })).toEqual([]);
  });

  it('honours the exemption annotations only with a reason', () => {
    expect(findingsOf(secret({ data: { ca: 'Zm9v' } }, { 'policy.platform.io/exempt': 'K8S-SECRET-001', 'policy.platform.io/exempt-reason': 'public CA bundle' }))).toEqual([]);
    expect(findingsOf(secret({ data: { ca: 'Zm9v' } }, { 'policy.platform.io/exempt': 'K8S-SECRET-001' })).map((f) => f.rule)).toEqual([SECRET_RULES.inlineData]);
    expect(findingsOf(secret({ data: { ca: 'Zm9v' } }, { 'policy.platform.io/exempt': 'K8S-POD-001', 'policy.platform.io/exempt-reason': 'other rule' })).map((f) => f.rule)).toEqual([SECRET_RULES.inlineData]);
  });

  it('is a known id for the exemption annotation (no K8S-EXEMPT-002)', () => {
    const docs = tree({ 'kubernetes/addons/app/secret.yaml': { yaml: [secret({ data: { ca: 'Zm9v' } }, { 'policy.platform.io/exempt': 'K8S-SECRET-001', 'policy.platform.io/exempt-reason': 'public CA bundle' })] } }).objects;
    expect(new PolicyEngine().evaluate(docs).filter((f) => f.rule.startsWith('K8S-EXEMPT'))).toEqual([]);
  });
});
