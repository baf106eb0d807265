import { fixtureEnvironment } from '@platform/config/testing';
import { Addon } from '@platform/k8s-core';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { alertmanagerConfig } from './alertmanager-config';
import { DEAD_MANS_SWITCH_ANNOTATION, deadMansSwitchAnnotations, deadMansSwitchReceiver, deadMansSwitchRoute } from './dead-mans-switch';
import { KubePrometheusStackAddon } from './kube-prometheus-stack-addon';
import type { KubePrometheusStackValues } from './kube-prometheus-stack-values';

interface RenderedRoute {
  readonly receiver: string;
  readonly matchers: string[];
  readonly continue: boolean;
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
}
interface RenderedConfig {
  readonly route: { readonly receiver: string; readonly routes: RenderedRoute[] };
  readonly receivers: { readonly name: string; readonly webhook_configs?: { url_file?: string; url?: string; send_resolved: boolean }[] }[];
}

function render(patch: Parameters<typeof fixtureEnvironment>[0] = {}): KubePrometheusStackAddon {
  const env = fixtureEnvironment(patch);
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  return new KubePrometheusStackAddon(app, 'kube-prometheus-stack', { env, dependsOn: [base] });
}

function alertmanagerOf(kps: KubePrometheusStackAddon): KubePrometheusStackValues['alertmanager'] {
  if (!kps.chart) throw new Error('kube-prometheus-stack has no chart');
  return kps.chart.values.alertmanager;
}

describe('dead man\'s switch rendering (ADR 0058)', () => {
  const am = alertmanagerOf(render());
  const config = am.config as RenderedConfig;

  it('routes exactly the Watchdog first, without continuing, with its own timing', () => {
    expect(config.route.routes[0]).toEqual({ receiver: 'heartbeat', matchers: ['alertname="Watchdog"'], continue: false, group_wait: '0s', group_interval: '1m', repeat_interval: '1m' });
    // the environment's routes follow, InfoInhibitor still to the null receiver
    expect(config.route.routes.slice(1)).toEqual([{ receiver: 'blackhole', matchers: ['alertname="InfoInhibitor"'], continue: false }]);
  });

  it('renders the heartbeat as a webhook reading its URL from the mounted Secret key, never resolved, never inline', () => {
    const receiver = config.receivers.find((r) => r.name === 'heartbeat');
    expect(receiver).toEqual({ name: 'heartbeat', webhook_configs: [{ url_file: '/etc/alertmanager/secrets/alertmanager-heartbeat/url', send_resolved: false }] });
    const mount = am.alertmanagerSpec.volumeMounts.find((m) => m.name === 'secret-alertmanager-heartbeat');
    const volume = am.alertmanagerSpec.volumes.find((v) => v.name === 'secret-alertmanager-heartbeat');
    // url_file = <mountPath of the Secret's volume>/<key>
    expect(receiver?.webhook_configs?.[0].url_file).toBe(`${mount?.mountPath}/url`);
    expect(volume?.secret).toEqual({ secretName: 'alertmanager-heartbeat', optional: true });
    expect(JSON.stringify(config)).not.toMatch(/"url":|hc-ping|https:\/\//);
  });

  it('follows repeatIntervalMinutes and states the switch on the Alertmanager pods', () => {
    const slow = alertmanagerOf(render({ observability: { alertmanager: { deadMansSwitch: { repeatIntervalMinutes: 4, heartbeatPeriodMinutes: 10 } } } }));
    expect((slow.config as RenderedConfig).route.routes[0].repeat_interval).toBe('4m');
    expect(slow.alertmanagerSpec.podMetadata.annotations).toEqual({ [DEAD_MANS_SWITCH_ANNOTATION]: 'heartbeat: Watchdog to receiver heartbeat every 4m (service period 10m)' });
  });

  it('keeps HTTPS egress to anywhere (Slack, SNS, the heartbeat) and widens nothing else', () => {
    const https = render().namespace.egress?.filter((r) => r.peer === 'anywhere');
    expect(https?.map((r) => r.ports)).toEqual([[{ port: 443 }]]);
  });

  it('renders no heartbeat route or receiver when disabled; the environment\'s routes decide and the reason is annotated', () => {
    const dms = { kind: 'disabled', reason: 'a sandbox nobody is paged for' } as const;
    expect(deadMansSwitchRoute(dms)).toBeUndefined();
    expect(deadMansSwitchReceiver(dms)).toBeUndefined();
    expect(deadMansSwitchAnnotations(dms)).toEqual({ [DEAD_MANS_SWITCH_ANNOTATION]: 'disabled: a sandbox nobody is paged for' });
    const off = alertmanagerConfig({
      receivers: [{ kind: 'null', name: 'blackhole' }],
      defaultReceiver: 'blackhole',
      routes: [{ matchers: ['alertname=~"Watchdog|InfoInhibitor"'], receiver: 'blackhole', continue: false }],
      deadMansSwitch: dms,
    }) as unknown as RenderedConfig;
    expect(off.route.routes).toEqual([{ receiver: 'blackhole', matchers: ['alertname=~"Watchdog|InfoInhibitor"'], continue: false }]);
    expect(off.receivers).toEqual([{ name: 'blackhole' }]);
  });
});
