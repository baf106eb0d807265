import { mandatoryTags } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import type { TerraformStackFile } from '../dist-tree';
import { terraformStack as fixtureStack } from '../testing/fixtures';
import { scanTemplate } from './expressions';
import { validateTerraform } from './validate-terraform';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const terraformStack = (stack: string): Json => fixtureStack(stack);

function check(json: Json, stack = 'storage'): string[] {
  const file: TerraformStackFile = { file: `dist/dev/terraform/${stack}/cdk.tf.json`, relPath: `terraform/${stack}/cdk.tf.json`, stack, json };
  return validateTerraform([file]).map((f) => `${f.rule} ${f.object} ${f.path}`);
}

describe('scanTemplate', () => {
  it('finds references inside function calls, operators, for expressions and nested templates', () => {
    const refs = (s: string) => scanTemplate(s).traversals.map((t) => t.text);
    expect(refs('${aws_vpc.main.id}')).toEqual(['aws_vpc.main.id']);
    expect(refs('${element(data.aws_availability_zones.azs.names, 0)}')).toEqual(['data.aws_availability_zones.azs.names']);
    expect(refs('${jsonencode({Statement = [{Resource = aws_s3_bucket.b.arn}]})}')).toEqual(['Statement', 'Resource', 'aws_s3_bucket.b.arn']);
    expect(refs('${[for s in aws_subnet.private : s.id]}')).toEqual(['aws_subnet.private']);
    expect(refs('arn:${var.partition}:s3:::${local.name}-${"x-${module.m.out}"}')).toEqual(['var.partition', 'local.name', 'module.m.out']);
    expect(refs('${var.enabled ? aws_kms_key.k[0].arn : ""}')).toEqual(['var.enabled', 'aws_kms_key.k']);
    expect(refs('${lookup(var.m, "k", null).x}')).toEqual(['var.m']);
    expect(refs('$${not.a.reference}')).toEqual([]);
    expect(scanTemplate('${aws_vpc.main.id').errors).toHaveLength(1);
  });
});

