import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { K8sDocument } from '../dist-tree';
import { deployment, nodePool } from '../testing/fixtures';
import { type SchemaHandle, SchemaRegistry, walkYaml } from './schema-registry';
import { validateObjects } from './validate-objects';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../../shared/upstream');

describe('validateObjects', () => {
  const registry = new SchemaRegistry({ upstreamDir: UPSTREAM, kubeVersion: '1.34' });
  const doc = (object: Record<string, unknown>): K8sDocument => ({ file: 'f.yaml', relPath: 'kubernetes/f.yaml', index: 0, object });
  const check = (object: Record<string, unknown>) => validateObjects([doc(object)], registry).map((f) => `${f.rule} ${f.path} ${f.message}`);

  it('accepts valid core and custom resources', () => {
    expect(check(deployment())).toEqual([]);
    expect(check(nodePool())).toEqual([]);
  });

  it('rejects wrong types, missing required fields and invalid quantities in core kinds', () => {
    const d = deployment({ container: { ports: [{ containerPort: '80' }], resources: { requests: { cpu: '1x', memory: '1Gi' }, limits: { memory: '2Gi' } } } });
    delete ((d['spec'] as Record<string, unknown>)['selector']);
    expect(check(d)).toEqual([
      'K8S-SCHEMA-003 spec.selector missing required field "selector"',
      'K8S-SCHEMA-002 spec.template.spec.containers[0].ports[0].containerPort must be integer, got "80"',
      'K8S-QTY-001 spec.template.spec.containers[0].resources.requests.cpu "1x" is not a valid quantity (e.g. 500m, 1, 256Mi, 1Gi)',
    ]);
  });

  it('rejects invalid quantities and enum values in custom resources', () => {
    const np = nodePool();
    (np['spec'] as Record<string, unknown>)['limits'] = { cpu: '10 cores' };
    ((np['spec'] as Record<string, unknown>)['disruption'] as Record<string, unknown>)['consolidationPolicy'] = 'Sometimes';
    expect(check(np)).toEqual([
      'K8S-SCHEMA-004 spec.disruption.consolidationPolicy "Sometimes" must be one of: "WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced"',
      'K8S-QTY-001 spec.limits.cpu "10 cores" is not a valid quantity (e.g. 500m, 1, 256Mi, 1Gi)',
    ]);
  });

  it('evaluates the CRD CEL rules cel-js supports (NodePool: karpenter.sh/nodepool is a restricted requirement key)', () => {
    const np = nodePool();
    const template = ((np['spec'] as Record<string, unknown>)['template'] as Record<string, Record<string, unknown>>)['spec'];
    template['requirements'] = [
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
      { key: 'karpenter.sh/nodepool', operator: 'In', values: ['general'] },
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: [] },
    ];
    const used = new Set<SchemaHandle>();
    const found = validateObjects([doc(np)], registry, used).map((f) => `${f.rule} ${f.path} ${f.message}`);
    expect(found).toEqual([
      'K8S-SCHEMA-005 spec.template.spec.requirements requirements with operator \'In\' must have a value defined',
      'K8S-SCHEMA-005 spec.template.spec.requirements[1].key label "karpenter.sh/nodepool" is restricted',
    ]);
    // Rules using Kubernetes CEL extensions cel-js lacks (regex find()) are skipped and counted, as are oldSelf rules.
    const stats = [...used][0].celStats;
    expect(stats?.supported).toBeGreaterThan(0);
    expect(stats?.extension).toBeGreaterThan(0);
    expect(stats?.transition).toBeGreaterThan(0);
    expect(check(nodePool())).toEqual([]);
  });

  it('rejects invalid names, label keys and values, and container names', () => {
    const d = deployment({ container: { name: 'Web_1' } });
    const meta = d['metadata'] as Record<string, unknown>;
    meta['name'] = 'Web';
    meta['labels'] = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'platform', 'bad key!': 'x', team: 'has spaces' };
    expect(check(d)).toEqual([
      'K8S-NAME-001 metadata.name "Web" is not a valid RFC 1123 subdomain (lowercase alphanumerics, \'-\' and \'.\', start and end alphanumeric)',
      'K8S-META-001 metadata.labels["bad key!"] key "bad key!": name part must be 1-63 alphanumerics, \'-\', \'_\' or \'.\', starting and ending alphanumeric',
      'K8S-META-001 metadata.labels.team label value "has spaces" must be at most 63 alphanumerics, \'-\', \'_\' or \'.\', starting and ending alphanumeric',
      'K8S-NAME-001 spec.template.spec.containers[0].name "Web_1" is not a valid RFC 1123 label (lowercase alphanumerics and \'-\', start and end alphanumeric)',
    ]);
  });

  it('reports kinds without a schema instead of skipping them', () => {
    expect(check({ apiVersion: 'example.test/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      `K8S-SCHEMA-000 - no schema for example.test/v1/Widget (no CRD for example.test Widget in ${join(UPSTREAM, 'crds')}; add it to the reference data)`,
    ]);
    expect(check({ apiVersion: 'karpenter.sh/v1beta9', kind: 'NodePool', metadata: { name: 'w' } })).toEqual([
      'K8S-SCHEMA-000 - no schema for karpenter.sh/v1beta9/NodePool (the CRD serves v1)',
    ]);
  });

  it('validates instances of CRDs rendered in the tree, and flags duplicates and CDK tokens', () => {
    const local = new SchemaRegistry({ upstreamDir: UPSTREAM, kubeVersion: '1.34' });
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.test' },
      spec: {
        group: 'example.test',
        names: { kind: 'Gadget', plural: 'gadgets', singular: 'gadget', listKind: 'GadgetList' },
        scope: 'Cluster',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
      },
    };
    const gadget = { apiVersion: 'example.test/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { size: 1, colour: '${Token[TOKEN.12]}' } };
    const findings = validateObjects([doc(crd), doc(gadget), doc(gadget)], local).map((f) => `${f.rule} ${f.path}`);
    expect(findings).toEqual(['K8S-SCHEMA-001 spec.colour', 'K8S-OBJ-002 spec.colour', 'K8S-SCHEMA-001 spec.colour', 'K8S-OBJ-002 spec.colour', 'K8S-OBJ-001 metadata.name']);
  });
});

describe('walkYaml', () => {
  it('orders files by code units, not by locale (upper case before lower case, ASCII before accents)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'walk-'));
    for (const name of ['b.yaml', 'B.yaml', 'a.yaml', 'ä.yaml', 'notes.txt']) writeFileSync(join(dir, name), '');
    expect(walkYaml(dir).map((f) => basename(f))).toEqual(['B.yaml', 'a.yaml', 'b.yaml', 'ä.yaml']);
  });
});
