import { ADDONS, chartCatalogOf, chartImagesOf, podIdentityContract } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { ClusterBaselineAddon } from '@platform/k8s-baseline';
import { gitOpsTarget, renderAddonApplications } from '@platform/k8s-gitops';
import { App, Chart, Testing } from 'cdk8s';
import { FIXTURE_SIDEKICK } from './declaration';
import { FixtureSidekickAddon } from './fixture-sidekick-addon';

/**
 * docs/adding-an-addon.md, followed literally by a test-only add-on: its declaration and its folder are
 * all it takes; the registries and the rendered objects follow from them.
 */
describe('an add-on is one declaration plus one folder', () => {
  const env = fixtureEnvironment();
  const registry = [...ADDONS, FIXTURE_SIDEKICK];
  // step 5 of the guide: the environment switches the optional add-on on
  const enabledEnv = { ...env, addons: { ...env.addons, enabled: { ...env.addons.enabled, 'fixture-sidekick': true } as typeof env.addons.enabled } };

  it('joins the derived registries: catalog, image map and Pod Identity contract', () => {
    expect(chartCatalogOf(registry)['fixture-falcosidekick']).toEqual({ repoURL: 'https://falcosecurity.github.io/charts', chart: 'falcosidekick', version: '0.14.0' });
    expect(chartImagesOf(registry)['falcosidekick']).toEqual([{ path: 'image' }]);
    const contract = podIdentityContract(enabledEnv, registry);
    expect(contract.find((e) => e.id === 'fixture-sidekick')).toEqual(FIXTURE_SIDEKICK.podIdentities[0]);
    // disabled (no toggle set): no identity, so neither side creates a role, association or ServiceAccount
    expect(podIdentityContract(env, registry).map((e) => e.id)).not.toContain('fixture-sidekick');
  });

  it('renders its pinned Application, secured namespace and Pod Identity egress from the declaration', () => {
    const app = new App();
    const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
    const sidekick = new FixtureSidekickAddon(app, 'fixture-sidekick', { env: enabledEnv, dependsOn: [baseline] });
    baseline.secureNamespaces([baseline, sidekick]);
    const { waves } = renderAddonApplications(app, { gitops: gitOpsTarget(env), addons: [baseline, sidekick] });
    expect(Object.fromEntries(waves)).toEqual({ baseline: 0, 'fixture-sidekick': 1 });

    const synth = (path: string) => Testing.synth(app.node.findAll().find((c) => c instanceof Chart && (c as { outputPath?: string }).outputPath === path) as Chart);
    const [application] = synth('kubernetes/apps/fixture-sidekick.yaml');
    expect(application.spec.source).toMatchObject({ repoURL: 'https://falcosecurity.github.io/charts', chart: 'falcosidekick', targetRevision: '0.14.0' });
    expect(application.spec.source.helm.valuesObject.serviceAccount).toEqual({ create: false, name: 'fixture-sidekick' });

    const namespaces = synth('kubernetes/addons/baseline/namespaces.yaml');
    expect(namespaces.find((n) => n.metadata.name === 'fixture-sidekick')?.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const policies = synth('kubernetes/addons/baseline/network-policies.yaml').filter((p) => p.metadata.namespace === 'fixture-sidekick');
    expect(policies.map((p) => p.metadata.name)).toContain('default-deny');
    // runs as a Pod Identity: egress to the EKS Pod Identity Agent is added without being declared
    expect(JSON.stringify(policies)).toContain('169.254.170.23/32');
  });
});
