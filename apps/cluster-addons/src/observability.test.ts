/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk the rendered YAML structurally */
import { DATA_SERVICES_FIXTURE, fixtureEnvironment, SECURITY_ADDONS_ENABLED } from '@platform/config/testing';
import { Testing } from 'cdk8s';
import { buildClusterAddons } from './addons-app';
import { applicationNamed, chartValuesOf, renderTree } from './testing/rendered-cluster-addons';

type Patch = Parameters<typeof fixtureEnvironment>[0];
const withTempo = (): ReturnType<typeof fixtureEnvironment> => fixtureEnvironment({ addons: { enabled: { 'tempo-distributed': true } } } as Patch);
const kafka = { bootstrap: { namespace: 'kafka', service: 'traces-kafka-bootstrap', port: 9092 } };

describe('observability composition: Tempo and its Kafka queue (ADR 0034)', () => {
  it('without Tempo, Alloy takes metrics only and nothing renders tempo-distributed', () => {
    const { addons } = buildClusterAddons(Testing.app(), fixtureEnvironment());
    expect(addons.map((a) => a.addonName)).not.toContain('tempo-distributed');
    const alloy = addons.find((a) => a.addonName === 'alloy');
    expect(JSON.stringify(alloy?.chart?.values)).not.toContain('otelcol.exporter.otlp');
  });

  it('refuses Tempo without a traces Kafka, naming the field and the fix', () => {
    expect(() => buildClusterAddons(Testing.app(), withTempo())).toThrow(/addons\.enabled\.tempo-distributed is true but no traces Kafka is composed.*set it to false/);
  });

  it('with the Kafka, composes Tempo before Alloy and exports the sampled traces to its distributor', () => {
    const { addons, waves } = buildClusterAddons(Testing.app(), withTempo(), { tracesKafka: kafka });
    const tempo = addons.find((a) => a.addonName === 'tempo-distributed');
    expect(tempo).toBeDefined();
    expect(waves.get('tempo-distributed')).toBeLessThan(waves.get('alloy') ?? -1);
    const alloy = JSON.stringify(addons.find((a) => a.addonName === 'alloy')?.chart?.values);
    expect(alloy).toContain('tempo-distributor.tempo.svc.cluster.local:4317');
  });
});

describe('observability composition: alerts and scrapes of the data and security layers', () => {
  const env = fixtureEnvironment({
    ...DATA_SERVICES_FIXTURE,
    addons: { enabled: { ...DATA_SERVICES_FIXTURE.addons.enabled, ...SECURITY_ADDONS_ENABLED, falcosidekick: true, falco: true } },
  } as Patch);
  const tree = renderTree(env);
  const values = (name: string): Record<string, any> => chartValuesOf(applicationNamed(name, tree.applications)) ?? {};
  const ingressPorts = (namespace: string, from: string): number[] =>
    tree.all
      .filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace)
      .flatMap((p: any) => (p.spec?.ingress ?? []).filter((r: any) => r.from?.some((f: any) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === from)))
      .flatMap((r: any) => r.ports.map((x: any) => x.port));

  it('renders the PostgreSQL, Kafka, OpenBao, External Secrets and Falco groups into platform-rules', () => {
    const rule = tree.all.find((o) => o.kind === 'PrometheusRule' && o.metadata.name === 'platform-rules') as any;
    const groups = rule.spec.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['platform-postgres', 'platform-kafka', 'platform-openbao', 'platform-external-secrets', 'platform-falco']));
  });

  it('scrapes OpenBao, External Secrets and falcosidekick through ServiceMonitors (kube-state-metrics exports no pod label)', () => {
    expect(values('kube-prometheus-stack')['kube-state-metrics'].metricLabelsAllowlist).toBeUndefined();
    expect(ingressPorts('openbao', 'alloy')).toEqual([8200]);
    expect(values('external-secrets').serviceMonitor).toEqual({ enabled: true, renderMode: 'skipIfMissing' });
    expect(values('falcosidekick').serviceMonitor).toEqual({ enabled: true });
    expect(ingressPorts('external-secrets', 'alloy')).toEqual([8080]);
    expect(ingressPorts('falcosidekick', 'alloy')).toEqual([2801]);
  });

  it("lets Alloy reach the data exporters' ports (CloudNativePG 9187, redis-exporter 9121, Strimzi JMX 9404)", () => {
    const alloyEgress = tree.all
      .filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'alloy')
      .flatMap((p: any) => (p.spec?.egress ?? []).flatMap((r: any) => (r.ports ?? []).map((x: any) => x.port)));
    expect(alloyEgress).toEqual(expect.arrayContaining([2801, 9121, 9187, 9404]));
  });
});
