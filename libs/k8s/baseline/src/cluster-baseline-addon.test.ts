import { fixtureEnvironment } from '@platform/config';
import { Addon } from '@platform/k8s-core';
import { Testing } from 'cdk8s';
import { ClusterBaselineAddon } from './cluster-baseline-addon';
import { PlatformNamespace } from './platform-namespace';

const env = fixtureEnvironment();

describe('ClusterBaselineAddon', () => {
  it('refuses two add-ons sharing a namespace without pod selectors', () => {
    const app = Testing.app();
    const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
    const a = new Addon(app, 'a', { env, name: 'a', description: 'a', namespace: { name: 'shared' }, chart: { key: 'external-dns', values: {} } });
    const b = new Addon(app, 'b', { env, name: 'b', description: 'b', namespace: { name: 'shared' }, chart: { key: 'external-dns', values: {} } });
    expect(() => baseline.secureNamespaces([a, b])).toThrow('test: namespace "shared" is shared by add-ons a and b; each must set podSelector');
  });

  it('refuses conflicting Pod Security declarations and tenant collisions', () => {
    const app = Testing.app();
    const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
    const a = new Addon(app, 'a', { env, name: 'a', description: 'a', namespace: { name: 'team-a', podSelector: { x: 'a' } }, chart: { key: 'external-dns', values: {} } });
    expect(() => baseline.secureNamespaces([a])).toThrow('tenants: namespace "team-a" is reserved by add-ons a');
    const app2 = Testing.app();
    const baseline2 = new ClusterBaselineAddon(app2, 'baseline', { env });
    const p = new Addon(app2, 'p', { env, name: 'p', description: 'p', namespace: { name: 'ns', podSelector: { x: 'p' } }, chart: { key: 'external-dns', values: {} } });
    const q = new Addon(app2, 'q', {
      env,
      name: 'q',
      description: 'q',
      namespace: { name: 'ns', podSelector: { x: 'q' }, podSecurity: { level: 'baseline', reason: 'needs NET_RAW for ICMP probes' } },
      chart: { key: 'external-dns', values: {} },
    });
    expect(() => baseline2.secureNamespaces([p, q])).toThrow('namespace "ns" is declared differently by add-ons p and q');
  });

  it('renders the declared Namespace labels, and refuses two add-ons declaring different labels', () => {
    const app = Testing.app();
    const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
    const a = new Addon(app, 'a', { env, name: 'a', description: 'a', namespace: { name: 'ns', labels: { 'operator.tekton.dev/disable-proxy': 'true' } }, chart: { key: 'external-dns', values: {} } });
    baseline.secureNamespaces([a]);
    const ns = app.charts.flatMap((c) => c.toJson() as { kind: string; metadata: { name: string; labels: Record<string, string> } }[]).find((o) => o.kind === 'Namespace' && o.metadata.name === 'ns');
    expect(ns?.metadata.labels).toMatchObject({ 'operator.tekton.dev/disable-proxy': 'true', 'platform.io/addon': 'a', 'pod-security.kubernetes.io/enforce': 'restricted' });

    const app2 = Testing.app();
    const baseline2 = new ClusterBaselineAddon(app2, 'baseline', { env });
    const p = new Addon(app2, 'p', { env, name: 'p', description: 'p', namespace: { name: 'ns', podSelector: { x: 'p' }, labels: { l: '1' } }, chart: { key: 'external-dns', values: {} } });
    const q = new Addon(app2, 'q', { env, name: 'q', description: 'q', namespace: { name: 'ns', podSelector: { x: 'q' } }, chart: { key: 'external-dns', values: {} } });
    expect(() => baseline2.secureNamespaces([p, q])).toThrow('(managedBy/podSecurity/labels must match)');
  });
});

describe('PlatformNamespace', () => {
  it('requires a reason for a Pod Security exception and records it', () => {
    const chart = Testing.chart();
    expect(() => new PlatformNamespace(chart, 'x', { env, name: 'x', podSecurity: { level: 'privileged', reason: '' } })).toThrow('test: PlatformNamespace x: podSecurity.reason "" must explain the privileged exception');
    new PlatformNamespace(chart, 'y', { env, name: 'y', podSecurity: { level: 'baseline', reason: 'needs NET_BIND_SERVICE on port 53' } });
    const [ns] = Testing.synth(chart) as { metadata: { labels: Record<string, string>; annotations: Record<string, string> } }[];
    expect(ns?.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(ns?.metadata.annotations['platform.io/psa-exception-reason']).toBe('needs NET_BIND_SERVICE on port 53');
  });
});
