import { z } from 'zod';

/**
 * The dead man's switch of the alerting pipeline (ADR 0058). kube-prometheus-stack's `Watchdog` alert
 * (`general.rules`, `vector(1)`, `severity="none"`) always fires while the Mimir ruler evaluates; Alertmanager sends
 * it to an outside heartbeat service, which alarms through its own channels when the pings stop: Mimir no longer
 * answering the ruler, the ruler no longer evaluating or sending, Alertmanager down or unable to reach the internet.
 * @see https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 * @see https://runbooks.prometheus-operator.dev/runbooks/general/watchdog/
 */

/** The always-firing alert of kube-prometheus-stack's `general.rules` group that proves the pipeline. */
export const WATCHDOG_ALERT_NAME = 'Watchdog';

/**
 * `group_interval` of the Watchdog route, minutes: Alertmanager flushes the Watchdog group this often and checks
 * `repeat_interval` only at a flush, so consecutive heartbeats arrive at most `repeat_interval + group_interval`
 * apart. @see https://prometheus.io/docs/alerting/latest/configuration/#route
 */
export const DEAD_MANS_SWITCH_GROUP_INTERVAL_MINUTES = 1;

/**
 * The Mimir ruler's evaluation interval (`-ruler.evaluation-interval`, Mimir's default, which the platform keeps and
 * which the chart's `general.rules` group inherits), minutes: a Watchdog repeated faster than it is evaluated proves
 * nothing the previous heartbeat did not.
 * @see https://grafana.com/docs/mimir/latest/configure/configuration-parameters/#ruler
 */
export const RULER_EVALUATION_INTERVAL_MINUTES = 1;

/**
 * Longest heartbeat period the schema accepts, minutes: the heartbeat service alarms one period (plus its grace)
 * after the last ping, so this bounds how long a dead pipeline stays unnoticed.
 */
export const MAX_HEARTBEAT_PERIOD_MINUTES = 60;

const secretName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'must be a DNS-1123 name such as alertmanager-heartbeat' });
const secretKey = z.string().regex(/^[-._a-zA-Z0-9]+$/, { message: 'must be a Secret key such as url' });

/**
 * Either a heartbeat receiver or an explicit opt-out with its reason; there is no default, so an environment cannot
 * drop the Watchdog silently.
 */
export const deadMansSwitchSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      /** Alertmanager sends the Watchdog to a webhook of an outside heartbeat service (healthchecks.io, Better Stack, PagerDuty, Opsgenie heartbeat, ...). */
      kind: z.literal('heartbeat'),
      /** Name of the rendered `webhook_configs` receiver, e.g. `heartbeat`; not one of `receivers`, and no route may use it. */
      receiver: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'must be a lower-case name such as heartbeat' }),
      /**
       * Secret (monitoring namespace) and key holding the heartbeat service's ping URL, delivered like the Slack
       * webhook Secrets and read with `url_file` (never inline: the URL is the credential).
       */
      urlSecret: z.strictObject({ name: secretName, key: secretKey }),
      /**
       * `repeat_interval` of the Watchdog route, minutes: Alertmanager re-sends the still-firing Watchdog this often
       * (plus up to one `group_interval`, {@link DEAD_MANS_SWITCH_GROUP_INTERVAL_MINUTES}).
       */
      repeatIntervalMinutes: z
        .number()
        .int()
        .min(RULER_EVALUATION_INTERVAL_MINUTES, { message: `must be at least ${RULER_EVALUATION_INTERVAL_MINUTES} (the ruler's evaluation interval); use e.g. 1` }),
      /**
       * The period configured at the heartbeat service, minutes: it alarms when no ping arrived for this long (plus
       * the grace time set there). At least `repeatIntervalMinutes + group_interval`, at most
       * {@link MAX_HEARTBEAT_PERIOD_MINUTES}. Documented here so the service's setting and Alertmanager's are reviewed
       * together.
       */
      heartbeatPeriodMinutes: z
        .number()
        .int()
        .min(1)
        .max(MAX_HEARTBEAT_PERIOD_MINUTES, { message: `must be at most ${MAX_HEARTBEAT_PERIOD_MINUTES}: a dead alerting pipeline would go unnoticed for over an hour; use e.g. 5` }),
    }),
    z.strictObject({
      /** No heartbeat: the Watchdog may go to a `null` receiver. Only with a reason, shown on the Alertmanager pods. */
      kind: z.literal('disabled'),
      /** Why this environment runs without a dead man's switch (a sentence operators read on the Alertmanager pods). */
      reason: z
        .string()
        .trim()
        .min(20, { message: 'must say why this environment runs without a heartbeat (at least 20 characters), e.g. "dev: nobody is paged for dev; a silent alerting pipeline is found by the next deploy"' }),
    }),
  ],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'is required: set { kind: \'heartbeat\', receiver: \'heartbeat\', urlSecret: { name: \'alertmanager-heartbeat\', key: \'url\' }, repeatIntervalMinutes: 1, heartbeatPeriodMinutes: 5 } or { kind: \'disabled\', reason: \'<why>\' } (ADR 0058)'
        : issue.code === 'invalid_union'
          ? 'kind must be "heartbeat" (a webhook receiver pinged by the Watchdog alert) or "disabled" (with a reason)'
          : undefined,
  },
);

