/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk the provisioned datasource YAML structurally */
import { parser } from '@prometheus-io/lezer-promql';
import { fixtureEnvironment, SECURITY_ADDONS_ENABLED } from '@platform/config/testing';
import { Addon } from '@platform/k8s-core';
import { CertManagerAddon, ExternalSecretsAddon, OpenBaoAddon } from '@platform/k8s-security';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { platformSlos } from '../rules/platform-rule-groups';
import { dashboardJson } from './dashboard';
import { GrafanaAddon } from './grafana-addon';
import { platformDashboards } from './platform-dashboards';

const mimir = { namespace: 'mimir', service: 'mimir-query-frontend', port: 8080, path: '/prometheus' };
const loki = { namespace: 'loki', service: 'loki-query-frontend', port: 3100 };
const tempo = { namespace: 'tempo', service: 'tempo-query-frontend', port: 3200 };
const alertmanager = { namespace: 'monitoring', service: 'kube-prometheus-stack-alertmanager', port: 9093 };
const gateway = { namespace: 'istio-ingress', workload: 'platform-gateway-istio' };
const dashboards = platformDashboards({ certManager: true, mesh: true, ingressGateway: gateway, slos: platformSlos(gateway) });

type Datasource = { name: string; uid: string; type: string; url: string; isDefault?: boolean; jsonData: Record<string, any> };

function render(withTempo = true, patch: Parameters<typeof fixtureEnvironment>[0] = {}) {
  const env = fixtureEnvironment(patch);
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  const grafana = new GrafanaAddon(app, 'grafana', { env, dependsOn: [base], mimir, loki, tempo: withTempo ? tempo : undefined, alertmanager, dashboards });
  if (!grafana.chart) throw new Error('no chart');
  const values = grafana.chart.values;
  const datasources = (values.datasources['datasources.yaml'] as { datasources: Datasource[] }).datasources;
  return { grafana, values, datasources };
}

/** Grafana composed with the security layer's External Secrets (cert-manager, OpenBao, store `openbao`). */
function renderWithExternalSecrets() {
  const env = fixtureEnvironment({ addons: { enabled: SECURITY_ADDONS_ENABLED } });
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  const certManager = new CertManagerAddon(app, 'cert-manager', { env, dependsOn: [base] });
  const openbao = new OpenBaoAddon(app, 'openbao', { env, certManager, dependsOn: [base] });
  const externalSecrets = new ExternalSecretsAddon(app, 'external-secrets', { env, certManager, openbao, dependsOn: [base] });
  const grafana = new GrafanaAddon(app, 'grafana', { env, dependsOn: [base], mimir, loki, alertmanager, dashboards, externalSecrets });
  type ExternalSecretJson = { kind: string; metadata: { name: string; namespace: string }; spec: { secretStoreRef: unknown; target: { name: string }; data: { secretKey: string; remoteRef: { key: string; property: string } }[] } };
  const externalSecretObjects = externalSecrets.manifestCharts.flatMap((c) => c.toJson() as ExternalSecretJson[]).filter((o) => o.kind === 'ExternalSecret' && o.metadata.namespace === 'grafana');
  return { env, grafana, externalSecrets, openbao, externalSecretObjects };
}

