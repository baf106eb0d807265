import { fixtureInput, TRACES_ADDONS_ENABLED } from '../testing/fixture-environment';
import { issuesOf, issuesOrEmpty } from '../testing/config-issues';

const kafka = { nodes: 3, storageGiB: 20, resources: { cpu: 0.5, memoryMiB: 1024 }, replicationFactor: 3, minInsyncReplicas: 2, retentionHours: 6 };
const withKafka = (patch: Partial<typeof kafka>): unknown => fixtureInput({ observability: { tempo: { kafka: { ...kafka, ...patch } } } });

describe('observability schema: the traces Kafka (observability.tempo.kafka, ADR 0034)', () => {
  it('accepts the fixture sizing (3 nodes, replication 3, min.insync 2) and one node for dev', () => {
    expect(issuesOrEmpty(withKafka({}))).toEqual([]);
    expect(issuesOrEmpty(withKafka({ nodes: 1, replicationFactor: 1, minInsyncReplicas: 1 }))).toEqual([]);
  });

  it('refuses an even node count (no KRaft majority), a replication factor above the nodes, and min.insync not below it', () => {
    expect(issuesOf(withKafka({ nodes: 2, replicationFactor: 2, minInsyncReplicas: 1 }))).toEqual([
      'test: observability.tempo.kafka.nodes: 2 nodes cannot form a KRaft majority quorum after one failure; use an odd count (1, or 3 across zones)',
    ]);
    expect(issuesOf(withKafka({ nodes: 1, replicationFactor: 3 }))).toEqual(['test: observability.tempo.kafka.replicationFactor: 3 exceeds the 1 nodes; lower it to at most 1 or add nodes']);
    expect(issuesOf(withKafka({ minInsyncReplicas: 3 }))).toEqual([
      'test: observability.tempo.kafka.minInsyncReplicas: 3 is not below replicationFactor 3; one node down would stop every distributor write (use 2)',
    ]);
  });

  it('keeps the queue a buffer: retention at most 72 hours', () => {
    expect(issuesOf(withKafka({ retentionHours: 168 }))).toEqual(['test: observability.tempo.kafka.retentionHours: must be at most 72 hours: the queue only buffers spans until the block-builders write them to S3']);
  });
});

describe('observability schema: traces are sampled once, by Alloy', () => {
  it('refuses a mesh sampling below 100% while Tempo and the mesh run, naming both fields', () => {
    const input = fixtureInput({ addons: { enabled: TRACES_ADDONS_ENABLED }, mesh: { tracingSamplingPercent: 2 } });
    expect(issuesOf(input)).toEqual([
      'test: mesh.tracingSamplingPercent: 2 samples traces a second time while Tempo runs (Alloy keeps observability.alloy.traceSamplingPercent = 50% of them); set it to 100 and choose the share in observability.alloy.traceSamplingPercent',
    ]);
  });

  it('leaves the mesh sampling alone while Tempo is off', () => {
    expect(issuesOrEmpty(fixtureInput({ mesh: { tracingSamplingPercent: 2 } }))).toEqual([]);
  });
});