/** `observability.alertmanager.deadMansSwitch` after parsing. */
export type DeadMansSwitchConfig = z.infer<typeof deadMansSwitchSchema>;

/**
 * Whether a matcher such as `alertname=~"Watchdog|InfoInhibitor"` selects the label value `value` of `label`: `=`
 * and `=~` positively (Alertmanager anchors regular expressions), `!=`/`!~` never count as selecting. A matcher on
 * another label, or a regular expression JavaScript cannot compile, selects nothing.
 * @see https://prometheus.io/docs/alerting/latest/configuration/#matcher
 */
export function matcherSelects(matcher: string, label: string, value: string): boolean {
  const m = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|=)"([^"]*)"$/.exec(matcher);
  if (!m || m[1] !== label) return false;
  if (m[2] === '=') return m[3] === value;
  try {
    return new RegExp(`^(?:${m[3]})$`).test(value);
  } catch {
    return false;
  }
}

/** The parts of `observability.alertmanager` the switch is checked against (unparsed input: every field guarded). */
interface AlertmanagerInput {
  readonly receivers?: unknown;
  readonly defaultReceiver?: unknown;
  readonly routes?: unknown;
  readonly deadMansSwitch?: unknown;
}

/**
 * Issues of the switch against the rest of `observability.alertmanager` (paths relative to it): a heartbeat receiver
 * named like a declared receiver or used by a route or as the default (other alerts would keep the heartbeat alive),
 * a route that also selects the Watchdog (the switch's route comes first, so that route could never see it; in
 * particular the null receiver the environments used before), and a heartbeat period the Alertmanager cadence cannot
 * meet.
 */
export function deadMansSwitchIssues(am: AlertmanagerInput, ctx: z.RefinementCtx): void {
  const dms = am.deadMansSwitch as { kind?: unknown; receiver?: unknown; repeatIntervalMinutes?: unknown; heartbeatPeriodMinutes?: unknown } | undefined;
  if (typeof dms !== 'object' || dms === null || dms.kind !== 'heartbeat') return;
  const receivers = Array.isArray(am.receivers) ? (am.receivers as { name?: unknown; kind?: unknown }[]) : [];
  const routes = Array.isArray(am.routes) ? (am.routes as { matchers?: unknown; receiver?: unknown }[]) : [];
  const hb = dms.receiver;
  // a name clash is the root cause: every use of the declared receiver would look like a use of the heartbeat one
  const clash = typeof hb === 'string' && receivers.some((r) => r.name === hb);
  if (clash) {
    ctx.addIssue({ code: 'custom', path: ['deadMansSwitch', 'receiver'], message: `"${hb}" is also declared in receivers; the heartbeat receiver is rendered from deadMansSwitch alone: give it its own name or remove the receiver` });
  } else if (typeof hb === 'string') {
    if (am.defaultReceiver === hb) {
      ctx.addIssue({ code: 'custom', path: ['defaultReceiver'], message: `"${hb}" is the heartbeat receiver: every unrouted alert would ping the heartbeat service and keep it green while the Watchdog is gone; use a notifying receiver` });
    }
  }
  const nullReceivers = new Set(receivers.filter((r) => r.kind === 'null').map((r) => r.name));
  routes.forEach((r, i) => {
    if (!clash && typeof hb === 'string' && r.receiver === hb) {
      ctx.addIssue({ code: 'custom', path: ['routes', i, 'receiver'], message: `"${hb}" is the heartbeat receiver: only the Watchdog may reach it (other alerts would keep the heartbeat alive while the Watchdog is gone); route to another receiver` });
    }
    const matchers = Array.isArray(r.matchers) ? (r.matchers as unknown[]) : [];
    matchers.forEach((m, j) => {
      if (typeof m !== 'string' || !matcherSelects(m, 'alertname', WATCHDOG_ALERT_NAME)) return;
      const target = nullReceivers.has(r.receiver) ? `the null receiver "${String(r.receiver)}"` : `receiver "${String(r.receiver)}"`;
      ctx.addIssue({
        code: 'custom',
        path: ['routes', i, 'matchers', j],
        message: `${m} sends ${WATCHDOG_ALERT_NAME} to ${target}, but deadMansSwitch routes ${WATCHDOG_ALERT_NAME} first to the heartbeat receiver "${String(hb)}"; remove ${WATCHDOG_ALERT_NAME} from this matcher (e.g. alertname="InfoInhibitor")`,
      });
    });
  });
  const repeat = dms.repeatIntervalMinutes;
  const period = dms.heartbeatPeriodMinutes;
  if (typeof repeat === 'number' && typeof period === 'number') {
    const worst = repeat + DEAD_MANS_SWITCH_GROUP_INTERVAL_MINUTES;
    if (period < worst) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadMansSwitch', 'heartbeatPeriodMinutes'],
        message: `${period} is shorter than the ${worst} minutes Alertmanager may take between two heartbeats (repeatIntervalMinutes ${repeat} + group_interval ${DEAD_MANS_SWITCH_GROUP_INTERVAL_MINUTES}); the service would alarm while everything works: set it to at least ${worst} or lower repeatIntervalMinutes`,
      });
    }
  }
}
