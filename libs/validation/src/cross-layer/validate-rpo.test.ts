import { loadDistTree } from '../dist-tree';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { pgTimeMinutes, validateRpo } from './validate-rpo';

const ENV = 'prod';

const objectives = (rpoMinutes: number) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'dr-objectives', namespace: 'velero', labels: { 'platform.io/dr-objectives': 'true' } },
  data: { rpoMinutes: String(rpoMinutes), rtoMinutes: '120' },
});
const schedule = (name: string, cron: string, paused = false) => ({ apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name, namespace: 'velero' }, spec: { schedule: cron, ...(paused ? { paused } : {}), template: { ttl: '720h0m0s' } } });
const scheduledBackup = (cron: string) => ({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'orders-db', namespace: 'team-orders' }, spec: { schedule: cron, cluster: { name: 'orders-db' } } });
const cluster = (parameters: Record<string, string> | undefined, archiver = true) => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'orders-db', namespace: 'team-orders' },
  spec: { instances: 3, ...(parameters ? { postgresql: { parameters } } : {}), ...(archiver ? { plugins: [{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true }] } : {}) },
});
const cronJob = (cron: string, labels: Record<string, string> = { 'platform.io/backup-of': 'openbao-raft' }) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'openbao-raft-snapshot', namespace: 'openbao', labels },
  spec: { schedule: cron, jobTemplate: { spec: { template: { spec: { containers: [] } } } } },
});

function check(files: Record<string, FixtureFile>) {
  const t = loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');
  return validateRpo(t.objects);
}

