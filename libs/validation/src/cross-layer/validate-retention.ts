import { applicationSourceEntries } from '../argocd-application-sources';
import type { K8sDocument, TerraformStackFile } from '../dist-tree';
import { describeObject } from '../dist-tree';
import type { Finding } from '../finding';
import { isApplication } from '../helm/validate-helm-values';

/** Rule ids of the observability stores. */
export const RETENTION_RULES = {
  /** A store keeps data longer than its S3 bucket's lifecycle expiry. */
  exceedsBucketExpiry: 'XL-OBS-001',
} as const;

/**
 * Where each store's retention and bucket are in its chart values (paths below `helm.valuesObject`).
 * @see ../shared/upstream/charts/<chart>/<version>/values.yaml
 */
export const STORE_RETENTION_PATHS: Readonly<Record<string, { readonly retention: readonly string[]; readonly bucket: readonly string[] }>> = {
  loki: { retention: ['loki', 'limits_config', 'retention_period'], bucket: ['loki', 'storage', 'bucketNames', 'chunks'] },
  'mimir-distributed': { retention: ['mimir', 'structuredConfig', 'limits', 'compactor_blocks_retention_period'], bucket: ['mimir', 'structuredConfig', 'common', 'storage', 's3', 'bucket_name'] },
  'tempo-distributed': { retention: ['backendScheduler', 'config', 'provider', 'compaction', 'compaction', 'block_retention'], bucket: ['storage', 'trace', 's3', 'bucket'] },
};

/** Prometheus-style duration (`720h`, `30d`, `1w`, `1d12h`) in hours; undefined when unparseable. */
export function durationHours(value: string): number | undefined {
  const units: Record<string, number> = { w: 168, d: 24, h: 1, m: 1 / 60, s: 1 / 3600 };
  if (!/^(\d+(w|d|h|m|s))+$/.test(value)) return undefined;
  let hours = 0;
  for (const [, n, u] of value.matchAll(/(\d+)(w|d|h|m|s)/g)) hours += Number(n) * units[u];
  return hours;
}

function at(values: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), values);
}

/** `bucket name -> { expiry days, address }` from every `aws_s3_bucket_lifecycle_configuration`. */
function bucketExpiries(stacks: readonly TerraformStackFile[]): Map<string, { days: number; address: string }> {
  const out = new Map<string, { days: number; address: string }>();
  for (const stack of stacks) {
    const resources = (stack.json['resource'] ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    const buckets = resources['aws_s3_bucket'] ?? {};
    for (const [id, lc] of Object.entries(resources['aws_s3_bucket_lifecycle_configuration'] ?? {})) {
      const ref = String(lc['bucket'] ?? '');
      const m = /^\$\{aws_s3_bucket\.([^.}]+)\.(id|bucket)\}$/.exec(ref);
      const name = m ? buckets[m[1]]?.['bucket'] : ref;
      if (typeof name !== 'string') continue;
      const rules = Array.isArray(lc['rule']) ? (lc['rule'] as Record<string, unknown>[]) : [];
      for (const rule of rules) {
        const expiration = Array.isArray(rule['expiration']) ? (rule['expiration'] as Record<string, unknown>[]) : [];
        for (const e of expiration) {
          if (typeof e['days'] === 'number') out.set(name, { days: e['days'], address: `aws_s3_bucket_lifecycle_configuration.${id}` });
        }
      }
    }
  }
  return out;
}

/**
 * XL-OBS-001: the retention Loki, Mimir and Tempo enforce (their Application's values) must not
 * exceed the lifecycle expiry of the S3 bucket they write to (the Terraform storage stack): S3 would
 * delete chunks, blocks or traces the store still indexes, so queries inside the advertised
 * retention fail or silently miss data.
 */
export function validateRetention(stacks: readonly TerraformStackFile[], docs: readonly K8sDocument[]): Finding[] {
  const expiries = bucketExpiries(stacks);
  const out: Finding[] = [];
  for (const doc of docs) {
    if (!isApplication(doc.object)) continue;
    for (const { path, source } of applicationSourceEntries(doc.object)) {
      const paths = typeof source['chart'] === 'string' ? STORE_RETENTION_PATHS[source['chart']] : undefined;
      const values = (source['helm'] as Record<string, unknown> | undefined)?.['valuesObject'];
      if (!paths || !values) continue;
      const retention = at(values, paths.retention);
      const bucket = at(values, paths.bucket);
      if (typeof retention !== 'string' || typeof bucket !== 'string') continue;
      const hours = durationHours(retention);
      const expiry = expiries.get(bucket);
      if (hours === undefined || !expiry) continue;
      if (hours > expiry.days * 24) {
        out.push({
          file: doc.file,
          object: describeObject(doc.object),
          path: `${path}.helm.valuesObject.${paths.retention.join('.')}`,
          rule: RETENTION_RULES.exceedsBucketExpiry,
          message: `${source['chart']} keeps data ${retention} (${hours / 24} days) but bucket ${bucket} expires objects after ${expiry.days} days (${expiry.address}); lower the retention in observability.* or raise storage.*RetentionDays`,
        });
      }
    }
  }
  return out;
}
