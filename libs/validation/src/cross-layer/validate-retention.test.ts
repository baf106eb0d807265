import { loadDistTree } from '../dist-tree';
import { terraformStack } from '../testing/fixtures';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { durationHours, validateRetention } from './validate-retention';

const ENV = 'dev';

function storageStack(logsExpiryDays: number): Record<string, unknown> {
  const s = terraformStack('storage') as Record<string, unknown>;
  s['resource'] = {
    aws_s3_bucket: { logs: { bucket: 'acme-dev-logs-111122223333' }, metrics: { bucket: 'acme-dev-metrics-111122223333' } },
    aws_s3_bucket_lifecycle_configuration: {
      logs: { bucket: '${aws_s3_bucket.logs.id}', rule: [{ id: 'retention', status: 'Enabled', expiration: [{ days: logsExpiryDays }] }] },
      metrics: { bucket: '${aws_s3_bucket.metrics.id}', rule: [{ id: 'retention', status: 'Enabled', expiration: [{ days: 30 }] }] },
    },
  };
  return s;
}

function application(name: string, chart: string, valuesObject: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { project: 'platform', destination: { server: 'https://kubernetes.default.svc', namespace: name }, source: { repoURL: 'https://x.example', chart, targetRevision: '1.0.0', helm: { valuesObject } } },
  };
}

const loki = (retention: string) => application('loki', 'loki', { loki: { limits_config: { retention_period: retention }, storage: { bucketNames: { chunks: 'acme-dev-logs-111122223333' } } } });
const mimir = (retention: string) =>
  application('mimir-distributed', 'mimir-distributed', { mimir: { structuredConfig: { limits: { compactor_blocks_retention_period: retention }, common: { storage: { s3: { bucket_name: 'acme-dev-metrics-111122223333' } } } } } });

function tree(files: Record<string, FixtureFile>) {
  return loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');
}

describe('validateRetention (XL-OBS-001)', () => {
  it('accepts retention up to the bucket expiry', () => {
    const t = tree({
      'terraform/storage/cdk.tf.json': { json: storageStack(14) },
      'kubernetes/apps/loki.yaml': { yaml: [loki('336h')] },
      'kubernetes/apps/mimir.yaml': { yaml: [mimir('30d')] },
    });
    expect(validateRetention(t.stacks, t.objects)).toEqual([]);
  });

  it('flags a store that keeps data longer than S3 does, naming the value path, the bucket and the lifecycle resource', () => {
    const t = tree({
      'terraform/storage/cdk.tf.json': { json: storageStack(7) },
      'kubernetes/apps/loki.yaml': { yaml: [loki('336h')] },
      'kubernetes/apps/mimir.yaml': { yaml: [mimir('744h')] },
    });
    const findings = validateRetention(t.stacks, t.objects);
    expect(findings.map((f) => `${f.rule} ${f.file} ${f.path}`)).toEqual([
      'XL-OBS-001 dist/dev/kubernetes/apps/loki.yaml spec.source.helm.valuesObject.loki.limits_config.retention_period',
      'XL-OBS-001 dist/dev/kubernetes/apps/mimir.yaml spec.source.helm.valuesObject.mimir.structuredConfig.limits.compactor_blocks_retention_period',
    ]);
    expect(findings[0].message).toBe(
      'loki keeps data 336h (14 days) but bucket acme-dev-logs-111122223333 expires objects after 7 days (aws_s3_bucket_lifecycle_configuration.logs); lower the retention in observability.* or raise storage.*RetentionDays',
    );
  });

  it('parses Prometheus durations', () => {
    expect([durationHours('720h'), durationHours('30d'), durationHours('1w'), durationHours('1d12h'), durationHours('forever')]).toEqual([720, 720, 168, 36, undefined]);
  });
});