describe('GrafanaAddon', () => {
  it('provisions Mimir (default), Loki, Tempo and Alertmanager from the typed endpoints, none editable', () => {
    const { datasources } = render();
    expect(datasources.map((d) => [d.uid, d.type, d.url])).toEqual([
      ['mimir', 'prometheus', 'http://mimir-query-frontend.mimir.svc.cluster.local:8080/prometheus'],
      ['loki', 'loki', 'http://loki-query-frontend.loki.svc.cluster.local:3100'],
      ['tempo', 'tempo', 'http://tempo-query-frontend.tempo.svc.cluster.local:3200'],
      ['alertmanager', 'alertmanager', 'http://kube-prometheus-stack-alertmanager.monitoring.svc.cluster.local:9093'],
    ]);
    expect(datasources.find((d) => d.uid === 'mimir')?.isDefault).toBe(true);
    expect(datasources.every((d) => (d as { editable?: boolean }).editable === false)).toBe(true);
  });

  it('links traces to logs and metrics, and log trace ids to Tempo', () => {
    const { datasources } = render();
    const t = datasources.find((d) => d.uid === 'tempo')?.jsonData ?? {};
    expect(t['tracesToLogsV2']).toMatchObject({ datasourceUid: 'loki', filterByTraceID: true });
    expect(t['tracesToMetrics']).toMatchObject({ datasourceUid: 'mimir' });
    expect(t['serviceMap']).toEqual({ datasourceUid: 'mimir' });
    expect(datasources.find((d) => d.uid === 'loki')?.jsonData['derivedFields'][0]).toMatchObject({ name: 'TraceID', datasourceUid: 'tempo' });
  });

  it('without Tempo: no Tempo datasource and no trace links from Loki', () => {
    const { datasources } = render(false);
    expect(datasources.map((d) => d.uid)).toEqual(['mimir', 'loki', 'alertmanager']);
    expect(datasources.find((d) => d.uid === 'loki')?.jsonData['derivedFields']).toBeUndefined();
  });

  it('logs in through OIDC only: generic OAuth with PKCE, admin group -> Admin, client secret from a Secret', () => {
    const { values } = render();
    const ini = values['grafana.ini'];
    expect(ini['auth']).toEqual({ disable_login_form: true, oauth_auto_login: true });
    expect(ini['auth.generic_oauth']).toMatchObject({
      enabled: true,
      client_id: 'grafana-test',
      use_pkce: true,
      token_url: 'https://acme.okta.example/oauth2/default/v1/token',
      role_attribute_path: "contains(groups[*], 'platform-admins') && 'Admin' || 'Viewer'",
    });
    expect(JSON.stringify(ini)).not.toContain('client_secret');
    expect(values.envValueFrom).toEqual({ GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: { secretKeyRef: { name: 'grafana-oidc', key: 'clientSecret' } } });
    expect(values.admin.existingSecret).toBe('grafana-admin');
  });

  it('with External Secrets: delivers exactly the Secrets its values reference, from kv/<env>/grafana/<name> through the store openbao', () => {
    const { env, grafana, externalSecrets, openbao, externalSecretObjects } = renderWithExternalSecrets();
    const values = grafana.chart?.values;
    if (!values) throw new Error('no chart');
    const oidc = values.envValueFrom['GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET'].secretKeyRef;
    const byName = new Map(externalSecretObjects.map((o) => [o.metadata.name, o]));
    expect([...byName.keys()].sort()).toEqual([values.admin.existingSecret, oidc.name].sort());
    expect(byName.get(oidc.name)?.spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'openbao' },
      target: { name: oidc.name },
      data: [{ secretKey: oidc.key, remoteRef: { key: `${env.name}/grafana/${oidc.name}`, property: oidc.key } }],
    });
    expect(byName.get(values.admin.existingSecret)?.spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'openbao' },
      target: { name: 'grafana-admin' },
      data: [
        { secretKey: values.admin.userKey, remoteRef: { key: `${env.name}/grafana/grafana-admin`, property: 'admin-user' } },
        { secretKey: values.admin.passwordKey, remoteRef: { key: `${env.name}/grafana/grafana-admin`, property: 'admin-password' } },
      ],
    });
    expect(grafana.secrets.map((s) => s.path)).toEqual([`${env.name}/grafana/grafana-oidc`, `${env.name}/grafana/grafana-admin`]);
    // the grafana namespace is a registered consumer (store conditions, OpenBao's External Secrets role) and Grafana syncs after the Secrets
    expect(externalSecrets.consumerNamespaces).toContain('grafana');
    expect(openbao.reconciledState().roles.find((r) => r.name === 'managed-external-secrets')?.boundServiceAccountNamespaces).toContain('grafana');
    expect(grafana.dependsOn).toContain(externalSecrets);
  });

  it('without External Secrets: no ExternalSecret, the values still reference the two Secrets to create by hand', () => {
    const { grafana, values } = render();
    expect(grafana.secrets).toEqual([]);
    expect(values.admin.existingSecret).toBe('grafana-admin');
  });

  it('is served at grafana.<domain> by an internet-facing ALB open only to observability.grafana.sourceCidrs', () => {
    const { values, grafana } = render(true, { observability: { grafana: { sourceCidrs: ['203.0.113.0/24', '198.51.100.0/24'] } } });
    expect(values.ingress).toMatchObject({ enabled: true, ingressClassName: 'alb', hosts: ['grafana.test.acme.example'] });
    expect(values.ingress.annotations['alb.ingress.kubernetes.io/inbound-cidrs']).toBe('203.0.113.0/24,198.51.100.0/24');
    expect(values.ingress.annotations['alb.ingress.kubernetes.io/listen-ports']).toBe('[{"HTTPS":443}]');
    expect(grafana.url).toBe('https://grafana.test.acme.example');
    expect(values['grafana.ini']['server']).toMatchObject({ root_url: 'https://grafana.test.acme.example' });
  });

  it('mounts one dashboards ConfigMap (no sidecar, no RBAC) with one dashboard per platform layer and the SLOs', () => {
    const { grafana, values } = render();
    expect(values.sidecar).toEqual({ dashboards: { enabled: false }, datasources: { enabled: false } });
    expect(values.rbac).toEqual({ create: false });
    const [cm] = grafana.manifestCharts.flatMap((c) => c.toJson()) as { kind: string; metadata: { name: string }; data: Record<string, string> }[];
    expect(cm.metadata.name).toBe('grafana-dashboards-platform');
    expect(Object.keys(cm.data).sort()).toEqual(['platform-argocd.json', 'platform-certificates.json', 'platform-cluster.json', 'platform-ingress.json', 'platform-karpenter.json', 'platform-mesh.json', 'platform-slos.json']);
    expect(values.dashboardsConfigMaps).toEqual({ platform: 'grafana-dashboards-platform' });
  });

  it('every dashboard query parses as PromQL (Grafana interval variables replaced)', () => {
    for (const d of dashboards) {
      for (const p of d.panels) {
        const text = p.expr.replace(/\$__rate_interval/g, '5m');
        const errors: number[] = [];
        parser.parse(text).iterate({ enter: (n) => void (n.type.isError && errors.push(n.from)) });
        expect([d.uid, p.title, errors]).toEqual([d.uid, p.title, []]);
      }
    }
  });

  it('rejects a dashboard without panels or with a bad uid, and 0.0.0.0/0 as a source CIDR', () => {
    expect(() => dashboardJson({ uid: 'x', title: 'X', tags: [], panels: [] })).toThrow('dashboard x: has no panels');
    expect(() => dashboardJson({ uid: 'Bad Uid', title: 'X', tags: [], panels: [{ title: 'a', expr: 'up' }] })).toThrow('uid "Bad Uid" must be');
    expect(() => fixtureEnvironment({ observability: { grafana: { sourceCidrs: ['0.0.0.0/0'] } } })).toThrow(/observability\.grafana\.sourceCidrs\[0\]: "0\.0\.0\.0\/0" opens Grafana to the internet/);
  });
});