describe('validateRpo (DR-RPO-001/002)', () => {
  it('passes when every backup runs at least every RPO: Velero, CNPG base backups and WAL, backup CronJobs', () => {
    expect(
      check({
        'kubernetes/addons/velero/dr-objectives.yaml': { yaml: [objectives(360)] },
        'kubernetes/addons/velero/schedules.yaml': { yaml: [schedule('cluster', '0 */6 * * *')] },
        'kubernetes/addons/data/orders.yaml': { yaml: [cluster({ archive_timeout: '5min' }), scheduledBackup('0 0 */6 * * *')] },
        'kubernetes/addons/openbao/snapshot.yaml': { yaml: [cronJob('*/30 * * * *')] },
      }),
    ).toEqual([]);
  });

  it('fails on a broken fixture: each too-rare backup is named with file, object, path and the RPO', () => {
    const findings = check({
      'kubernetes/addons/velero/dr-objectives.yaml': { yaml: [objectives(360)] },
      'kubernetes/addons/velero/schedules.yaml': { yaml: [schedule('cluster', '0 2 * * *'), schedule('weekdays', '0 */6 * * 1-5')] },
      'kubernetes/addons/data/orders.yaml': { yaml: [cluster({ archive_timeout: '12h' }), scheduledBackup('0 0 0 * * 0')] },
      'kubernetes/addons/openbao/snapshot.yaml': { yaml: [cronJob('0 3 * * *')] },
    });
    expect(findings.map((f) => `${f.rule} ${f.file} ${f.object} ${f.path}`)).toEqual([
      'DR-RPO-001 dist/prod/kubernetes/addons/data/orders.yaml postgresql.cnpg.io/v1/Cluster team-orders/orders-db spec.postgresql.parameters.archive_timeout',
      'DR-RPO-001 dist/prod/kubernetes/addons/data/orders.yaml postgresql.cnpg.io/v1/ScheduledBackup team-orders/orders-db spec.schedule',
      'DR-RPO-001 dist/prod/kubernetes/addons/openbao/snapshot.yaml batch/v1/CronJob openbao/openbao-raft-snapshot spec.schedule',
      'DR-RPO-001 dist/prod/kubernetes/addons/velero/schedules.yaml velero.io/v1/Schedule velero/cluster spec.schedule',
      'DR-RPO-001 dist/prod/kubernetes/addons/velero/schedules.yaml velero.io/v1/Schedule velero/weekdays spec.schedule',
    ]);
    const byObject = new Map(findings.map((f) => [f.object, f.message]));
    expect(byObject.get('velero.io/v1/Schedule velero/cluster')).toBe(
      'Velero Schedule "0 2 * * *" runs up to 1440 min apart, more than the RPO of 360 min (dr.rpoMinutes, v1/ConfigMap velero/dr-objectives); run it more often or raise dr.rpoMinutes',
    );
    // the weekday schedule's longest gap is the weekend: Friday 18:00 to Monday 00:00
    expect(byObject.get('velero.io/v1/Schedule velero/weekdays')).toMatch(/runs up to 3240 min apart/);
    expect(byObject.get('postgresql.cnpg.io/v1/Cluster team-orders/orders-db')).toMatch(/^CloudNativePG Cluster WAL archive_timeout "12h" runs up to 720 min apart/);
    expect(byObject.get('batch/v1/CronJob openbao/openbao-raft-snapshot')).toMatch(/^backup CronJob \(platform.io\/backup-of: openbao-raft\) "0 3 \* \* \*" runs up to 1440 min apart/);
  });

  it('treats paused, suspended and non-archiving backups as never running', () => {
    const suspendedJob = cronJob('*/5 * * * *');
    (suspendedJob.spec as Record<string, unknown>)['suspend'] = true;
    const findings = check({
      'kubernetes/addons/velero/dr-objectives.yaml': { yaml: [objectives(60)] },
      'kubernetes/addons/velero/schedules.yaml': { yaml: [schedule('cluster', '*/30 * * * *', true)] },
      'kubernetes/addons/data/orders.yaml': { yaml: [cluster(undefined, false)] },
      'kubernetes/addons/openbao/snapshot.yaml': { yaml: [suspendedJob] },
    });
    expect(findings.map((f) => [f.rule, f.path, /never runs/.test(f.message)])).toEqual([
      ['DR-RPO-001', 'spec.plugins', true],
      ['DR-RPO-001', 'spec.suspend', true],
      ['DR-RPO-001', 'spec.paused', true],
    ]);
  });

  it('uses the CloudNativePG default archive_timeout (5 min), ignores unlabelled CronJobs and drills/, and checks nothing without objectives', () => {
    expect(
      check({
        'kubernetes/addons/velero/dr-objectives.yaml': { yaml: [objectives(10)] },
        'kubernetes/addons/data/orders.yaml': { yaml: [cluster(undefined)] },
        'kubernetes/addons/jobs/report.yaml': { yaml: [cronJob('0 0 1 * *', { app: 'report' })] },
        'drills/restore.yaml': { yaml: [cluster(undefined, false)] },
      }),
    ).toEqual([]);
    expect(check({ 'kubernetes/addons/velero/schedules.yaml': { yaml: [schedule('cluster', '0 0 1 * *')] } })).toEqual([]);
  });

  it('reports a schedule or archive_timeout it cannot read (DR-RPO-002)', () => {
    const findings = check({
      'kubernetes/addons/velero/dr-objectives.yaml': { yaml: [objectives(360)] },
      'kubernetes/addons/velero/schedules.yaml': { yaml: [schedule('cluster', '@every 6h')] },
      'kubernetes/addons/data/orders.yaml': { yaml: [cluster({ archive_timeout: 'soon' })] },
    });
    expect(findings.map((f) => `${f.rule} ${f.path}`).sort()).toEqual(['DR-RPO-002 spec.postgresql.parameters.archive_timeout', 'DR-RPO-002 spec.schedule']);
  });

  it('reads PostgreSQL time settings in minutes', () => {
    expect([pgTimeMinutes('5min'), pgTimeMinutes('300'), pgTimeMinutes('1h'), pgTimeMinutes('90s'), pgTimeMinutes('0'), pgTimeMinutes('5 minutes')]).toEqual([5, 5, 60, 1.5, Number.POSITIVE_INFINITY, undefined]);
  });
});
