import { ConfigError } from '@platform/config';
import { fixtureEnvironment, SECURITY_ADDONS_ENABLED } from '@platform/config/testing';
import { Addon, serviceUrl } from '@platform/k8s-core';
import { CertManagerAddon, ExternalSecretsAddon, OpenBaoAddon } from '@platform/k8s-security';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { alertmanagerConfig, alertmanagerSecrets } from './alertmanager-config';
import { DISABLED_DEFAULT_RULES } from './default-rules';
import { KubePrometheusStackAddon } from './kube-prometheus-stack-addon';

function render(patch: Parameters<typeof fixtureEnvironment>[0] = {}): KubePrometheusStackAddon {
  const env = fixtureEnvironment(patch);
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  return new KubePrometheusStackAddon(app, 'kube-prometheus-stack', { env, dependsOn: [base] });
}

function chartOf(kps: KubePrometheusStackAddon): NonNullable<KubePrometheusStackAddon['chart']> {
  if (!kps.chart) throw new Error('kube-prometheus-stack has no chart');
  return kps.chart;
}

describe('KubePrometheusStackAddon', () => {
  it('keeps the operator and its CRDs (server-side applied), turns the Prometheus server and the bundled Grafana off', () => {
    const kps = render();
    const v = chartOf(kps).values;
    expect(chartOf(kps).serverSideApply).toBe(true);
    expect(v.crds).toEqual({ enabled: true, upgradeJob: { enabled: false } });
    expect(v.prometheusOperator.enabled).toBe(true);
    expect(v.prometheus.enabled).toBe(false);
    expect(v.grafana.enabled).toBe(false);
  });

  it('switches off exactly the default rule groups that cannot see a series on EKS, each with a reason', () => {
    const rules = chartOf(render()).values.defaultRules.rules;
    expect(rules).toEqual({ etcd: false, kubeControllerManager: false, kubeProxy: false, kubeSchedulerAlerting: false, kubeSchedulerRecording: false, prometheus: false, windows: false });
    for (const reason of Object.values(DISABLED_DEFAULT_RULES)) expect(reason.length).toBeGreaterThan(20);
  });

  it('runs Alertmanager HA across zones from 2 replicas, single without anti-affinity or PDB', () => {
    const ha = chartOf(render({ observability: { alertmanager: { replicas: 3 } } })).values.alertmanager;
    expect(ha.alertmanagerSpec).toMatchObject({ replicas: 3, podAntiAffinity: 'hard', podAntiAffinityTopologyKey: 'topology.kubernetes.io/zone' });
    expect(ha.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
    const single = chartOf(render({ observability: { alertmanager: { replicas: 1 } } })).values.alertmanager;
    expect(single.alertmanagerSpec.podAntiAffinity).toBe('');
    expect(single.podDisruptionBudget.enabled).toBe(false);
  });

  it('mounts the Slack webhook Secret optional (it may arrive after the Alertmanager starts) and reads the URL from a file (never inline)', () => {
    const am = chartOf(render()).values.alertmanager;
    expect(am.alertmanagerSpec.volumes).toEqual([
      { name: 'secret-alertmanager-heartbeat', secret: { secretName: 'alertmanager-heartbeat', optional: true } },
      { name: 'secret-alertmanager-slack', secret: { secretName: 'alertmanager-slack', optional: true } },
    ]);
    expect(am.alertmanagerSpec.volumeMounts).toEqual([
      { name: 'secret-alertmanager-heartbeat', mountPath: '/etc/alertmanager/secrets/alertmanager-heartbeat', readOnly: true },
      { name: 'secret-alertmanager-slack', mountPath: '/etc/alertmanager/secrets/alertmanager-slack', readOnly: true },
    ]);
    expect(am.alertmanagerSpec).not.toHaveProperty('secrets');
    expect(JSON.stringify(am.config)).toContain('"api_url_file":"/etc/alertmanager/secrets/alertmanager-slack/webhookUrl"');
    expect(JSON.stringify(am.config)).not.toContain('hooks.slack.com');
  });

  it('lists each receiver Secret once with every key the receivers read from it', () => {
    const webhook = (name: string, key: string) => ({ name, key });
    expect(
      alertmanagerSecrets([
        { kind: 'slack', name: 'b', channel: '#b', webhookUrlSecret: webhook('slack-b', 'url') },
        { kind: 'slack', name: 'a', channel: '#a', webhookUrlSecret: webhook('slack-a', 'webhookUrl') },
        { kind: 'slack', name: 'c', channel: '#c', webhookUrlSecret: webhook('slack-a', 'other') },
        { kind: 'null', name: 'n' },
      ]),
    ).toEqual([
      { name: 'slack-a', keys: ['other', 'webhookUrl'] },
      { name: 'slack-b', keys: ['url'] },
    ]);
  });

  it('with External Secrets: delivers the receivers\' Secrets from kv/<env>/monitoring/<name> through the store openbao, without depending on it', () => {
    const env = fixtureEnvironment({ addons: { enabled: SECURITY_ADDONS_ENABLED } });
    const app = Testing.app();
    const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
    const certManager = new CertManagerAddon(app, 'cert-manager', { env, dependsOn: [base] });
    const openbao = new OpenBaoAddon(app, 'openbao', { env, certManager, dependsOn: [base] });
    const externalSecrets = new ExternalSecretsAddon(app, 'external-secrets', { env, certManager, openbao, dependsOn: [base] });
    const kps = new KubePrometheusStackAddon(app, 'kube-prometheus-stack', { env, dependsOn: [base], externalSecrets });
    const objects = externalSecrets.manifestCharts.flatMap((c) => c.toJson() as { kind: string; metadata: { name: string; namespace: string }; spec: Record<string, unknown> }[]);
    const monitoring = objects.filter((o) => o.kind === 'ExternalSecret' && o.metadata.namespace === 'monitoring');
    const mounted = chartOf(kps).values.alertmanager.alertmanagerSpec.volumes.map((v) => v.secret.secretName);
    expect(monitoring.map((o) => o.metadata.name)).toEqual(mounted);
    expect(monitoring.find((o) => o.metadata.name === 'alertmanager-slack')?.spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'openbao' },
      target: { name: 'alertmanager-slack' },
      data: [{ secretKey: 'webhookUrl', remoteRef: { key: `${env.name}/monitoring/alertmanager-slack`, property: 'webhookUrl' } }],
    });
    // the heartbeat URL travels the same path as the Slack webhook
    expect(monitoring.find((o) => o.metadata.name === 'alertmanager-heartbeat')?.spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'openbao' },
      target: { name: 'alertmanager-heartbeat' },
      data: [{ secretKey: 'url', remoteRef: { key: `${env.name}/monitoring/alertmanager-heartbeat`, property: 'url' } }],
    });
    expect(kps.secrets.map((s) => s.path)).toEqual([`${env.name}/monitoring/alertmanager-heartbeat`, `${env.name}/monitoring/alertmanager-slack`]);
    expect(externalSecrets.consumerNamespaces).toContain('monitoring');
    // its CRDs precede every other layer's monitors: it must not wait for External Secrets
    expect(kps.dependsOn).toEqual([base]);
  });

  it('renders routes in order under the default receiver, with critical inhibiting warning', () => {
    const config = alertmanagerConfig({
      receivers: [{ kind: 'null', name: 'blackhole' }, { kind: 'null', name: 'b' }],
      defaultReceiver: 'b',
      routes: [{ matchers: ['alertname="Watchdog"'], receiver: 'blackhole', continue: false }],
      deadMansSwitch: { kind: 'disabled', reason: 'a unit test without a heartbeat service' },
    });
    expect(config.route).toMatchObject({ receiver: 'b', routes: [{ receiver: 'blackhole', matchers: ['alertname="Watchdog"'], continue: false }] });
    expect(config.inhibit_rules).toEqual([{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'namespace'] }]);
  });

  it('an sns receiver publishes to the alerts topic through the alertmanager Pod Identity, no keys', () => {
    const kps = render({
      observability: { alertmanager: { receivers: [{ kind: 'sns', name: 'pager' }], defaultReceiver: 'pager', routes: [] } },
    } as Parameters<typeof fixtureEnvironment>[0]);
    const v = chartOf(kps).values.alertmanager;
    expect(v.serviceAccount).toEqual({ create: false, name: 'alertmanager' });
    expect(kps.podIdentity('alertmanager').permissions).toEqual([{ kind: 'sns-publish-alerts' }]);
    const receivers = (v.config as { receivers: { name: string; sns_configs?: Record<string, unknown>[] }[] }).receivers;
    expect(receivers[0].sns_configs?.[0]).toMatchObject({ topic_arn: 'arn:aws:sns:eu-west-1:111122223333:acme-test-alerts', sigv4: { region: 'eu-west-1' }, send_resolved: true });
    expect(JSON.stringify(v.config)).not.toMatch(/access_key|secret_key/);
    expect(() => alertmanagerConfig({ receivers: [{ kind: 'sns', name: 'pager' }], defaultReceiver: 'pager', routes: [], deadMansSwitch: { kind: 'disabled', reason: 'a unit test without a heartbeat service' } })).toThrow('Alertmanager receiver pager: kind sns needs the alerts topic');
  });

  it('exports the Alertmanager as a ServiceEndpoint', () => {
    expect(serviceUrl(render().alertmanagerEndpoint)).toBe('http://kube-prometheus-stack-alertmanager.monitoring.svc.cluster.local:9093');
  });

  it('puts node-exporter in its own privileged namespace, monitoring stays restricted', () => {
    const kps = render();
    expect(chartOf(kps).values['prometheus-node-exporter'].namespaceOverride).toBe('monitoring-node-exporter');
    expect(kps.namespaces.find((n) => n.name === 'monitoring-node-exporter')?.podSecurity?.level).toBe('privileged');
    expect(kps.namespace.podSecurity).toBeUndefined();
  });
});

describe('observability.alertmanager schema', () => {
  it('rejects a route to an undeclared receiver, naming the field and the known receivers', () => {
    expect(() => fixtureEnvironment({ observability: { alertmanager: { routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }] } } })).toThrow(ConfigError);
    expect(() => fixtureEnvironment({ observability: { alertmanager: { routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }] } } })).toThrow(
      /observability\.alertmanager\.routes\[0\]\.receiver.*receiver "pager" is not declared in receivers \(blackhole, platform\)/,
    );
  });

  it('rejects a duplicate receiver name and a malformed matcher', () => {
    expect(() => fixtureEnvironment({ observability: { alertmanager: { receivers: [{ kind: 'null', name: 'platform' }, { kind: 'null', name: 'platform' }] } } })).toThrow(/receivers\[1\]\.name.*declared twice/);
    expect(() => fixtureEnvironment({ observability: { alertmanager: { routes: [{ matchers: ['severity=critical'], receiver: 'platform' }] } } })).toThrow(/must be a matcher such as severity="critical"/);
  });

  it('rejects 0 replicas', () => {
    expect(() => fixtureEnvironment({ observability: { alertmanager: { replicas: 0 } } })).toThrow(/observability\.alertmanager\.replicas/);
  });
});
