import { DATA_SERVICES_FIXTURE, fixtureInput } from '../testing/fixture-environment';
import { issuesOf, issuesOrEmpty } from '../testing/config-issues';

/** The data-services fixture with `patch` (its `data` fields replace the fixture's, `addons.enabled` entries override). */
function withData(patch: { data?: Record<string, unknown>; addons?: { enabled: Record<string, boolean> } }): unknown {
  return fixtureInput({
    addons: { enabled: { ...DATA_SERVICES_FIXTURE.addons.enabled, ...patch.addons?.enabled } },
    data: { ...DATA_SERVICES_FIXTURE.data, ...patch.data },
  });
}

const data = DATA_SERVICES_FIXTURE.data;
const pg = data.postgres[0];
const redis = data.redis[0];
const kafka = data.kafka[0];
const topic = kafka.topics[0];

describe('data schema', () => {
  it('accepts the fixture', () => {
    expect(issuesOrEmpty(withData({}))).toEqual([]);
  });

  it('rejects an even or too small PostgreSQL instance count with highAvailability, naming environment and field', () => {
    expect(issuesOf(withData({ data: { postgres: [{ ...pg, instances: 2 }] } }))).toEqual([
      'test: data.postgres[0].instances: 2 with data.highAvailability: true; use an odd count of at least 3 (one per zone)',
    ]);
    expect(issuesOrEmpty(withData({ data: { highAvailability: false, postgres: [{ ...pg, instances: 1 }] } }))).toEqual([]);
  });

  it('rejects a backup retention of 0 days, a 5-field schedule, and a retention beyond the bucket lifecycle', () => {
    expect(issuesOf(withData({ data: { postgres: [{ ...pg, backup: { schedule: '0 2 * * *', retentionDays: 0 } }] } }))).toEqual([
      'test: data.postgres[0].backup.schedule: "0 2 * * *" must be a 6-field cron with seconds first (CloudNativePG format), e.g. "0 0 2 * * *" for 02:00 UTC daily',
      'test: data.postgres[0].backup.retentionDays: must be at least 1 day; a retention of 0 days keeps no recovery window',
    ]);
    expect(issuesOf(withData({ data: { postgres: [{ ...pg, backup: { ...pg.backup, retentionDays: 60 } }] } }))).toEqual([
      'test: data.postgres[0].backup.retentionDays: 60 exceeds storage.backupsRetentionDays 30 (the backups bucket expires older objects); lower it or raise storage.backupsRetentionDays',
    ]);
  });

  it('rejects instances whose add-on is disabled', () => {
    const issues = issuesOf(withData({ addons: { enabled: { 'postgres-clusters': false } } }));
    expect(issues).toContain('test: data.postgres: declares 1 instance(s) but addons.enabled.postgres-clusters is not true; enable it or remove them');
  });

  it('rejects standalone Redis with highAvailability and a replication without sentinel quorum', () => {
    expect(issuesOf(withData({ data: { redis: [{ ...redis, mode: 'standalone', replicas: 1, sentinels: 0 }] } }))).toEqual([
      `test: data.redis[0].mode: "standalone" with data.highAvailability: true; use mode: 'replication' (RedisReplication + RedisSentinel)`,
    ]);
    expect(issuesOf(withData({ data: { redis: [{ ...redis, sentinels: 2 }] } }))).toEqual([
      'test: data.redis[0].sentinels: replication needs replicas >= 2 and an odd sentinels >= 3 (got replicas 3, sentinels 2)',
    ]);
  });

  it('rejects a topic whose replication factor exceeds the brokers, and min.insync.replicas not below it with highAvailability', () => {
    expect(issuesOf(withData({ data: { kafka: [{ ...kafka, topics: [{ ...topic, replicationFactor: 4, minInsyncReplicas: 2 }] }] } }))).toEqual([
      'test: data.kafka[0].topics[0].replicationFactor: 4 exceeds the 3 brokers of cluster app-events; lower it to at most 3 or add brokers',
    ]);
    expect(issuesOf(withData({ data: { kafka: [{ ...kafka, topics: [{ ...topic, minInsyncReplicas: 3 }] }] } }))).toEqual([
      'test: data.kafka[0].topics[0].minInsyncReplicas: 3 is not below replicationFactor 3 with data.highAvailability: true; one broker down would stop acks=all writes (use 2)',
    ]);
  });

  it('rejects an even controller quorum and a user naming a topic the cluster does not declare', () => {
    const users = [{ ...kafka.users[0], topics: [{ topic: 'payments', access: 'consume' as const }] }];
    expect(issuesOf(withData({ data: { kafka: [{ ...kafka, controllers: 4, users }] } }))).toEqual([
      'test: data.kafka[0].controllers: 4 controllers cannot form a majority quorum after one failure; use an odd count',
      'test: data.kafka[0].users[0].topics[0].topic: user orders-app references topic "payments", which cluster app-events does not declare (topics: orders)',
    ]);
  });
});
