import { issuesOf, issuesOrEmpty } from '../testing/config-issues';
import { fixtureInput } from '../testing/fixture-environment';
import { matcherSelects } from './dead-mans-switch';

type Input = { observability: { alertmanager: Record<string, unknown> } };

/** The fixture (a heartbeat switch) with `observability.alertmanager` fields replaced, not merged. */
function withAlertmanager(fields: Record<string, unknown>): unknown {
  const input = fixtureInput() as Input;
  return { ...input, observability: { ...input.observability, alertmanager: { ...input.observability.alertmanager, ...fields } } };
}

const heartbeat = { kind: 'heartbeat', receiver: 'heartbeat', urlSecret: { name: 'alertmanager-heartbeat', key: 'url' }, repeatIntervalMinutes: 1, heartbeatPeriodMinutes: 5 };
const withSwitch = (patch: Record<string, unknown>): unknown => withAlertmanager({ deadMansSwitch: { ...heartbeat, ...patch } });

describe('observability.alertmanager.deadMansSwitch schema (ADR 0058)', () => {
  it('accepts the fixture heartbeat and an opt-out with a reason', () => {
    expect(issuesOrEmpty(withAlertmanager({}))).toEqual([]);
    const optOut = withAlertmanager({ deadMansSwitch: { kind: 'disabled', reason: 'a sandbox nobody is paged for' }, routes: [{ matchers: ['alertname=~"Watchdog|InfoInhibitor"'], receiver: 'blackhole' }] });
    expect(issuesOrEmpty(optOut)).toEqual([]);
  });

  it('requires a switch: no environment drops the Watchdog silently', () => {
    const [issue] = issuesOf(withAlertmanager({ deadMansSwitch: undefined }));
    expect(issue).toMatch(/^test: observability\.alertmanager\.deadMansSwitch: is required: set \{ kind: 'heartbeat'.*\} or \{ kind: 'disabled', reason: '<why>' \}/);
  });

  it('refuses an unknown kind, naming both kinds', () => {
    expect(issuesOf(withAlertmanager({ deadMansSwitch: { kind: 'pagerduty' } }))).toEqual([
      'test: observability.alertmanager.deadMansSwitch.kind: kind must be "heartbeat" (a webhook receiver pinged by the Watchdog alert) or "disabled" (with a reason)',
    ]);
  });

  it('refuses an opt-out without a reason, or with a blank one', () => {
    expect(issuesOf(withAlertmanager({ deadMansSwitch: { kind: 'disabled' } }))[0]).toMatch(/^test: observability\.alertmanager\.deadMansSwitch\.reason: /);
    expect(issuesOf(withAlertmanager({ deadMansSwitch: { kind: 'disabled', reason: '   no   ' } }))[0]).toMatch(
      /^test: observability\.alertmanager\.deadMansSwitch\.reason: must say why this environment runs without a heartbeat \(at least 20 characters\)/,
    );
  });

  it('refuses an inline URL: the heartbeat URL only comes from a Secret', () => {
    expect(issuesOf(withSwitch({ url: 'https://hc-ping.com/0000' }))).toEqual([expect.stringMatching(/^test: observability\.alertmanager\.deadMansSwitch: .*"url"/)]);
  });

  it('refuses a route still sending the Watchdog to the null receiver while the heartbeat is configured', () => {
    const input = withAlertmanager({ routes: [{ matchers: ['alertname=~"Watchdog|InfoInhibitor"'], receiver: 'blackhole' }] });
    expect(issuesOf(input)).toEqual([
      'test: observability.alertmanager.routes[0].matchers[0]: alertname=~"Watchdog|InfoInhibitor" sends Watchdog to the null receiver "blackhole", but deadMansSwitch routes Watchdog first to the heartbeat receiver "heartbeat"; remove Watchdog from this matcher (e.g. alertname="InfoInhibitor")',
    ]);
  });

  it('refuses a route or the default receiver using the heartbeat receiver (other alerts would keep it green)', () => {
    expect(issuesOf(withAlertmanager({ routes: [{ matchers: ['severity="critical"'], receiver: 'heartbeat' }] }))).toEqual([
      'test: observability.alertmanager.routes[0].receiver: "heartbeat" is the heartbeat receiver: only the Watchdog may reach it (other alerts would keep the heartbeat alive while the Watchdog is gone); route to another receiver',
    ]);
    expect(issuesOf(withAlertmanager({ defaultReceiver: 'heartbeat' }))).toEqual([
      'test: observability.alertmanager.defaultReceiver: "heartbeat" is the heartbeat receiver: every unrouted alert would ping the heartbeat service and keep it green while the Watchdog is gone; use a notifying receiver',
    ]);
  });

  it('refuses a heartbeat receiver named like a declared receiver', () => {
    expect(issuesOf(withSwitch({ receiver: 'platform' }))).toEqual([
      'test: observability.alertmanager.deadMansSwitch.receiver: "platform" is also declared in receivers; the heartbeat receiver is rendered from deadMansSwitch alone: give it its own name or remove the receiver',
    ]);
  });

  it('refuses a service period shorter than the Alertmanager cadence (false alarms) and longer than an hour (a dead pipeline unnoticed)', () => {
    expect(issuesOf(withSwitch({ repeatIntervalMinutes: 5, heartbeatPeriodMinutes: 5 }))).toEqual([
      'test: observability.alertmanager.deadMansSwitch.heartbeatPeriodMinutes: 5 is shorter than the 6 minutes Alertmanager may take between two heartbeats (repeatIntervalMinutes 5 + group_interval 1); the service would alarm while everything works: set it to at least 6 or lower repeatIntervalMinutes',
    ]);
    expect(issuesOf(withSwitch({ repeatIntervalMinutes: 30, heartbeatPeriodMinutes: 120 }))).toEqual([
      'test: observability.alertmanager.deadMansSwitch.heartbeatPeriodMinutes: must be at most 60: a dead alerting pipeline would go unnoticed for over an hour; use e.g. 5',
    ]);
  });

  it('refuses a repeat interval below the ruler evaluation interval', () => {
    expect(issuesOf(withSwitch({ repeatIntervalMinutes: 0 }))).toEqual([
      "test: observability.alertmanager.deadMansSwitch.repeatIntervalMinutes: must be at least 1 (the ruler's evaluation interval); use e.g. 1",
    ]);
  });
});

describe('matcherSelects', () => {
  it('reads equality and anchored regular expressions on the named label only', () => {
    expect(matcherSelects('alertname="Watchdog"', 'alertname', 'Watchdog')).toBe(true);
    expect(matcherSelects('alertname=~"Watchdog|InfoInhibitor"', 'alertname', 'Watchdog')).toBe(true);
    expect(matcherSelects('alertname=~"Watch"', 'alertname', 'Watchdog')).toBe(false);
    expect(matcherSelects('alertname="InfoInhibitor"', 'alertname', 'Watchdog')).toBe(false);
    expect(matcherSelects('alertname!="InfoInhibitor"', 'alertname', 'Watchdog')).toBe(false);
    expect(matcherSelects('severity="none"', 'alertname', 'Watchdog')).toBe(false);
    expect(matcherSelects('alertname=~"("', 'alertname', 'Watchdog')).toBe(false);
  });
});
