import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_SERVICES_FIXTURE, fixtureEnvironment } from '@platform/config/testing';
import { ClusterBaselineAddon } from '@platform/k8s-baseline';
import { headingAnchor } from '@platform/k8s-observability';
import { CertManagerAddon } from '@platform/k8s-security';
import { Testing } from 'cdk8s';
import { CloudnativePgAddon } from '../cloudnative-pg/cloudnative-pg-addon';
import { KafkaClustersAddon } from '../kafka-clusters/kafka-clusters-addon';
import { PluginBarmanCloudAddon } from '../plugin-barman-cloud/plugin-barman-cloud-addon';
import { PostgresClustersAddon } from '../postgres-clusters/postgres-clusters-addon';
import { RedisCachesAddon } from '../redis-caches/redis-caches-addon';
import { RedisOperatorAddon } from '../redis-operator/redis-operator-addon';
import { StrimziKafkaOperatorAddon } from '../strimzi-kafka-operator/strimzi-kafka-operator-addon';
import { DATA_ALERTS_RUNBOOK, DataAlerts } from './data-alerts';

type Rule = { alert: string; labels: Record<string, string>; annotations: Record<string, string> };
type Obj = { kind: string; metadata: { name: string; namespace: string }; spec: { groups: { name: string; rules: Rule[] }[] } };

const BASE = 'https://git.example/platform/-/blob/main/docs/runbooks';
const RUNBOOK = readFileSync(join(__dirname, '../../../../../docs/runbooks', DATA_ALERTS_RUNBOOK), 'utf8');
const sections = new Set([...RUNBOOK.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => headingAnchor(m[1])));

/** Every alert the data layer renders for the data-services fixture (PostgreSQL, Kafka, Redis). */
function dataLayerAlerts() {
  const env = fixtureEnvironment(DATA_SERVICES_FIXTURE);
  const app = Testing.app();
  const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
  const cnpg = new CloudnativePgAddon(app, 'cloudnative-pg', { env, dependsOn: [baseline] });
  const certManager = new CertManagerAddon(app, 'cert-manager', { env, dependsOn: [baseline] });
  const barmanCloud = new PluginBarmanCloudAddon(app, 'plugin-barman-cloud', { env, operator: cnpg, certManager });
  const strimzi = new StrimziKafkaOperatorAddon(app, 'strimzi-kafka-operator', { env, dependsOn: [baseline] });
  const redisOperator = new RedisOperatorAddon(app, 'redis-operator', { env, dependsOn: [baseline] });
  const addons = [
    new PostgresClustersAddon(app, 'postgres-clusters', { env, operator: cnpg, barmanCloud }),
    new KafkaClustersAddon(app, 'kafka-clusters', { env, operator: strimzi }),
    new RedisCachesAddon(app, 'redis-caches', { env, operator: redisOperator }),
  ];
  const rules = addons.flatMap((a) => a.manifestCharts.flatMap((c) => c.toJson() as Obj[])).filter((o) => o.kind === 'PrometheusRule');
  return { env, alerts: rules.flatMap((r) => r.spec.groups.flatMap((g) => g.rules)) };
}

describe('DataAlerts', () => {
  it('renders summary, description and an absolute runbook_url into the alert section of data-alerts.md (no repo-relative runbook)', () => {
    const chart = Testing.chart();
    new DataAlerts(chart, 'a', {
      name: 'postgres-app',
      namespace: 'databases',
      runbookBaseUrl: BASE,
      alerts: [{ alert: 'PostgresWalArchivingStalled', expr: 'up == 0', for: '5m', severity: 'critical', summary: 'S', description: 'D' }],
    });
    const [rule] = Testing.synth(chart) as Obj[];
    expect(rule.metadata).toEqual({ name: 'postgres-app', namespace: 'databases' });
    expect(rule.spec.groups[0].rules[0]).toMatchObject({
      alert: 'PostgresWalArchivingStalled',
      labels: { severity: 'critical' },
      annotations: { summary: 'S', description: 'D', runbook_url: `${BASE}/data-alerts.md#postgreswalarchivingstalled` },
    });
    expect(rule.spec.groups[0].rules[0].annotations).not.toHaveProperty('runbook');
  });

  it('every alert of the PostgreSQL, Kafka and Redis instances links the environment runbook base URL and a section that exists', () => {
    const { env, alerts } = dataLayerAlerts();
    expect(alerts.map((a) => a.alert).sort()).toEqual(['KafkaOfflinePartitions', 'KafkaUnderReplicatedPartitions', 'PostgresWalArchiveFailing', 'PostgresWalArchivingStalled', 'RedisDown']);
    for (const a of alerts) {
      const url = new URL(a.annotations['runbook_url']);
      expect(`${url.origin}${url.pathname}`).toBe(`${env.observability.runbookBaseUrl}/${DATA_ALERTS_RUNBOOK}`);
      expect(sections).toContain(url.hash.slice(1));
      expect(a.annotations['summary']).toBeTruthy();
      expect(a.annotations['description']).toBeTruthy();
    }
  });
});
