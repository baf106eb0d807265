import { DATA_SERVICES_FIXTURE, fixtureEnvironment } from '@platform/config/testing';
import { ClusterBaselineAddon } from '@platform/k8s-baseline';
import { CertManagerAddon } from '@platform/k8s-security';
import { Testing } from 'cdk8s';
import { CloudnativePgAddon } from '../cloudnative-pg/cloudnative-pg-addon';
import { BARMAN_CLOUD_PLUGIN_NAME, PluginBarmanCloudAddon } from '../plugin-barman-cloud/plugin-barman-cloud-addon';
import { PostgresClustersAddon } from './postgres-clusters-addon';
import { PostgresRecovery } from './postgres-recovery';

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec: Record<string, unknown> };

function compose(data: Partial<typeof DATA_SERVICES_FIXTURE.data> = {}) {
  const env = fixtureEnvironment({ ...DATA_SERVICES_FIXTURE, data: { ...DATA_SERVICES_FIXTURE.data, ...data } });
  const app = Testing.app();
  const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
  const operator = new CloudnativePgAddon(app, 'cloudnative-pg', { env, dependsOn: [baseline] });
  const certManager = new CertManagerAddon(app, 'cert-manager', { env, dependsOn: [baseline] });
  const barmanCloud = new PluginBarmanCloudAddon(app, 'plugin-barman-cloud', { env, operator, certManager });
  const postgres = new PostgresClustersAddon(app, 'postgres-clusters', { env, operator, barmanCloud });
  baseline.secureNamespaces([baseline, certManager, operator, barmanCloud, postgres]);
  const objects = postgres.manifestCharts.flatMap((c) => c.toJson() as Obj[]);
  const policies = baseline.manifestFile('network-policies').toJson() as Obj[];
  return { env, postgres, objects, policies, of: (kind: string) => objects.filter((o) => o.kind === kind) };
}

