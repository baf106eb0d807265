import { CLUSTER_POD_IDENTITIES, podIdentityContract } from '../contract';
import { fixtureEnvironment, fixtureInput } from '../testing/fixture-environment';
import { issuesOf } from '../testing/config-issues';
import type { AddonDeclaration } from './addon-declaration';
import { ADDONS, OPTIONAL_ADDON_NAMES } from './registry';

const declarations = ADDONS as readonly AddonDeclaration[];

describe('add-on registry', () => {
  it('has unique DNS-1123 names, chart keys, chart names, identity ids and service accounts', () => {
    const unique = (xs: readonly string[]) => expect(new Set(xs).size).toBe(xs.length);
    unique(declarations.map((a) => a.name));
    for (const a of declarations) expect(a.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/);
    unique(declarations.flatMap((a) => (a.chart ? [a.chart.key] : [])));
    // a chart name may back several add-ons (one Helm release each) only with one repo, version and image list
    const byChart = new Map<string, string>();
    for (const a of declarations) {
      if (!a.chart) continue;
      const shape = JSON.stringify([a.chart.repoURL, a.chart.version, a.chart.images]);
      expect([a.chart.chart, byChart.get(a.chart.chart) ?? shape]).toEqual([a.chart.chart, shape]);
      byChart.set(a.chart.chart, shape);
    }
    const identities = [...CLUSTER_POD_IDENTITIES, ...declarations.flatMap((a) => a.podIdentities ?? [])];
    unique(identities.map((e) => e.id));
    unique(identities.map((e) => `${e.namespace}/${e.serviceAccount}`));
  });

  it('only requires add-ons that exist', () => {
    const names = new Set(declarations.map((a) => a.name));
    for (const a of declarations) for (const r of a.requires ?? []) expect({ addon: a.name, requires: r, known: names.has(r) }).toEqual({ addon: a.name, requires: r, known: true });
  });

  it('lists every optional add-on as a key of addons.enabled', () => {
    expect(OPTIONAL_ADDON_NAMES).toEqual(declarations.filter((a) => a.optional).map((a) => a.name));
  });
});

describe('podIdentityContract', () => {
  it('holds the EKS managed identities and those of the enabled add-ons only', () => {
    const all = podIdentityContract(fixtureEnvironment());
    expect(all.map((e) => e.id)).toEqual(['ebs-csi', 'karpenter', 'aws-load-balancer-controller', 'external-dns', 'image-builder', 'alertmanager', 'mimir', 'loki', 'velero']);
    const noBuilds = podIdentityContract(fixtureEnvironment({ addons: { enabled: { 'tekton-operator': true, 'tekton-builds': false } } }));
    expect(noBuilds.map((e) => e.id)).not.toContain('image-builder');
  });
});

describe('addons.enabled schema', () => {
  it('rejects an enabled add-on whose required add-on is disabled, naming both and the fix', () => {
    const lines = issuesOf(fixtureInput({ addons: { enabled: { 'tekton-operator': false, 'tekton-builds': true } } }));
    expect(lines).toContain('test: addons.enabled.tekton-builds: tekton-builds requires tekton-operator; set addons.enabled.tekton-operator: true or addons.enabled.tekton-builds: false');
  });

  it('rejects a missing or unknown toggle', () => {
    expect(issuesOf(fixtureInput({ addons: { enabled: { 'tekton-operator': true, 'tekton-builds': true, kyverno: true } } })).join('\n')).toMatch(/addons\.enabled: unknown key "kyverno"; valid keys here: .*tekton-builds/);
    const input = structuredClone(fixtureInput()) as { addons: { enabled: Record<string, boolean> } };
    delete input.addons.enabled['tekton-builds'];
    expect(issuesOf(input).join('\n')).toMatch(/addons\.enabled\.tekton-builds: /);
  });
});
