import type { DeadMansSwitchConfig, EnvironmentConfig } from '@platform/config';
import { ALERTMANAGER_SECRETS_DIR, deadMansSwitchReceiver, deadMansSwitchRoute } from './dead-mans-switch';

export { ALERTMANAGER_SECRETS_DIR } from './dead-mans-switch';

/** One typed receiver of `observability.alertmanager.receivers`. */
export type AlertReceiver = EnvironmentConfig['observability']['alertmanager']['receivers'][number];
/** One typed route of `observability.alertmanager.routes`. */
export type AlertRoute = EnvironmentConfig['observability']['alertmanager']['routes'][number];

/** Root-route timing: Prometheus' recommended defaults for paging routes. @see https://prometheus.io/docs/alerting/latest/configuration/#route */
export const ALERTMANAGER_ROUTE_TIMING = { group_wait: '30s', group_interval: '5m', repeat_interval: '4h' } as const;

/** Labels alerts are grouped by (one notification per alert name and namespace). */
export const ALERTMANAGER_GROUP_BY = ['alertname', 'namespace', 'severity'] as const;

/** The alerts SNS topic `sns` receivers publish to (`alertsTopicArn`), signed with the Pod Identity credentials. */
export interface AlertsTopicTarget {
  readonly topicArn: string;
  readonly region: string;
}

export interface AlertmanagerConfigInput {
  readonly receivers: readonly AlertReceiver[];
  /** Required when a receiver is of kind `sns`. */
  readonly alertsTopic?: AlertsTopicTarget;
  readonly defaultReceiver: string;
  readonly routes: readonly AlertRoute[];
  /** The Watchdog's heartbeat (its route first, its webhook receiver last) or the opt-out. */
  readonly deadMansSwitch: DeadMansSwitchConfig;
}

/** One Secret (monitoring namespace) the receivers read credentials from, and the keys they read. */
export interface AlertmanagerSecret {
  readonly name: string;
  /** Sorted, unique. */
  readonly keys: readonly string[];
}

/**
 * The Secrets the receivers read credentials from (the Slack webhook URLs and the heartbeat URL of a heartbeat
 * `deadMansSwitch`), sorted by name, each with the keys read from it.
 */
export function alertmanagerSecrets(receivers: readonly AlertReceiver[], deadMansSwitch?: DeadMansSwitchConfig): AlertmanagerSecret[] {
  const keys = new Map<string, Set<string>>();
  const add = (secret: { readonly name: string; readonly key: string }): void => {
    const set = keys.get(secret.name) ?? new Set<string>();
    set.add(secret.key);
    keys.set(secret.name, set);
  };
  for (const r of receivers) if (r.kind === 'slack') add(r.webhookUrlSecret);
  if (deadMansSwitch?.kind === 'heartbeat') add(deadMansSwitch.urlSecret);
  return [...keys.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, k]) => ({ name, keys: [...k].sort() }));
}

function present<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function receiverConfig(r: AlertReceiver, alertsTopic: AlertsTopicTarget | undefined): Record<string, unknown> {
  switch (r.kind) {
    case 'null':
      return { name: r.name };
    case 'sns':
      if (!alertsTopic) throw new Error(`Alertmanager receiver ${r.name}: kind sns needs the alerts topic (alertsTopic input)`);
      return {
        name: r.name,
        sns_configs: [
          {
            topic_arn: alertsTopic.topicArn,
            // no keys: the AWS SDK reads the Pod Identity container credentials of the alertmanager ServiceAccount
            sigv4: { region: alertsTopic.region },
            send_resolved: true,
            subject: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}',
            message: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.runbook_url }}\n{{ end }}',
          },
        ],
      };
    case 'slack':
      return {
        name: r.name,
        slack_configs: [
          {
            api_url_file: `${ALERTMANAGER_SECRETS_DIR}/${r.webhookUrlSecret.name}/${r.webhookUrlSecret.key}`,
            channel: r.channel,
            send_resolved: true,
            title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}',
            text: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.runbook_url }}\n{{ end }}',
          },
        ],
      };
  }
}

/**
 * alertmanager.yaml from typed routes and receivers: the root route sends to `defaultReceiver`, the
 * Watchdog route of a heartbeat `deadMansSwitch` comes first (`continue: false`), the environment's
 * child routes follow in order, and a critical alert inhibits the warning of the same alert name
 * and namespace.
 * @throws Error naming the receiver when an `sns` receiver has no `alertsTopic`
 * @see https://prometheus.io/docs/alerting/latest/configuration/
 */
export function alertmanagerConfig(input: AlertmanagerConfigInput): Record<string, unknown> {
  return {
    route: {
      receiver: input.defaultReceiver,
      group_by: [...ALERTMANAGER_GROUP_BY],
      ...ALERTMANAGER_ROUTE_TIMING,
      routes: [
        ...present(deadMansSwitchRoute(input.deadMansSwitch)),
        ...input.routes.map((r) => ({ receiver: r.receiver, matchers: [...r.matchers], continue: r.continue })),
      ],
    },
    inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'namespace'] }],
    receivers: [...input.receivers.map((r) => receiverConfig(r, input.alertsTopic)), ...present(deadMansSwitchReceiver(input.deadMansSwitch))],
  };
}
