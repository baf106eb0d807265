import { loadDistTree } from '../dist-tree';
import { type FixtureFile, writeFixtureTree } from '../testing/fixture-tree';
import { isAbsoluteHttpUrl, validateAlertAnnotations } from './validate-alert-annotations';

const ENV = 'dev';
const tree = (files: Record<string, FixtureFile>) => loadDistTree(writeFixtureTree(ENV, files), ENV, 'dist');
const RUNBOOK = 'https://git.example/platform/-/blob/main/docs/runbooks/data-alerts.md#redisdown';

const rule = (rules: readonly Record<string, unknown>[]) => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: { name: 'redis-cache', namespace: 'caches' },
  spec: { groups: [{ name: 'redis-cache', rules }] },
});

describe('validateAlertAnnotations (XL-OBS-003)', () => {
  it('passes alerts with a summary and an absolute runbook_url, and recording rules without annotations', () => {
    const t = tree({
      'kubernetes/addons/a/rules.yaml': { yaml: [rule([{ alert: 'RedisDown', expr: 'up == 0', annotations: { summary: 'down', runbook_url: RUNBOOK } }, { record: 'job:up:sum', expr: 'sum(up)' }])] },
    });
    expect(validateAlertAnnotations(t.objects)).toEqual([]);
  });

  it('broken fixture: a repo-relative runbook, a relative runbook_url and a missing summary are findings naming the alert and its path', () => {
    const t = tree({
      'kubernetes/addons/a/rules.yaml': {
        yaml: [
          rule([
            { alert: 'PostgresWalArchivingStalled', expr: 'up == 0', annotations: { summary: 's', runbook: 'docs/runbooks/data-postgres-pitr.md' } },
            { alert: 'RedisDown', expr: 'up == 0', annotations: { summary: 's', runbook_url: 'docs/runbooks/data-alerts.md#redisdown' } },
            { alert: 'KafkaOfflinePartitions', expr: 'up == 0', annotations: { runbook_url: RUNBOOK } },
            { alert: 'NoAnnotations', expr: 'up == 0' },
          ]),
        ],
      },
    });
    const findings = validateAlertAnnotations(t.objects);
    expect(findings.map((f) => `${f.rule}  ${f.file}  ${f.object}  ${f.path}`)).toEqual([0, 1, 2, 3].map((i) => `XL-OBS-003  dist/dev/kubernetes/addons/a/rules.yaml  monitoring.coreos.com/v1/PrometheusRule caches/redis-cache  spec.groups[0].rules[${i}].annotations`));
    expect(findings.map((f) => f.message.split('; the Alertmanager')[0])).toEqual([
      'alert PostgresWalArchivingStalled: no runbook_url annotation (it has "runbook: docs/runbooks/data-postgres-pitr.md", which no receiver renders)',
      'alert RedisDown: runbook_url "docs/runbooks/data-alerts.md#redisdown" is not an absolute http(s) URL',
      'alert KafkaOfflinePartitions: no summary annotation',
      'alert NoAnnotations: no summary annotation; no runbook_url annotation',
    ]);
  });

  it('accepts only absolute http(s) URLs with a host', () => {
    expect(isAbsoluteHttpUrl(RUNBOOK)).toBe(true);
    expect(isAbsoluteHttpUrl('/docs/runbooks/x.md')).toBe(false);
    expect(isAbsoluteHttpUrl('file:///etc/passwd')).toBe(false);
    expect(isAbsoluteHttpUrl('{{ $externalURL }}/x')).toBe(false);
  });
});
