import { fixtureEnvironment, fixtureInput } from '../testing/fixture-environment';
import { issuesOf } from '../testing/config-issues';

const schedule = { name: 'cluster', cron: '0 */6 * * *', ttlHours: 240, includedNamespaces: ['*'], excludedNamespaces: [], snapshotVolumes: true };
const withSchedules = (schedules: unknown[]): unknown => fixtureInput({ dr: { velero: { schedules } } } as Record<string, unknown>);

describe('dr and operations schema', () => {
  it('accepts the fixture: RPO/RTO, one schedule, autopilot mode, no freeze', () => {
    const env = fixtureEnvironment();
    expect(env.dr.rpoMinutes).toBe(360);
    expect(env.dr.velero.schedules.map((s) => s.name)).toEqual(['cluster']);
    expect(env.operations).toEqual({ mode: 'autopilot', freeze: false, syncWindows: [] });
  });

  it('needs an allow window in supervised mode and none in autopilot, naming the field and the fix', () => {
    expect(issuesOf(fixtureInput({ operations: { mode: 'supervised', syncWindows: [] } } as Record<string, unknown>))).toEqual([
      'test: operations.syncWindows: supervised mode syncs only inside allow windows; declare at least one, e.g. { kind: "allow", schedule: "0 8 * * 1-4", duration: "9h", manualSync: true }',
    ]);
    const window = { kind: 'allow', schedule: '0 8 * * 1-4', duration: '9h', manualSync: true };
    expect(issuesOf(fixtureInput({ operations: { syncWindows: [window] } } as Record<string, unknown>))).toEqual([
      'test: operations.syncWindows: autopilot syncs at any time; remove the windows or set operations.mode to supervised',
    ]);
    expect(issuesOf(fixtureInput({ operations: { mode: 'supervised', syncWindows: [{ ...window, schedule: '0 8 * * 1-8' }] } } as Record<string, unknown>))[0]).toMatch(
      /^test: operations\.syncWindows\[0\]\.schedule: must be a 5-field cron expression/,
    );
  });

  it('refuses a cron expression cron-parser rejects or one with a seconds field, naming the form', () => {
    const issues = issuesOf(withSchedules([{ ...schedule, cron: '0 25 * * *' }]));
    expect(issues).toEqual(['test: dr.velero.schedules[0].cron: must be a 5-field cron expression in UTC (minute hour day-of-month month day-of-week) such as "0 */6 * * *"']);
    expect(issuesOf(withSchedules([{ ...schedule, cron: '0 0 */6 * * *' }]))[0]).toMatch(/^test: dr\.velero\.schedules\[0\]\.cron: must be a 5-field cron/);
  });

  it('refuses a schedule declared twice', () => {
    expect(issuesOf(withSchedules([schedule, schedule]))).toEqual([
      'test: dr.velero.schedules[1].name: schedule "cluster" is declared twice; give each schedule its own name',
    ]);
  });

  it('refuses "*" next to named namespaces and a namespace both included and excluded', () => {
    expect(issuesOf(withSchedules([{ ...schedule, includedNamespaces: ['*', 'team-a'] }]))[0]).toMatch(
      /^test: dr\.velero\.schedules\[0\]\.includedNamespaces: "\*" already includes every namespace/,
    );
    expect(issuesOf(withSchedules([{ ...schedule, includedNamespaces: ['team-a'], excludedNamespaces: ['team-a'] }]))).toEqual([
      'test: dr.velero.schedules[0].excludedNamespaces[0]: namespace "team-a" is both included and excluded; remove it from one of the lists',
    ]);
  });

  it('refuses a backup TTL the bucket lifecycle would cut short', () => {
    expect(issuesOf(withSchedules([{ ...schedule, ttlHours: 721 }]))).toEqual([
      'test: dr.velero.schedules[0].ttlHours: 721 h outlives storage.backupsRetentionDays (30 d = 720 h): the bucket would expire backups Velero still lists; lower ttlHours or raise storage.backupsRetentionDays',
    ]);
  });

  it('refuses a drill of an undeclared schedule', () => {
    expect(issuesOf(fixtureInput({ dr: { drill: { schedule: 'hourly' } } } as Record<string, unknown>))).toEqual([
      'test: dr.drill.schedule: "hourly" is not one of dr.velero.schedules (cluster); name one of those',
    ]);
  });

  it('refuses an RPO below 5 minutes and an unknown operation mode', () => {
    const issues = issuesOf(fixtureInput({ dr: { rpoMinutes: 1 }, operations: { mode: 'yolo' } } as Record<string, unknown>));
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^test: dr\.rpoMinutes: /);
    expect(issues[1]).toMatch(/^test: operations\.mode: .*autopilot.*supervised/);
  });
});
