import { DEAD_MANS_SWITCH_GROUP_INTERVAL_MINUTES, type DeadMansSwitchConfig, WATCHDOG_ALERT_NAME } from '@platform/config';

/** Where the receivers' Secrets are mounted, `/etc/alertmanager/secrets/<secret>/<key>` (the operator's path for `alertmanagerSpec.secrets`). @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.AlertmanagerSpec */
export const ALERTMANAGER_SECRETS_DIR = '/etc/alertmanager/secrets';

/**
 * `group_wait` of the Watchdog route: none, so a (re)started Alertmanager pings the heartbeat service at its first
 * flush instead of after the 30 s of the paging routes. @see https://prometheus.io/docs/alerting/latest/configuration/#route
 */
export const DEAD_MANS_SWITCH_GROUP_WAIT = '0s';

/** Annotation on the Alertmanager pods (and its CR's `podMetadata`) stating the switch, or why there is none. */
export const DEAD_MANS_SWITCH_ANNOTATION = 'platform.io/dead-mans-switch';

/** The mounted file a heartbeat receiver reads its URL from: `<ALERTMANAGER_SECRETS_DIR>/<secret>/<key>`. */
export function deadMansSwitchUrlFile(dms: Extract<DeadMansSwitchConfig, { kind: 'heartbeat' }>): string {
  return `${ALERTMANAGER_SECRETS_DIR}/${dms.urlSecret.name}/${dms.urlSecret.key}`;
}

/**
 * The Watchdog's route, to go first in the routing tree (`continue: false`): exactly `alertname="Watchdog"` to the
 * heartbeat receiver, with its own timing so the heartbeat repeats every `repeatIntervalMinutes` (plus up to one
 * `group_interval`). `undefined` when the switch is `disabled` (the environment's own routes then decide).
 * @see https://prometheus.io/docs/alerting/latest/configuration/#route
 */
export function deadMansSwitchRoute(dms: DeadMansSwitchConfig): Record<string, unknown> | undefined {
  if (dms.kind !== 'heartbeat') return undefined;
  return {
    receiver: dms.receiver,
    matchers: [`alertname="${WATCHDOG_ALERT_NAME}"`],
    continue: false,
    group_wait: DEAD_MANS_SWITCH_GROUP_WAIT,
    group_interval: `${DEAD_MANS_SWITCH_GROUP_INTERVAL_MINUTES}m`,
    repeat_interval: `${dms.repeatIntervalMinutes}m`,
  };
}

/**
 * The heartbeat receiver: one `webhook_configs` entry whose URL is read from the mounted Secret key (`url_file`,
 * never inline) and that sends nothing when the Watchdog resolves (`send_resolved: false`: a resolved Watchdog
 * means the pipeline broke, and the service notices the missing pings by itself). `undefined` when `disabled`.
 * @see https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 */
export function deadMansSwitchReceiver(dms: DeadMansSwitchConfig): Record<string, unknown> | undefined {
  if (dms.kind !== 'heartbeat') return undefined;
  return { name: dms.receiver, webhook_configs: [{ url_file: deadMansSwitchUrlFile(dms), send_resolved: false }] };
}

/**
 * `{ DEAD_MANS_SWITCH_ANNOTATION: ... }` for the Alertmanager pods: where the heartbeat goes and how often, or
 * `disabled: <reason>`, so `kubectl describe` shows an opt-out and its reason next to the running Alertmanager.
 */
export function deadMansSwitchAnnotations(dms: DeadMansSwitchConfig): Record<string, string> {
  const value =
    dms.kind === 'heartbeat'
      ? `heartbeat: ${WATCHDOG_ALERT_NAME} to receiver ${dms.receiver} every ${dms.repeatIntervalMinutes}m (service period ${dms.heartbeatPeriodMinutes}m)`
      : `disabled: ${dms.reason}`;
  return { [DEAD_MANS_SWITCH_ANNOTATION]: value };
}
