import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imagePolicyViolation } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { Addon } from '@platform/k8s-core';
import { testDeclaration } from '@platform/k8s-core/testing';
import { Testing } from 'cdk8s';
import { VELERO_AWS_PLUGIN, VeleroAddon } from './velero-addon';

function render(patch: Parameters<typeof fixtureEnvironment>[0] = {}, metricsScraperNamespace?: string) {
  const env = fixtureEnvironment(patch);
  const app = Testing.app();
  const base = new Addon(app, 'base', { env, declaration: testDeclaration('base'), namespace: { name: 'base' } });
  const velero = new VeleroAddon(app, 'velero', { env, dependsOn: [base], metricsScraperNamespace });
  if (!velero.chart) throw new Error('no chart');
  const manifests = velero.manifestCharts.flatMap((c) => c.toJson() as { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: Record<string, unknown>; [k: string]: unknown }[]);
  return { velero, values: velero.chart.values, manifests };
}

describe('VeleroAddon', () => {
  it('stores in the backups bucket under the contract prefix through Pod Identity, without keys', () => {
    const { velero, values } = render();
    expect(values.configuration.backupStorageLocation).toEqual([
      { name: 'default', provider: 'aws', bucket: 'acme-test-backups-111122223333', prefix: 'velero', default: true, accessMode: 'ReadWrite', config: { region: 'eu-west-1' } },
    ]);
    expect(values.credentials).toEqual({ useSecret: false });
    expect(values.serviceAccount.server).toEqual({ create: false, name: 'velero-server' });
    expect(velero.podIdentities.map((p) => [p.id, p.namespace, p.permissions])).toEqual([['velero', 'velero', [{ kind: 's3-bucket', bucket: 'backups' }]]]);
    expect(velero.namespace.name).toBe('velero');
  });

  it('snapshots volumes through CSI only: EnableCSI, no VolumeSnapshotLocation, an EBS VolumeSnapshotClass labelled for Velero', () => {
    const { values, manifests } = render();
    expect(values.configuration.features).toBe('EnableCSI');
    expect(values.snapshotsEnabled).toBe(false);
    expect(values.configuration.volumeSnapshotLocation).toEqual([]);
    const vsc = manifests.filter((m) => m.kind === 'VolumeSnapshotClass');
    expect(vsc).toHaveLength(1);
    expect(vsc[0]).toMatchObject({ driver: 'ebs.csi.aws.com', deletionPolicy: 'Retain', metadata: { name: 'ebs-csi', labels: { 'velero.io/csi-volumesnapshot-class': 'true' } } });
    expect(vsc[0].metadata.namespace).toBeUndefined();
  });

  it('pins the AWS plugin and pulls every image from Docker Hub through the ECR pull-through cache', () => {
    const { values } = render();
    const images = [`${values.image.repository}:v1.18.1`, ...values.initContainers.map((c) => c.image)];
    expect(values.initContainers.map((c) => c.name)).toEqual(['velero-plugin-for-aws']);
    expect(values.initContainers[0].image).toBe(`111122223333.dkr.ecr.eu-west-1.amazonaws.com/test/dockerhub/velero/velero-plugin-for-aws:${VELERO_AWS_PLUGIN.tag}`);
    expect(VELERO_AWS_PLUGIN.tag).toMatch(/^v1\.14\.\d+$/);
    for (const image of images) expect(imagePolicyViolation(image)).toBeUndefined();
    expect(values.upgradeCRDs).toBe(false);
  });

  it('renders one Schedule per dr.velero.schedules entry: cron, TTL in hours, namespaces, snapshots', () => {
    const { manifests } = render({
      dr: {
        velero: {
          schedules: [
            { name: 'cluster', cron: '0 */6 * * *', ttlHours: 240, includedNamespaces: ['*'], excludedNamespaces: ['kube-public'], snapshotVolumes: true },
            { name: 'orders-hourly', cron: '15 * * * *', ttlHours: 48, includedNamespaces: ['team-orders'], excludedNamespaces: [], snapshotVolumes: false },
          ],
        },
      },
    } as Parameters<typeof fixtureEnvironment>[0]);
    const schedules = manifests.filter((m) => m.kind === 'Schedule');
    expect(schedules.map((s) => [s.metadata.name, s.metadata.namespace, s.spec?.['schedule']])).toEqual([
      ['cluster', 'velero', '0 */6 * * *'],
      ['orders-hourly', 'velero', '15 * * * *'],
    ]);
    expect(schedules[0].spec?.['template']).toEqual({
      metadata: { labels: { 'platform.io/velero-schedule': 'cluster' } },
      ttl: '240h0m0s',
      storageLocation: 'default',
      includedNamespaces: ['*'],
      excludedNamespaces: ['kube-public'],
      snapshotVolumes: true,
    });
    expect(schedules[1].spec?.['template']).toMatchObject({ includedNamespaces: ['team-orders'], snapshotVolumes: false, ttl: '48h0m0s' });
    expect(schedules[1].spec?.['template']).not.toHaveProperty('excludedNamespaces');
    expect(schedules.every((s) => s.spec?.['useOwnerReferencesInBackup'] === false)).toBe(true);
  });

  it('renders the recovery objectives as the dr-objectives ConfigMap rule DR-RPO-001 reads', () => {
    const { manifests } = render({ dr: { rpoMinutes: 60, rtoMinutes: 240 } } as Parameters<typeof fixtureEnvironment>[0]);
    const cm = manifests.filter((m) => m.kind === 'ConfigMap');
    expect(cm).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dr-objectives', namespace: 'velero', labels: { 'platform.io/dr-objectives': 'true' } }, data: { rpoMinutes: '60', rtoMinutes: '240' } }]);
  });

  it('alerts when the newest successful backup of a schedule is older than the RPO, or a backup failed (only with monitoring)', () => {
    const { manifests } = render({ dr: { rpoMinutes: 60 } } as Parameters<typeof fixtureEnvironment>[0], 'alloy');
    const rule = manifests.find((m) => m.kind === 'PrometheusRule') as unknown as { spec: { groups: { rules: { alert: string; expr: string; labels: Record<string, string> }[] }[] } };
    const rules = rule.spec.groups[0].rules;
    expect(rules.map((r) => [r.alert, r.labels['severity']])).toEqual([['VeleroBackupOlderThanRpo', 'critical'], ['VeleroBackupFailed', 'warning']]);
    expect(rules[0].expr).toBe('(time() - velero_backup_last_successful_timestamp{schedule="cluster"} > 3600) or absent(velero_backup_last_successful_timestamp{schedule="cluster"})');
    // absolute runbook links into sections that exist (the Alertmanager receivers render runbook_url)
    const runbook = readFileSync(join(__dirname, '../../../../../docs/runbooks/observability-velero.md'), 'utf8');
    for (const r of rules as unknown as { alert: string; annotations: Record<string, string> }[]) {
      expect(r.annotations['runbook_url']).toBe(`https://github.com/acme/platform/blob/main/docs/runbooks/observability-velero.md#${r.alert.toLowerCase()}`);
      expect(runbook).toContain(`\n## ${r.alert}\n`);
    }
    expect(render().manifests.some((m) => m.kind === 'PrometheusRule')).toBe(false);
  });

  it('runs the node agent (privileged namespace) only when a namespace needs file-system backup', () => {
    const off = render();
    expect(off.values.deployNodeAgent).toBe(false);
    expect(off.velero.namespace.podSecurity).toBeUndefined();
    const on = render({ dr: { velero: { fileSystemBackupNamespaces: ['team-a'] } } } as Parameters<typeof fixtureEnvironment>[0]);
    expect(on.values.deployNodeAgent).toBe(true);
    expect(on.velero.namespace.podSecurity?.level).toBe('privileged');
  });

  it('runs restricted and lets only the metrics scraper in', () => {
    const { values, velero } = render({}, 'alloy');
    expect(values.podSecurityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(values.containerSecurityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(values.metrics.serviceMonitor.enabled).toBe(true);
    expect(velero.namespace.ingress).toEqual([{ description: 'metrics scrape (ServiceMonitor)', peer: { namespace: 'alloy' }, ports: [{ port: 8085 }] }]);
    expect(render().values.metrics.serviceMonitor.enabled).toBe(false);
  });
});
