import { fixtureEnvironment } from '@platform/config/testing';
import { Addon } from '@platform/k8s-core';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { ClusterBaselineAddon } from './cluster-baseline-addon';
import { PlatformNamespace } from './platform-namespace';

const env = fixtureEnvironment();

describe('ClusterBaselineAddon', () => {
  it('refuses two add-ons sharing a namespace without pod selectors', () => {
    const app = Testing.app();
    const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
    const a = new Addon(app, 'a', { env, declaration: testDeclaration('a', { chart: 'external-dns' }), namespace: { name: 'shared' }, chart: { values: {} } });
    const b = new Addon(app, 'b', { env, declaration: testDeclaration('b', { chart: 'external-dns' }), namespace: { name: 'shared' }, chart: { values: {} } });
    expect(() => baseline.secureNamespaces([a, b])).toThrow('test: namespace "shared" is shared by add-ons a and b; each must set podSelector');
  });

  it('refuses conflicting Pod Security declarations', () => {
    const app2 = Testing.app();
    const baseline2 = new ClusterBaselineAddon(app2, 'baseline', { env });
    const p = new Addon(app2, 'p', { env, declaration: testDeclaration('p', { chart: 'external-dns' }), namespace: { name: 'ns', podSelector: { x: 'p' } }, chart: { values: {} } });
    const q = new Addon(app2, 'q', {
      env,
      declaration: testDeclaration('q', { chart: 'external-dns' }),
      namespace: { name: 'ns', podSelector: { x: 'q' }, podSecurity: { level: 'baseline', reason: 'needs NET_RAW for ICMP probes' } },
      chart: { values: {} },
    });
    expect(() => baseline2.secureNamespaces([p, q])).toThrow('namespace "ns" is declared differently by add-ons p and q');
  });

  it('renders the declared Namespace labels, and refuses two add-ons declaring different labels', () => {
    const app = Testing.app();
    const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
    const a = new Addon(app, 'a', { env, declaration: testDeclaration('a', { chart: 'external-dns' }), namespace: { name: 'ns', labels: { 'operator.tekton.dev/disable-proxy': 'true' } }, chart: { values: {} } });
    baseline.secureNamespaces([a]);
    const ns = app.charts.flatMap((c) => c.toJson() as { kind: string; metadata: { name: string; labels: Record<string, string> } }[]).find((o) => o.kind === 'Namespace' && o.metadata.name === 'ns');
    expect(ns?.metadata.labels).toMatchObject({ 'operator.tekton.dev/disable-proxy': 'true', 'platform.io/addon': 'a', 'pod-security.kubernetes.io/enforce': 'restricted' });

    const app2 = Testing.app();
    const baseline2 = new ClusterBaselineAddon(app2, 'baseline', { env });
    const p = new Addon(app2, 'p', { env, declaration: testDeclaration('p', { chart: 'external-dns' }), namespace: { name: 'ns', podSelector: { x: 'p' }, labels: { l: '1' } }, chart: { values: {} } });
    const q = new Addon(app2, 'q', { env, declaration: testDeclaration('q', { chart: 'external-dns' }), namespace: { name: 'ns', podSelector: { x: 'q' } }, chart: { values: {} } });
    expect(() => baseline2.secureNamespaces([p, q])).toThrow('(managedBy/podSecurity/labels must match)');
  });
});

describe('PlatformNamespace', () => {
  it('requires a reason for a Pod Security exception and records it', () => {
    const chart = Testing.chart();
    expect(() => new PlatformNamespace(chart, 'x', { environment: env.name, kubernetesVersion: env.cluster.version, name: 'x', podSecurity: { level: 'privileged', reason: '' } })).toThrow('test: PlatformNamespace x: podSecurity.reason "" must explain the privileged exception');
    new PlatformNamespace(chart, 'y', { environment: env.name, kubernetesVersion: env.cluster.version, name: 'y', podSecurity: { level: 'baseline', reason: 'needs NET_BIND_SERVICE on port 53' } });
    const [ns] = Testing.synth(chart) as { metadata: { labels: Record<string, string>; annotations: Record<string, string> } }[];
    expect(ns?.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(ns?.metadata.annotations['platform.io/psa-exception-reason']).toBe('needs NET_BIND_SERVICE on port 53');
  });
});
