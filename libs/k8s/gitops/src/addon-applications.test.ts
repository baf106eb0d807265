import { KARPENTER, TEKTON_BUILDS } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { Addon } from '@platform/k8s-core';
import { testDeclaration } from '@platform/k8s-core/testing';
import { KubeConfigMap } from '@platform/k8s-imports/k8s';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { addonApplicationName, addonSyncNodes } from './addon-sync-graph';
import { renderAddonApplications } from './addon-applications';
import { gitOpsTarget } from './gitops-target';

const env = fixtureEnvironment();

function manifestsAddon(app: App, name: string, dependsOn: Addon[] = []): Addon {
  const addon = new Addon(app, name, { env, declaration: testDeclaration(name), namespace: { name }, dependsOn });
  new KubeConfigMap(addon.manifestFile('config'), 'cm', { metadata: { name, namespace: name } });
  return addon;
}

describe('renderAddonApplications', () => {
  it('fails synth with a message naming the cycle', () => {
    const app = Testing.app();
    const a = manifestsAddon(app, 'a');
    const b = manifestsAddon(app, 'b', [a]);
    a.addDependency(b);
    expect(() => renderAddonApplications(app, { gitops: gitOpsTarget(env), addons: [a, b] })).toThrow('dependency cycle: a -> b -> a');
  });

  it('renders ONE multi-source Application per chart add-on with manifests, custom resources after the chart', () => {
    const app = Testing.app();
    const operator = new Addon(app, 'operator', { env, declaration: testDeclaration('operator', { chart: 'tekton-operator' }), namespace: { name: 'op' }, chart: { values: { a: 1 } } });
    new ApiObject(operator.manifestFile('cr'), 'cr', { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' } });
    const user = manifestsAddon(app, 'user', [operator]);
    expect(addonApplicationName(operator)).toBe('operator');
    expect(addonSyncNodes([operator, user])).toEqual([
      { name: 'operator', dependsOn: [] },
      { name: 'user', dependsOn: ['operator'] },
    ]);
    const { waves } = renderAddonApplications(app, { gitops: gitOpsTarget(env), addons: [operator, user] });
    expect(Object.fromEntries(waves)).toEqual({ operator: 0, user: 1 });

    const [application] = operator.node.scope?.node.findAll().filter((c) => c instanceof Chart && (c as { outputPath?: string }).outputPath === 'kubernetes/apps/operator.yaml').map((c) => Testing.synth(c as Chart)) ?? [];
    expect(application).toHaveLength(1);
    const spec = application?.[0].spec;
    expect(spec.source).toBeUndefined();
    expect(spec.sources).toEqual([
      { repoURL: 'ghcr.io/tektoncd/operator/charts', chart: 'tekton-operator', targetRevision: '0.81.1', helm: { releaseName: 'operator', valuesObject: { a: 1 } } },
      { repoURL: env.gitops.repoUrl, targetRevision: 'main', path: 'clusters/test/kubernetes/addons/operator', directory: { recurse: false } },
    ]);
    expect(spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
    expect(spec.syncPolicy.retry.limit).toBe(10);
    const [cr] = Testing.synth(operator.manifestCharts[0] as Chart);
    expect(cr.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1' });
  });

  it('keeps a plain sync policy for Applications without custom resources, and drops the finalizer when cascadeDelete is false', () => {
    const app = Testing.app();
    const plain = manifestsAddon(app, 'plain');
    const kept = new Addon(app, 'kept', { env, declaration: testDeclaration('kept', { chart: 'external-dns' }), namespace: { name: 'kept' }, chart: { values: {} }, cascadeDelete: false });
    renderAddonApplications(app, { gitops: gitOpsTarget(env), addons: [plain, kept] });
    const synthOf = (file: string) => Testing.synth(app.node.findAll().find((c) => c instanceof Chart && (c as { outputPath?: string }).outputPath === file) as Chart)[0];
    const p = synthOf('kubernetes/apps/plain.yaml');
    expect(p.spec.syncPolicy.syncOptions).not.toContain('SkipDryRunOnMissingResource=true');
    expect(p.spec.syncPolicy.retry.limit).toBe(5);
    expect(p.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(synthOf('kubernetes/apps/kept.yaml').metadata.finalizers).toBeUndefined();
  });

  it('rejects an add-on with neither chart nor manifests, and dependencies outside the set', () => {
    const app = Testing.app();
    const empty = new Addon(app, 'empty', { env, declaration: testDeclaration('empty'), namespace: { name: 'empty' } });
    expect(() => renderAddonApplications(app, { gitops: gitOpsTarget(env), addons: [empty] })).toThrow('test: Addon empty: has neither a chart nor manifests');
    const reserved = manifestsAddon(Testing.app(), 'projects');
    expect(() => renderAddonApplications(Testing.app(), { gitops: gitOpsTarget(env), addons: [reserved] })).toThrow('add-on name "projects" is reserved');
    const outside = manifestsAddon(app, 'outside');
    const user = manifestsAddon(app, 'user', [outside]);
    expect(() => addonSyncNodes([user])).toThrow('Addon outside is a dependency but was not passed to the GitOps generator');
  });
});

describe('Addon', () => {
  it('validates its name and pod identities against the contract', () => {
    const app = Testing.app();
    expect(() => new Addon(app, 'bad', { env, declaration: testDeclaration('Bad_Name'), namespace: { name: 'x' } })).toThrow('test: Addon Bad_Name: name "Bad_Name" must be a DNS-1123 label');
    expect(() => new Addon(app, 'wrong-ns', { env, declaration: testDeclaration('wrong-ns', { podIdentities: KARPENTER.podIdentities }), namespace: { name: 'x' } })).toThrow(
      'entry "karpenter" is in namespace "karpenter", which the add-on does not declare (x)',
    );
  });

  it('refuses a registered add-on that the environment disables, naming the toggle', () => {
    const off = fixtureEnvironment({ addons: { enabled: { 'tekton-operator': true, 'tekton-builds': false } } });
    expect(() => new Addon(Testing.app(), 'tb', { env: off, declaration: TEKTON_BUILDS, namespace: { name: 'tekton-builds' } })).toThrow(
      'test: Addon tekton-builds: is disabled (addons.enabled.tekton-builds: false); do not compose it, or set addons.enabled.tekton-builds: true',
    );
  });

  it('requires chart values exactly when the declaration pins a chart', () => {
    expect(() => new Addon(Testing.app(), 'c', { env, declaration: testDeclaration('c', { chart: 'karpenter' }), namespace: { name: 'c' } })).toThrow('chart: the declaration pins chart karpenter, so chart values are required');
    expect(() => new Addon(Testing.app(), 'n', { env, declaration: testDeclaration('n'), namespace: { name: 'n' }, chart: { values: {} } })).toThrow('chart: the declaration has no chart');
  });

  it('resolves chart coordinates through the catalog with per-environment overrides', () => {
    const app = Testing.app();
    const staged = fixtureEnvironment({ addons: { chartVersions: { karpenter: '1.15.0' } } });
    const addon = new Addon(app, 'k', { env: staged, declaration: testDeclaration('k', { chart: 'karpenter' }), namespace: { name: 'k' }, chart: { values: {} } });
    expect(addon.chart?.coordinates).toEqual({ repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter', version: '1.15.0' });
  });
});