describe('GrafanaAddon replicas (observability.grafana.replicas)', () => {
  function renderReplicas(replicas: number) {
    const fixture = fixtureEnvironment();
    const env = { ...fixture, observability: { ...fixture.observability, grafana: { ...fixture.observability.grafana, replicas, storageGiB: replicas > 1 ? undefined : 5 } } };
    const app = Testing.app();
    const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
    const grafana = new GrafanaAddon(app, 'grafana', { env, dependsOn: [base], mimir, loki, alertmanager, dashboards });
    if (!grafana.chart) throw new Error('no chart');
    return grafana.chart.values;
  }

  it('one replica keeps its database on a gp3 volume, no PDB, no spread, no stickiness', () => {
    const values = renderReplicas(1);
    expect(values.replicas).toBe(1);
    expect(values.persistence).toEqual({ enabled: true, type: 'pvc', size: '5Gi', accessModes: ['ReadWriteOnce'] });
    expect([values.podDisruptionBudget, values.topologySpreadConstraints]).toEqual([undefined, undefined]);
    expect(values.ingress.annotations['alb.ingress.kubernetes.io/target-group-attributes']).toBeUndefined();
  });

  it('two replicas: no zonal single-attach volume, one pod per zone, one down at a time, sticky ALB sessions', () => {
    const values = renderReplicas(2);
    expect(values.replicas).toBe(2);
    expect(values.persistence).toEqual({ enabled: false });
    expect(values.podDisruptionBudget).toEqual({ maxUnavailable: 1 });
    expect(values.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'grafana' } } },
    ]);
    expect(values.ingress.annotations['alb.ingress.kubernetes.io/target-group-attributes']).toBe('stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=86400');
  });

  it('refuses a volume size with replicas 2+, and no volume size with one replica, naming the field and the fix', () => {
    expect(() => fixtureEnvironment({ observability: { grafana: { replicas: 2 } } })).toThrow(/observability\.grafana\.storageGiB: 5 is set but replicas is 2: .*remove storageGiB/);
    expect(() => fixtureEnvironment({ observability: { grafana: { replicas: 0 } } })).toThrow(/observability\.grafana\.replicas/);
  });
});