describe('validateTerraform', () => {
  it('passes a compliant stack', () => {
    expect(check(terraformStack('storage'))).toEqual([]);
  });

  it('requires pinned, declared providers and an encrypted, locked S3 backend', () => {
    const s = terraformStack('storage');
    s.terraform.required_providers.aws.version = '~> 6.0';
    s.terraform.backend.s3.use_lockfile = false;
    delete (s.terraform.backend.s3 as Record<string, unknown>)['kms_key_id'];
    s.resource.random_id = { r: { byte_length: 4 } };
    expect(check(s)).toEqual([
      'TF-PROV-001 stack storage terraform.required_providers.aws.version',
      'TF-PROV-002 stack storage terraform.required_providers',
      'TF-BACKEND-001 stack storage terraform.backend.s3.kms_key_id',
      'TF-BACKEND-001 stack storage terraform.backend.s3.use_lockfile',
    ]);
    const local = terraformStack('x');
    local.terraform.backend = { local: { path: 'x.tfstate' } };
    expect(check(local, 'network')).toEqual(['TF-BACKEND-001 stack network terraform.backend.local']);
    expect(check(local, 'bootstrap')).toEqual(['TF-BACKEND-001 stack bootstrap terraform.backend.local']);
  });

  it('flags dangling references in values, depends_on, outputs and providers', () => {
    const s = terraformStack('storage');
    s.resource.aws_subnet.a.vpc_id = '${aws_vpc.missing.id}';
    s.resource.aws_subnet.a.tags = { Name: '${var.name}' };
    s.resource.aws_subnet.a.depends_on = ['aws_internet_gateway.gw'];
    s.resource.aws_subnet.a.provider = 'aws.us_east_1';
    s.output = { bucket: { value: '${aws_s3_bucket.logs.arn}' }, other: { value: '${local.nope}' } };
    expect(check(s)).toEqual([
      'TF-REF-001 aws_subnet.a vpc_id',
      'TF-REF-001 aws_subnet.a tags.Name',
      'TF-REF-001 aws_subnet.a depends_on[0]',
      'TF-REF-001 aws_subnet.a provider',
      'TF-REF-001 output output.other.value',
    ]);
  });

  it('applies the security rule set generically', () => {
    const s = terraformStack('storage');
    s.resource.aws_s3_bucket_server_side_encryption_configuration.logs_sse.rule[0].apply_server_side_encryption_by_default.sse_algorithm = 'AES256';
    s.resource.aws_s3_bucket_public_access_block.logs_pab.block_public_policy = false;
    s.resource.aws_ebs_volume = { v: { availability_zone: 'eu-west-1a', size: 10 } };
    s.resource.aws_launch_template = { lt: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ volume_size: 20 }] }], metadata_options: [{ http_tokens: 'optional' }] } };
    s.resource.aws_cloudwatch_log_group = { lg: { name: 'x' } };
    s.resource.aws_eks_cluster = { c: { name: 'c', role_arn: 'arn' } };
    s.resource.aws_security_group = { sg: { ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } };
    s.resource.aws_vpc_security_group_ingress_rule = { r: { security_group_id: '${aws_security_group.sg.id}', cidr_ipv6: '::/0' } };
    s.provider.aws[0].default_tags[0].tags = { Environment: 'dev' };
    expect(check(s)).toEqual([
      'TF-S3-001 aws_s3_bucket_server_side_encryption_configuration.logs_sse rule',
      'TF-S3-002 aws_s3_bucket_public_access_block.logs_pab block_public_policy',
      'TF-EBS-001 aws_ebs_volume.v encrypted',
      'TF-EBS-001 aws_launch_template.lt block_device_mappings[0].ebs[0].encrypted',
      'TF-LOG-001 aws_cloudwatch_log_group.lg kms_key_id',
      'TF-LOG-001 aws_cloudwatch_log_group.lg retention_in_days',
      'TF-EKS-001 aws_eks_cluster.c encryption_config',
      'TF-NET-001 aws_security_group.sg ingress[0].cidr_blocks',
      'TF-NET-001 aws_vpc_security_group_ingress_rule.r cidr_ipv6',
      'TF-IMDS-001 aws_launch_template.lt metadata_options.http_tokens',
      'TF-TAG-001 provider.aws[0] default_tags.tags',
    ]);
  });

  it('requires every tag mandatoryTags(env) emits in default_tags (TF-TAG-001 and the synthesized tags share MANDATORY_TAG_KEYS)', () => {
    const s = terraformStack('storage');
    const tags = { ...mandatoryTags(fixtureEnvironment()), Stack: 'storage' };
    s.provider.aws[0].default_tags[0].tags = tags;
    expect(check(s)).toEqual([]);
    for (const key of Object.keys(mandatoryTags(fixtureEnvironment()))) {
      s.provider.aws[0].default_tags[0].tags = Object.fromEntries(Object.entries(tags).filter(([k]) => k !== key));
      const file: TerraformStackFile = { file: 'dist/dev/terraform/storage/cdk.tf.json', relPath: 'terraform/storage/cdk.tf.json', stack: 'storage', json: s };
      expect(validateTerraform([file]).map((f) => `${f.rule} ${f.message}`)).toEqual([`TF-TAG-001 default_tags must set ${key}`]);
    }
  });

  it('honours tag exemptions with a reason, and rejects exemptions without one or with unknown ids', () => {
    const s = terraformStack('storage');
    s.resource.aws_security_group = { sg: { ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } };
    s.resource.aws_security_group.sg.tags = { 'policy.platform.io/exempt': 'TF-NET-001', 'policy.platform.io/exempt-reason': 'public HTTPS entry point' };
    expect(check(s)).toEqual([]);
    s.resource.aws_security_group.sg.tags = { 'policy.platform.io/exempt': 'TF-NET-001 TF-NOPE-1' };
    expect(check(s)).toEqual(['TF-EXEMPT-001 aws_security_group.sg tags["policy.platform.io/exempt"]', 'TF-NET-001 aws_security_group.sg ingress[0].cidr_blocks']);
    s.resource.aws_security_group.sg.tags = { 'policy.platform.io/exempt': 'TF-NET-001 TF-NOPE-1', 'policy.platform.io/exempt-reason': 'x' };
    expect(check(s)).toEqual(['TF-EXEMPT-002 aws_security_group.sg tags["policy.platform.io/exempt"]']);
  });

  it('requires every EKS node group to use a launch template of the stack (so IMDSv2 and EBS encryption apply to its nodes)', () => {
    const s = terraformStack('cluster');
    s.resource.aws_launch_template = {
      system: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ volume_size: 50, encrypted: true }] }], metadata_options: [{ http_tokens: 'required' }] },
    };
    const group = { cluster_name: 'c', node_role_arn: 'arn', subnet_ids: ['subnet-1'], scaling_config: { desired_size: 1, max_size: 1, min_size: 1 } };
    s.resource.aws_eks_node_group = {
      ok: { ...group, launch_template: { id: '${aws_launch_template.system.id}', version: '${aws_launch_template.system.latest_version}' } },
      none: { ...group },
      sized: { ...group, disk_size: 100, launch_template: { name: '${aws_launch_template.system.name}', version: '1' } },
      foreign: { ...group, launch_template: { id: 'lt-0123456789abcdef0', version: '1' } },
    };
    expect(check(s, 'cluster')).toEqual([
      'TF-EKS-002 aws_eks_node_group.none launch_template',
      'TF-EKS-002 aws_eks_node_group.sized disk_size',
      'TF-EKS-002 aws_eks_node_group.foreign launch_template[0]',
    ]);
  });

  it('accepts SSE-S3 on a server access log destination bucket only', () => {
    const s = terraformStack('storage');
    s.resource.aws_s3_bucket_server_side_encryption_configuration.logs_sse.rule[0].apply_server_side_encryption_by_default = { sse_algorithm: 'AES256' };
    s.resource.aws_s3_bucket_logging = { l: { bucket: 'other', target_bucket: '${aws_s3_bucket.logs.bucket}' } };
    expect(check(s)).toEqual([]);
  });
});
