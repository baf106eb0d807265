import { fixtureEnvironment } from '@platform/config/testing';
import { Testing } from 'cdk8s';
import { buildClusterAddons } from './addons-app';

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
