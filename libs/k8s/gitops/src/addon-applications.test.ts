import { fixtureEnvironment } from '@platform/config';
import { Addon } from '@platform/k8s-core';
import { KubeConfigMap } from 'cdk8s-plus-34/lib/imports/k8s';
import { App, Testing } from 'cdk8s';
import { addonApplicationNames, addonSyncNodes } from './addon-sync-graph';
import { renderAddonApplications } from './addon-applications';

const env = fixtureEnvironment();

function manifestsAddon(app: App, name: string, dependsOn: Addon[] = []): Addon {
  const addon = new Addon(app, name, { env, name, description: name, namespace: { name }, dependsOn });
  new KubeConfigMap(addon.manifestFile('config'), 'cm', { metadata: { name, namespace: name } });
  return addon;
}

describe('renderAddonApplications', () => {
  it('fails synth with a message naming the cycle', () => {
    const app = Testing.app();
    const deps: Addon[] = [];
    const a = manifestsAddon(app, 'a', deps);
    const b = manifestsAddon(app, 'b', [a]);
    deps.push(b);
    expect(() => renderAddonApplications(app, { env, addons: [a, b] })).toThrow('dependency cycle: a -> b -> a');
  });

  it('syncs the manifests of a chart add-on one wave after its chart, and dependents after both', () => {
    const app = Testing.app();
    const operator = new Addon(app, 'operator', { env, name: 'operator', description: 'op', namespace: { name: 'op' }, chart: { key: 'tekton-operator', values: {} } });
    new KubeConfigMap(operator.manifestFile('cr'), 'cm', { metadata: { name: 'x', namespace: 'op' } });
    const user = manifestsAddon(app, 'user', [operator]);
    expect(addonApplicationNames(operator)).toEqual({ chart: 'operator', manifests: 'operator-config' });
    expect(addonSyncNodes([operator, user])).toEqual([
      { name: 'operator', dependsOn: [] },
      { name: 'operator-config', dependsOn: ['operator'] },
      { name: 'user', dependsOn: ['operator-config'] },
    ]);
    const { waves } = renderAddonApplications(app, { env, addons: [operator, user] });
    expect(Object.fromEntries(waves)).toEqual({ operator: 0, 'operator-config': 1, user: 2 });
  });

  it('rejects an add-on with neither chart nor manifests, and dependencies outside the set', () => {
    const app = Testing.app();
    const empty = new Addon(app, 'empty', { env, name: 'empty', description: 'x', namespace: { name: 'empty' } });
    expect(() => renderAddonApplications(app, { env, addons: [empty] })).toThrow('test: Addon empty: has neither a chart nor manifests');
    const outside = manifestsAddon(app, 'outside');
    const user = manifestsAddon(app, 'user', [outside]);
    expect(() => addonSyncNodes([user])).toThrow('Addon outside is a dependency but was not passed to the GitOps generator');
  });
});

describe('Addon', () => {
  it('validates its name and pod identities against the contract', () => {
    const app = Testing.app();
    expect(() => new Addon(app, 'bad', { env, name: 'Bad_Name', description: 'x', namespace: { name: 'x' } })).toThrow('test: Addon Bad_Name: name "Bad_Name" must be a DNS-1123 label');
    expect(() => new Addon(app, 'ghost', { env, name: 'ghost', description: 'x', namespace: { name: 'x' }, podIdentities: ['ghost'] })).toThrow('unknown contract entry "ghost"');
    expect(() => new Addon(app, 'wrong-ns', { env, name: 'wrong-ns', description: 'x', namespace: { name: 'x' }, podIdentities: ['karpenter'] })).toThrow(
      'entry "karpenter" is in namespace "karpenter", which the add-on does not declare (x)',
    );
  });

  it('resolves chart coordinates through the catalog with per-environment overrides', () => {
    const app = Testing.app();
    const staged = fixtureEnvironment({ addons: { chartVersions: { karpenter: '1.15.0' } } });
    const addon = new Addon(app, 'k', { env: staged, name: 'k', description: 'x', namespace: { name: 'k' }, chart: { key: 'karpenter', values: {} } });
    expect(addon.chart?.coordinates).toEqual({ repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter', version: '1.15.0' });
  });
});
