import { synthClusterAddons } from '@platform/cluster-addons';
import { parse, parseAllDocuments } from 'yaml';
import { loadEnvironment } from './environment-loader';

interface Route {
  readonly receiver: string;
  readonly matchers: string[];
  readonly continue: boolean;
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
}
interface AlertmanagerValues {
  readonly config: {
    readonly route: { readonly receiver: string; readonly routes: Route[] };
    readonly receivers: { readonly name: string; readonly webhook_configs?: { readonly url_file: string; readonly send_resolved: boolean }[] }[];
  };
  readonly alertmanagerSpec: {
    readonly podMetadata: { readonly annotations: Record<string, string> };
    readonly volumes: { readonly name: string; readonly secret: { readonly secretName: string } }[];
    readonly volumeMounts: { readonly name: string; readonly mountPath: string }[];
  };
}
interface ExternalSecret {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: { readonly data: { readonly secretKey: string; readonly remoteRef: { readonly key: string; readonly property: string } }[] };
}

/** The Alertmanager values and the monitoring ExternalSecrets synthesized for a real environment (environments/<name>/env.ts). */
function rendered(name: string): { alertmanager: AlertmanagerValues; externalSecrets: ExternalSecret[] } {
  const files = synthClusterAddons(loadEnvironment(name)).files;
  const content = (path: string): string => files.find((f) => f.path === path)?.content ?? '';
  const app = parse(content('kubernetes/apps/kube-prometheus-stack.yaml')) as { spec: { sources: { helm?: { valuesObject: { alertmanager: AlertmanagerValues } } }[] } };
  const alertmanager = app.spec.sources.flatMap((s) => (s.helm ? [s.helm.valuesObject.alertmanager] : []))[0];
  const externalSecrets = parseAllDocuments(content('kubernetes/addons/external-secrets/external-secrets.yaml'))
    .map((d) => d.toJS() as ExternalSecret)
    .filter((o) => o.kind === 'ExternalSecret' && o.metadata.namespace === 'monitoring');
  return { alertmanager, externalSecrets };
}

/** The Watchdog heartbeat per real environment (ADR 0058): staging and prod ping a heartbeat service, dev opts out with a reason. */
describe.each(['staging', 'prod'])('dead man\'s switch of %s', (name) => {
  const { alertmanager, externalSecrets } = rendered(name);
  const env = loadEnvironment(name);
  const dms = env.observability.alertmanager.deadMansSwitch;

  it('routes the Watchdog first, alone, to the heartbeat receiver, repeating every minute', () => {
    expect(dms.kind).toBe('heartbeat');
    expect(alertmanager.config.route.routes[0]).toEqual({ receiver: 'heartbeat', matchers: ['alertname="Watchdog"'], continue: false, group_wait: '0s', group_interval: '1m', repeat_interval: '1m' });
    // no later route sees the Watchdog: InfoInhibitor alone goes to the null receiver
    const later = alertmanager.config.route.routes.slice(1).flatMap((r) => r.matchers);
    expect(later.filter((m) => m.includes('Watchdog'))).toEqual([]);
    expect(alertmanager.config.route.routes.find((r) => r.matchers.includes('alertname="InfoInhibitor"'))?.receiver).toBe('blackhole');
    expect(alertmanager.config.receivers.find((r) => r.name === 'blackhole')).toEqual({ name: 'blackhole' });
  });

  it('reads the heartbeat URL from the mounted Secret delivered from OpenBao, never resolved', () => {
    const receiver = alertmanager.config.receivers.find((r) => r.name === 'heartbeat');
    const mount = alertmanager.alertmanagerSpec.volumeMounts.find((m) => m.name === 'secret-alertmanager-heartbeat');
    expect(receiver?.webhook_configs).toEqual([{ url_file: `${mount?.mountPath}/url`, send_resolved: false }]);
    expect(mount?.mountPath).toBe('/etc/alertmanager/secrets/alertmanager-heartbeat');
    expect(alertmanager.alertmanagerSpec.volumes.find((v) => v.name === 'secret-alertmanager-heartbeat')?.secret.secretName).toBe('alertmanager-heartbeat');
    expect(externalSecrets.find((o) => o.metadata.name === 'alertmanager-heartbeat')?.spec.data).toEqual([{ secretKey: 'url', remoteRef: { key: `${name}/monitoring/alertmanager-heartbeat`, property: 'url' } }]);
  });

  it('sets the heartbeat service period above the Alertmanager cadence', () => {
    if (dms.kind !== 'heartbeat') throw new Error(`${name} has no heartbeat`);
    expect(dms.heartbeatPeriodMinutes).toBeGreaterThanOrEqual(dms.repeatIntervalMinutes + 1);
  });
});

describe('dead man\'s switch of dev', () => {
  const { alertmanager, externalSecrets } = rendered('dev');
  const dms = loadEnvironment('dev').observability.alertmanager.deadMansSwitch;

  it('opts out with a reason that operators see on the Alertmanager pods', () => {
    if (dms.kind !== 'disabled') throw new Error('dev is expected to opt out');
    expect(alertmanager.alertmanagerSpec.podMetadata.annotations).toEqual({ 'platform.io/dead-mans-switch': `disabled: ${dms.reason}` });
  });

  it('renders no heartbeat receiver, route or Secret; the Watchdog stays on the null receiver', () => {
    expect(alertmanager.config.receivers.map((r) => r.name)).not.toContain('heartbeat');
    expect(alertmanager.config.route.routes[0]).toEqual({ receiver: 'blackhole', matchers: ['alertname=~"Watchdog|InfoInhibitor"'], continue: false });
    expect(externalSecrets.map((o) => o.metadata.name)).toEqual(['alertmanager-slack']);
  });
});
