import { MANDATORY_TAG_KEYS } from '@platform/config';
import type { Finding } from '../finding';
import { escapeRegExp } from '../regexp';
import { asList, isTrue, type StackModel } from './stack-model';

type Json = Record<string, unknown>;

/** One Terraform rule: applies generically to whatever resources of the types it knows exist. */
export interface TerraformRule {
  readonly id: string;
  /** One line for docs/validation.md. */
  readonly doc: string;
  check(stack: StackModel): Finding[];
}

const SSE_KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);
const PUBLIC_ACCESS_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;
const WORLD = new Set(['0.0.0.0/0', '::/0']);

function finding(stack: StackModel, object: string, path: string, rule: string, message: string): Finding {
  return { file: stack.file.file, object, path, rule, message };
}

/** True when `value` refers to `aws_s3_bucket.<name>` (id/bucket/arn) or equals the bucket's literal name. */
function refersToBucket(value: unknown, name: string, bucket: Json): boolean {
  if (typeof value !== 'string') return false;
  if (new RegExp(`\\$\\{aws_s3_bucket\\.${escapeRegExp(name)}\\.(id|bucket)\\}`).test(value)) return true;
  return typeof bucket['bucket'] === 'string' && value === bucket['bucket'];
}

export const TERRAFORM_RULES: readonly TerraformRule[] = [
  {
    id: 'TF-S3-001',
    doc:
      'Every `aws_s3_bucket` has an `aws_s3_bucket_server_side_encryption_configuration` with `sse_algorithm` `aws:kms` (or `aws:kms:dsse`); ' +
      'S3 server access log destinations (`target_bucket` of an `aws_s3_bucket_logging`) may use `AES256`, the only encryption S3 supports for them.',
    check(stack) {
      const configs = stack.resources('aws_s3_bucket_server_side_encryption_configuration');
      const logging = stack.resources('aws_s3_bucket_logging');
      return stack.resources('aws_s3_bucket').flatMap(([name, bucket]) => {
        const mine = configs.filter(([, c]) => refersToBucket(c['bucket'], name, bucket));
        if (mine.length === 0) return [finding(stack, `aws_s3_bucket.${name}`, '-', this.id, 'bucket has no aws_s3_bucket_server_side_encryption_configuration (SSE-KMS required)')];
        // @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html (destination: SSE-S3 only)
        const isLogTarget = logging.some(([, l]) => refersToBucket(l['target_bucket'], name, bucket));
        const allowed = isLogTarget ? new Set([...SSE_KMS_ALGORITHMS, 'AES256']) : SSE_KMS_ALGORITHMS;
        return mine.flatMap(([cname, c]) => {
          const algorithms = asList(c['rule']).flatMap((r) => asList(r['apply_server_side_encryption_by_default']).map((d) => d['sse_algorithm']));
          return algorithms.length > 0 && algorithms.every((a) => typeof a === 'string' && allowed.has(a))
            ? []
            : [finding(stack, `aws_s3_bucket_server_side_encryption_configuration.${cname}`, 'rule', this.id, `bucket ${name} must use SSE-KMS (sse_algorithm aws:kms), got ${JSON.stringify(algorithms)}`)];
        });
      });
    },
  },
  {
    id: 'TF-S3-002',
    doc: 'Every `aws_s3_bucket` has an `aws_s3_bucket_public_access_block` with all four flags true.',
    check(stack) {
      const blocks = stack.resources('aws_s3_bucket_public_access_block');
      return stack.resources('aws_s3_bucket').flatMap(([name, bucket]) => {
        const mine = blocks.filter(([, b]) => refersToBucket(b['bucket'], name, bucket));
        if (mine.length === 0) return [finding(stack, `aws_s3_bucket.${name}`, '-', this.id, 'bucket has no aws_s3_bucket_public_access_block')];
        return mine.flatMap(([bname, b]) =>
          PUBLIC_ACCESS_FLAGS.filter((f) => !isTrue(b[f])).map((f) => finding(stack, `aws_s3_bucket_public_access_block.${bname}`, f, this.id, `${f} must be true (bucket ${name})`)),
        );
      });
    },
  },
  {
    id: 'TF-EBS-001',
    doc: 'EBS volumes, launch template block devices and instance block devices are encrypted.',
    check(stack) {
      const out: Finding[] = [];
      for (const [name, v] of stack.resources('aws_ebs_volume')) {
        if (!isTrue(v['encrypted'])) out.push(finding(stack, `aws_ebs_volume.${name}`, 'encrypted', this.id, 'EBS volume must set encrypted = true'));
      }
      for (const [name, lt] of stack.resources('aws_launch_template')) {
        asList(lt['block_device_mappings']).forEach((m, i) =>
          asList(m['ebs']).forEach((ebs, j) => {
            if (!isTrue(ebs['encrypted'])) out.push(finding(stack, `aws_launch_template.${name}`, `block_device_mappings[${i}].ebs[${j}].encrypted`, this.id, `block device ${String(m['device_name'] ?? i)} must set encrypted = true`));
          }),
        );
      }
      for (const [name, inst] of stack.resources('aws_instance')) {
        for (const field of ['root_block_device', 'ebs_block_device'] as const) {
          asList(inst[field]).forEach((d, i) => {
            if (!isTrue(d['encrypted'])) out.push(finding(stack, `aws_instance.${name}`, `${field}[${i}].encrypted`, this.id, `${field} must set encrypted = true`));
          });
        }
      }
      return out;
    },
  },
  {
    id: 'TF-LOG-001',
    doc: 'Every `aws_cloudwatch_log_group` sets `kms_key_id` and a positive `retention_in_days`.',
    check(stack) {
      return stack.resources('aws_cloudwatch_log_group').flatMap(([name, g]) => {
        const out: Finding[] = [];
        if (typeof g['kms_key_id'] !== 'string' || g['kms_key_id'] === '') out.push(finding(stack, `aws_cloudwatch_log_group.${name}`, 'kms_key_id', this.id, 'log group must be encrypted with a KMS key (kms_key_id)'));
        const retention = Number(g['retention_in_days']);
        if (!(retention > 0)) out.push(finding(stack, `aws_cloudwatch_log_group.${name}`, 'retention_in_days', this.id, 'log group must set retention_in_days (never-expiring logs are not allowed)'));
        return out;
      });
    },
  },
  {
    id: 'TF-EKS-001',
    doc: 'Every `aws_eks_cluster` has `encryption_config` with a KMS key for `secrets`.',
    check(stack) {
      return stack.resources('aws_eks_cluster').flatMap(([name, c]) => {
        const configs = asList(c['encryption_config']);
        const ok = configs.some((e) => Array.isArray(e['resources']) && e['resources'].includes('secrets') && asList(e['provider']).some((p) => typeof p['key_arn'] === 'string' && p['key_arn'] !== ''));
        return ok ? [] : [finding(stack, `aws_eks_cluster.${name}`, 'encryption_config', this.id, 'EKS cluster must encrypt secrets with a KMS key (encryption_config { resources = ["secrets"], provider { key_arn } })')];
      });
    },
  },
  {
    id: 'TF-NET-001',
    doc: 'No security group ingress (inline `ingress`, `aws_security_group_rule` of type ingress, `aws_vpc_security_group_ingress_rule`) from 0.0.0.0/0 or ::/0.',
    check(stack) {
      const out: Finding[] = [];
      const open = (cidrs: unknown): string[] => (Array.isArray(cidrs) ? cidrs.filter((c) => typeof c === 'string' && WORLD.has(c)) : typeof cidrs === 'string' && WORLD.has(cidrs) ? [cidrs] : []);
      for (const [name, sg] of stack.resources('aws_security_group')) {
        asList(sg['ingress']).forEach((r, i) => {
          for (const field of ['cidr_blocks', 'ipv6_cidr_blocks'] as const) {
            for (const c of open(r[field])) out.push(finding(stack, `aws_security_group.${name}`, `ingress[${i}].${field}`, this.id, `ingress from ${c} is not allowed`));
          }
        });
      }
      for (const [name, r] of stack.resources('aws_security_group_rule')) {
        if (r['type'] !== 'ingress') continue;
        for (const field of ['cidr_blocks', 'ipv6_cidr_blocks'] as const) {
          for (const c of open(r[field])) out.push(finding(stack, `aws_security_group_rule.${name}`, field, this.id, `ingress from ${c} is not allowed`));
        }
      }
      for (const [name, r] of stack.resources('aws_vpc_security_group_ingress_rule')) {
        for (const field of ['cidr_ipv4', 'cidr_ipv6'] as const) {
          for (const c of open(r[field])) out.push(finding(stack, `aws_vpc_security_group_ingress_rule.${name}`, field, this.id, `ingress from ${c} is not allowed`));
        }
      }
      return out;
    },
  },
  {
    id: 'TF-IMDS-001',
    doc: 'Launch templates and instances require IMDSv2 (`metadata_options.http_tokens = "required"`).',
    check(stack) {
      const out: Finding[] = [];
      for (const type of ['aws_launch_template', 'aws_instance'] as const) {
        for (const [name, r] of stack.resources(type)) {
          const tokens = asList(r['metadata_options']).map((m) => m['http_tokens']);
          if (!tokens.includes('required')) out.push(finding(stack, `${type}.${name}`, 'metadata_options.http_tokens', this.id, 'IMDSv2 is required: set metadata_options { http_tokens = "required" }'));
        }
      }
      return out;
    },
  },
  {
    id: 'TF-EKS-002',
    doc:
      'Every `aws_eks_node_group` sets `launch_template` (`id` or `name`) to an `aws_launch_template` of the same stack, so TF-IMDS-001 and TF-EBS-001 cover its nodes, ' +
      'and does not set `disk_size` (that makes EKS use its own launch template, outside those rules).',
    check(stack) {
      const out: Finding[] = [];
      const templates = new Set(stack.resources('aws_launch_template').map(([name]) => name));
      for (const [name, group] of stack.resources('aws_eks_node_group')) {
        const address = `aws_eks_node_group.${name}`;
        if (group['disk_size'] !== undefined) {
          out.push(finding(stack, address, 'disk_size', this.id, 'disk_size makes EKS create its own launch template (no IMDSv2 or EBS encryption control): size the root volume in the launch template instead'));
        }
        const refs = asList(group['launch_template']);
        if (refs.length === 0) {
          out.push(finding(stack, address, 'launch_template', this.id, 'node group has no launch_template: reference an aws_launch_template of this stack (IMDSv2, encrypted volumes)'));
          continue;
        }
        refs.forEach((ref, i) => {
          const value = [ref['id'], ref['name']].find((v) => typeof v === 'string');
          const target = typeof value === 'string' ? /^\$\{aws_launch_template\.([A-Za-z0-9_-]+)\.(id|name)\}$/.exec(value)?.[1] : undefined;
          if (!target || !templates.has(target)) {
            out.push(finding(stack, address, `launch_template[${i}]`, this.id, `launch_template must reference an aws_launch_template of this stack (\${aws_launch_template.<name>.id}), got ${JSON.stringify(value ?? null)}`));
          }
        });
      }
      return out;
    },
  },
  {
    id: 'TF-TAG-001',
    doc: `Every AWS provider sets \`default_tags\` with ${MANDATORY_TAG_KEYS.map((t) => `\`${t}\``).join(', ')}.`,
    check(stack) {
      return stack.providers().flatMap(([name, cfg], i) => {
        if (name !== 'aws') return [];
        const tags = Object.assign({}, ...asList(cfg['default_tags']).map((d) => (d['tags'] ?? {}) as Json)) as Json;
        const missing = MANDATORY_TAG_KEYS.filter((t) => typeof tags[t] !== 'string' || tags[t] === '');
        return missing.length === 0 ? [] : [finding(stack, `provider.aws${typeof cfg['alias'] === 'string' ? `.${cfg['alias']}` : `[${i}]`}`, 'default_tags.tags', this.id, `default_tags must set ${missing.join(', ')}`)];
      });
    },
  },
];