describe('PostgresClustersAddon', () => {
  it('installs the Barman Cloud plugin after the operator and cert-manager (its mTLS certificates)', () => {
    const env = fixtureEnvironment(DATA_SERVICES_FIXTURE);
    const app = Testing.app();
    const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
    const operator = new CloudnativePgAddon(app, 'cloudnative-pg', { env, dependsOn: [baseline] });
    const certManager = new CertManagerAddon(app, 'cert-manager', { env, dependsOn: [baseline] });
    const barmanCloud = new PluginBarmanCloudAddon(app, 'plugin-barman-cloud', { env, operator, certManager });
    expect(barmanCloud.dependsOn).toEqual([operator, certManager]);
  });


  it('renders a zone-spread cluster on encrypted gp3 with the backup identity and the plugin as WAL archiver', () => {
    const { of } = compose();
    const [cluster] = of('Cluster');
    expect(cluster.metadata).toEqual({ name: 'app-pg', namespace: 'databases' });
    expect(cluster.spec).toMatchObject({
      instances: 3,
      imageName: 'ghcr.io/cloudnative-pg/postgresql:17.8-standard-trixie',
      enableSuperuserAccess: false,
      serviceAccountName: 'platform-postgres',
      storage: { size: '20Gi', storageClass: 'gp3-encrypted' },
      affinity: { enablePodAntiAffinity: true, topologyKey: 'topology.kubernetes.io/zone', podAntiAffinityType: 'required' },
      postgresql: { parameters: { archive_timeout: '5min' } },
      bootstrap: { initdb: { database: 'app', owner: 'app' } },
      plugins: [{ name: BARMAN_CLOUD_PLUGIN_NAME, isWALArchiver: true, parameters: { barmanObjectName: 'app-pg-backup' } }],
    });
    expect(cluster.spec['backup']).toBeUndefined(); // never the deprecated in-tree barmanObjectStore
  });

  it('backs up to the backups bucket under the pod identity prefix, on the schedule, with the retention from the environment', () => {
    const { of } = compose();
    const [store] = of('ObjectStore');
    expect(store.spec['configuration']).toMatchObject({ destinationPath: 's3://acme-test-backups-111122223333/cnpg-backup', s3Credentials: { inheritFromIAMRole: true } });
    expect(store.spec['retentionPolicy']).toBe('14d');
    const [scheduled] = of('ScheduledBackup');
    expect(scheduled.spec).toMatchObject({ schedule: '0 0 2 * * *', method: 'plugin', pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN_NAME }, cluster: { name: 'app-pg' } });
  });

  it('declares the databases, the pooler and the PodMonitor where asked', () => {
    const { of } = compose();
    expect(of('Database').map((d) => d.spec)).toEqual([{ name: 'app', owner: 'app', cluster: { name: 'app-pg' }, ensure: 'present', databaseReclaimPolicy: 'retain' }]);
    expect(of('Pooler')[0].spec).toMatchObject({ instances: 2, type: 'rw', pgbouncer: { poolMode: 'transaction' } });
    expect(of('PodMonitor')[0].spec['selector']).toEqual({ matchLabels: { 'cnpg.io/cluster': 'app-pg', 'cnpg.io/podRole': 'instance' } });
    const bare = compose({ postgres: [{ ...DATA_SERVICES_FIXTURE.data.postgres[0], pooler: undefined, podMonitor: false }] });
    expect(bare.of('Pooler')).toEqual([]);
    expect(bare.of('PodMonitor')).toEqual([]);
    expect(bare.of('PrometheusRule')).toEqual([]);
    const alerts = (of('PrometheusRule')[0].spec['groups'] as { rules: { alert: string; expr: string }[] }[])[0].rules;
    expect(alerts.map((a) => a.alert)).toEqual(['PostgresWalArchivingStalled', 'PostgresWalArchiveFailing']);
    expect(alerts[0].expr).toBe('max by (namespace, pod) (cnpg_pg_stat_archiver_seconds_since_last_archival{namespace="databases",pod=~"app-pg-[0-9]+"}) > 900');
  });

  it('returns a typed connection through the pooler, and names a missing cluster or database', () => {
    const { postgres } = compose();
    expect(postgres.database('app-pg', 'app')).toEqual({
      kind: 'postgres',
      cluster: 'app-pg',
      host: 'app-pg-pooler-rw.databases.svc.cluster.local',
      readOnlyHost: 'app-pg-ro.databases.svc.cluster.local',
      port: 5432,
      database: 'app',
      username: 'app',
      credentials: { namespace: 'databases', name: 'app-pg-app', usernameKey: 'username', passwordKey: 'password' },
      consumers: ['team-a'],
    });
    expect(() => postgres.database('app-pg', 'billing')).toThrow('test: PostgresCluster app-pg: no database "billing" (declared: app)');
    expect(() => postgres.database('missing', 'app')).toThrow('test: no PostgreSQL cluster "missing" in data.postgres (declared: app-pg)');
  });

  it('admits only the declared consumers and the operator, and lets the pods reach S3', () => {
    const { policies } = compose();
    const inDb = policies.filter((p) => p.metadata.namespace === 'databases');
    const instanceIngress = inDb.find((p) => p.metadata.name === 'allow-ingress-app-pg');
    const froms = (instanceIngress?.spec['ingress'] as { from: { namespaceSelector: { matchLabels: Record<string, string> } }[] }[]).map((r) => r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']);
    expect(froms.sort()).toEqual(['alloy', 'cnpg-system', 'team-a']);
    const egress = inDb.find((p) => p.metadata.name === 'allow-egress');
    expect(JSON.stringify(egress?.spec['egress'])).toContain('"port":443');
  });
});

describe('PostgresRecovery', () => {
  const base = {
    name: 'app-pg-restore',
    namespace: 'databases',
    source: { clusterName: 'app-pg', objectStoreName: 'app-pg-backup' },
    postgresMajor: 17 as const,
    instances: 1,
    storageGiB: 20,
    storageClass: 'gp3-encrypted',
    resources: { cpu: 0.5, memoryMiB: 1024 },
    serviceAccountName: 'platform-postgres',
    priorityClassName: 'platform-high',
  };

  it('renders a Cluster recovering from the source object store up to the target time', () => {
    const chart = Testing.chart();
    new PostgresRecovery(chart, 'pitr', { ...base, targetTime: '2026-12-05T03:00:00Z' });
    const [cluster] = Testing.synth(chart) as Obj[];
    expect(cluster.spec['bootstrap']).toEqual({ recovery: { source: 'origin', recoveryTarget: { targetTime: '2026-12-05T03:00:00Z' } } });
    expect(cluster.spec['externalClusters']).toEqual([{ name: 'origin', plugin: { name: BARMAN_CLOUD_PLUGIN_NAME, parameters: { barmanObjectName: 'app-pg-backup', serverName: 'app-pg' } } }]);
    expect(cluster.spec['plugins']).toBeUndefined(); // never archives into the source's WAL archive
  });

  it('rejects a target time without offset and a name equal to the source', () => {
    expect(() => new PostgresRecovery(Testing.chart(), 'a', { ...base, targetTime: '2026-12-05 03:00' })).toThrow('targetTime "2026-12-05 03:00" must be RFC 3339 with offset');
    expect(() => new PostgresRecovery(Testing.chart(), 'b', { ...base, name: 'app-pg' })).toThrow('name must differ from the source cluster app-pg');
  });
});
