import { type EnvironmentConfig, podIdentityContract } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { type Finding, type TerraformStackFile, validateTerraform } from '@platform/validation';
import * as semver from 'semver';
import { FOUNDATION_STACKS } from './foundation-app';
import { synthFoundation } from './synth-foundation';

type Block = Record<string, Record<string, Record<string, unknown>>>;
interface StackJson {
  terraform: { required_version: string; required_providers: Record<string, { version: string; source: string }>; backend: Record<string, Record<string, unknown>> };
  resource?: Block;
  data?: Block;
  output?: Record<string, unknown>;
}

// Two environments that differ only in values (never tested by name): a small, cheap one that
// creates the account-wide IAM resources, and a resilient one with a backup replica and an existing
// hosted zone that shares an account whose IAM resources already exist.
const small = fixtureEnvironment({
  name: 'small',
  aws: { accountIamResources: 'create' },
  network: { vpcCidr: '10.20.0.0/16', azCount: 2, natGateways: 'single' },
  // two AZs cannot hold the three zones of zone-aware Loki and Mimir
  observability: { loki: { zoneAware: false }, mimir: { zoneAware: false } },
  cluster: { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'], systemNodeGroup: { instanceTypes: ['m7i.large'], minSize: 2, desiredSize: 2, maxSize: 3, diskSizeGiB: 40 } },
});
const large = fixtureEnvironment({
  name: 'large',
  aws: { accountIamResources: 'existing' },
  network: { vpcCidr: '10.40.0.0/16', azCount: 3, natGateways: 'perAz' },
  cluster: { endpointPublicAccess: false, publicAccessCidrs: [], systemNodeGroup: { instanceTypes: ['m7i.2xlarge'], minSize: 3, desiredSize: 3, maxSize: 6, diskSizeGiB: 100 } },
  dns: { domain: 'large.acme.example', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
  storage: { backupReplicaRegion: 'eu-central-1' },
});

function synth(env: EnvironmentConfig): Record<string, StackJson> {
  const out: Record<string, StackJson> = {};
  for (const f of synthFoundation(env).files) out[f.path.split('/')[1]] = JSON.parse(f.content) as StackJson;
  return out;
}

let stacks: Record<'small' | 'large', Record<string, StackJson>>;
let smallContents: string[];
beforeAll(() => {
  stacks = { small: synth(small), large: synth(large) };
  smallContents = synthFoundation(small).files.map((f) => f.content);
});

const each = (): [string, string, StackJson][] =>
  (['small', 'large'] as const).flatMap((env) => Object.entries(stacks[env]).map(([name, json]) => [env, name, json] as [string, string, StackJson]));

const resources = (json: StackJson, type: string): Record<string, unknown>[] => Object.values(json.resource?.[type] ?? {});

/** The synthesized stacks as `@platform/validation` reads them from `dist/<env>/terraform/<stack>/cdk.tf.json`. */
function stackFiles(env: 'small' | 'large', override: Record<string, StackJson> = {}): TerraformStackFile[] {
  return Object.entries({ ...stacks[env], ...override }).map(([stack, json]) => ({
    file: `dist/${env}/terraform/${stack}/cdk.tf.json`,
    relPath: `terraform/${stack}/cdk.tf.json`,
    stack,
    json: json as unknown as Record<string, unknown>,
  }));
}

/** `rule object path` of each finding, for compact comparisons. */
const summary = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.rule} ${f.object} ${f.path}`);

/** Every string value in a JSON tree. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('foundation stacks', () => {
  it('synthesizes every stack, in a deterministic way', () => {
    expect(Object.keys(stacks.small).sort()).toEqual([...FOUNDATION_STACKS].sort());
    expect(Object.keys(stacks.large).sort()).toEqual([...FOUNDATION_STACKS].sort());
    expect(synthFoundation(small).files.map((f) => f.content)).toEqual(smallContents);
  });

  it('pins the AWS provider to one exact version and requires Terraform >= 1.10 (S3 native locking), < 2 in every stack', () => {
    const versions = new Set<string>();
    for (const [env, name, json] of each()) {
      const aws = json.terraform.required_providers.aws;
      expect([env, name, aws.source, semver.valid(aws.version)]).toEqual([env, name, 'hashicorp/aws', aws.version]);
      versions.add(aws.version);
      // Terraform separates constraints with commas; node-semver with spaces.
      const range = json.terraform.required_version.replace(/,\s*/g, ' ');
      expect([env, name, semver.satisfies('1.10.0', range), semver.satisfies('1.11.4', range), semver.satisfies('1.9.8', range), semver.satisfies('2.0.0', range)]).toEqual([env, name, true, true, false, false]);
    }
    // One provider version across all stacks and environments.
    expect(versions.size).toBe(1);
  });

  it('keeps every stack, bootstrap included, in its own S3 state <env>/<stack>.tfstate encrypted with the state CMK and locked', () => {
    for (const [envName, name, json] of each()) {
      const env = envName === 'small' ? small : large;
      expect([name, json.terraform.backend]).toEqual([
        name,
        {
          s3: {
            bucket: `acme-${env.name}-tfstate-111122223333`,
            key: `${env.name}/${name}.tfstate`,
            region: 'eu-west-1',
            encrypt: true,
            kms_key_id: `arn:aws:kms:eu-west-1:111122223333:alias/acme-${env.name}/tfstate`,
            use_lockfile: true,
          },
        },
      ]);
    }
    expect(stacks.small.bootstrap.terraform.backend.s3.key).toBe('small/bootstrap.tfstate');
  });

  it('has no local backend in any stack (a state file in dist/ would be deleted by the next synth and published)', () => {
    for (const [env, name, json] of each()) expect([env, name, Object.keys(json.terraform.backend)]).toEqual([env, name, ['s3']]);
  });

  it('names, in every backend, the alias of the key the bootstrap stack creates for the state bucket', () => {
    const bootstrap = stacks.small.bootstrap;
    const alias = Object.values(bootstrap.resource?.aws_kms_alias ?? {}).map((a) => a.name);
    expect(alias).toContain('alias/acme-small/tfstate');
    for (const [, json] of Object.entries(stacks.small)) expect(json.terraform.backend.s3.kms_key_id).toBe('arn:aws:kms:eu-west-1:111122223333:alias/acme-small/tfstate');
  });

  it('passes every Terraform rule of @platform/validation (references, pinned providers, backend, encryption, ingress, IMDSv2, tags) in every stack', () => {
    for (const env of ['small', 'large'] as const) expect([env, summary(validateTerraform(stackFiles(env)))]).toEqual([env, []]);
  });

  it('reads no other stack\'s state: stacks find each other through data sources on names from config', () => {
    for (const [env, name, json] of each()) expect([env, name, JSON.stringify(json).includes('terraform_remote_state')]).toEqual([env, name, false]);
  });

  it('is checked by rules that catch violations injected into the real stacks', () => {
    const { cluster, network, storage } = stacks.small;
    const res = (json: StackJson): Block => json.resource ?? {};
    const [sseId] = Object.keys(res(storage).aws_s3_bucket_server_side_encryption_configuration);
    const [ltId, lt] = Object.entries(res(cluster).aws_launch_template)[0];
    const [logId, log] = Object.entries(res(cluster).aws_cloudwatch_log_group)[0];
    const [eksId, eks] = Object.entries(res(cluster).aws_eks_cluster)[0];
    const otherSse = Object.fromEntries(Object.entries(res(storage).aws_s3_bucket_server_side_encryption_configuration).filter(([id]) => id !== sseId));
    const broken: Record<string, StackJson> = {
      network: {
        ...network,
        resource: {
          ...res(network),
          aws_security_group: { ...res(network).aws_security_group, open: { ingress: [{ cidr_blocks: ['0.0.0.0/0'] }] } },
          aws_security_group_rule: { ...res(network).aws_security_group_rule, b: { type: 'ingress', cidr_blocks: ['0.0.0.0/0'] }, c: { type: 'egress', cidr_blocks: ['0.0.0.0/0'] } },
          aws_vpc_security_group_ingress_rule: { ...res(network).aws_vpc_security_group_ingress_rule, d: { cidr_ipv6: '::/0', security_group_id: '${aws_security_group.elsewhere.id}' } },
        },
      },
      cluster: {
        ...cluster,
        resource: {
          ...res(cluster),
          aws_launch_template: { [ltId]: { ...lt, metadata_options: { http_tokens: 'optional' }, block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'false' } }] } },
          aws_cloudwatch_log_group: { [logId]: { ...log, kms_key_id: undefined } },
          aws_eks_cluster: { [eksId]: { ...eks, encryption_config: undefined } },
        },
      },
      storage: { ...storage, resource: { ...res(storage), aws_s3_bucket_server_side_encryption_configuration: otherSse } },
    };
    const found = summary(validateTerraform(stackFiles('small', broken)));
    const bucketOfRemovedSse = String(res(storage).aws_s3_bucket_server_side_encryption_configuration[sseId].bucket).replace(/^\$\{(aws_s3_bucket\.[^.]+)\.id\}$/, '$1');
    expect(found.sort()).toEqual(
      [
        'TF-REF-001 aws_vpc_security_group_ingress_rule.d security_group_id',
        'TF-NET-001 aws_security_group.open ingress[0].cidr_blocks',
        'TF-NET-001 aws_security_group_rule.b cidr_blocks',
        'TF-NET-001 aws_vpc_security_group_ingress_rule.d cidr_ipv6',
        `TF-IMDS-001 aws_launch_template.${ltId} metadata_options.http_tokens`,
        `TF-EBS-001 aws_launch_template.${ltId} block_device_mappings[0].ebs[0].encrypted`,
        `TF-LOG-001 aws_cloudwatch_log_group.${logId} kms_key_id`,
        `TF-EKS-001 aws_eks_cluster.${eksId} encryption_config`,
        `TF-S3-001 ${bucketOfRemovedSse} -`,
      ].sort(),
    );
  });

  it('restricts the only security-group ingress (VPC endpoints) to the VPC CIDR', () => {
    expect(resources(stacks.small.network, 'aws_vpc_security_group_ingress_rule').map((r) => r.cidr_ipv4)).toEqual(['10.20.0.0/16']);
    expect(resources(stacks.large.network, 'aws_vpc_security_group_ingress_rule').map((r) => r.cidr_ipv4)).toEqual(['10.40.0.0/16']);
  });

  it('encrypts with customer managed keys beyond what the rules require: rotating keys, CMK-encrypted log groups and node volumes', () => {
    for (const [env, name, json] of each()) {
      for (const k of resources(json, 'aws_kms_key')) expect([env, name, k.enable_key_rotation]).toEqual([env, name, true]);
      for (const g of resources(json, 'aws_cloudwatch_log_group')) expect(g.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
      for (const lt of resources(json, 'aws_launch_template')) {
        for (const b of lt.block_device_mappings as { ebs: Record<string, unknown> }[]) expect(b.ebs).toMatchObject({ encrypted: 'true', kms_key_id: expect.stringMatching(/aws_kms_key/) });
      }
    }
  });

  it('keeps the instance metadata service out of reach of pods: IMDSv2 with a hop limit of 1 on every launch template', () => {
    const templates = each().flatMap(([, , json]) => resources(json, 'aws_launch_template'));
    expect(templates).toHaveLength(2);
    for (const lt of templates) expect(lt.metadata_options).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
  });

  it('never allows a wildcard action in any IAM, key, bucket or queue policy', () => {
    for (const [env, name, json] of each()) {
      for (const s of strings(json.resource).filter((x) => x.startsWith('{"Version":"2012-10-17"'))) {
        for (const st of JSON.parse(s).Statement as { Effect: string; Action: string | string[]; Sid: string }[]) {
          if (st.Effect !== 'Allow') continue;
          for (const a of [st.Action].flat()) expect([env, name, st.Sid, a.includes('*')]).toEqual([env, name, st.Sid, false]);
        }
      }
    }
  });

  it('creates exactly one Pod Identity association per contract entry and installs the EBS CSI add-on after its association', () => {
    for (const env of ['small', 'large'] as const) {
      const podIam = stacks[env]['pod-iam'];
      expect(resources(podIam, 'aws_eks_pod_identity_association')).toHaveLength(podIdentityContract(small).length);
      const addon = resources(podIam, 'aws_eks_addon');
      expect(addon).toEqual([expect.objectContaining({ addon_name: 'aws-ebs-csi-driver', cluster_name: `acme-${env}` })]);
      expect(addon[0].depends_on).toEqual([expect.stringMatching(/^aws_eks_pod_identity_association\.pod-identities_ebs-csi_association/)]);
      // Cost attribution: default_tags do not reach volumes the controller creates; the add-on tags them.
      expect(JSON.parse(addon[0].configuration_values as string)).toEqual({
        controller: { extraVolumeTags: { Environment: env, Owner: 'platform-team@acme.example', CostCenter: 'PLAT-0000', ManagedBy: 'platform-cdktn', Organization: 'acme' } },
      });
    }
  });

  it('orders the cluster: CNI, kube-proxy and Pod Identity agent before the nodes, CoreDNS after them', () => {
    const cluster = stacks.small.cluster;
    const addons = Object.entries(cluster.resource?.aws_eks_addon ?? {});
    const idOf = (name: string): string => addons.find(([, a]) => a.addon_name === name)?.[0] ?? '';
    const nodeGroup = Object.entries(cluster.resource?.aws_eks_node_group ?? {})[0];
    for (const before of ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent']) expect(nodeGroup[1].depends_on).toContain(`aws_eks_addon.${idOf(before)}`);
    expect(cluster.resource?.aws_eks_addon?.[idOf('coredns')]?.depends_on).toEqual([`aws_eks_node_group.${nodeGroup[0]}`]);
    // backup and DR: the CSI snapshot controller (and its CRDs) runs on the nodes, before GitOps syncs the VolumeSnapshotClass
    expect(cluster.resource?.aws_eks_addon?.[idOf('snapshot-controller')]?.depends_on).toEqual([`aws_eks_node_group.${nodeGroup[0]}`]);
    for (const [, a] of addons) expect(a.addon_version).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
  });

  it('differs between environments only through config: same resource types in every stack except what a config value adds', () => {
    const types = (json: StackJson): Set<string> => new Set([...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {}).map((t) => `data.${t}`)]);
    const only = (a: Set<string>, b: Set<string>): string[] => [...a].filter((t) => !b.has(t)).sort();
    const differences: Record<string, { small: string[]; large: string[] }> = {};
    for (const name of FOUNDATION_STACKS) {
      const [s, l] = [types(stacks.small[name]), types(stacks.large[name])];
      if (only(s, l).length || only(l, s).length) differences[name] = { small: only(s, l), large: only(l, s) };
    }
    expect(differences).toEqual({
      // aws.accountIamResources: small creates the account's EC2 Spot service-linked role, large checks it exists.
      cluster: { small: ['aws_iam_service_linked_role'], large: ['data.aws_iam_role'] },
      // dns.hostedZoneId set in large: the zone is read, not created.
      dns: { small: ['aws_route53_zone'], large: ['data.aws_route53_zone'] },
      // ... and pod-iam builds the zone ARN from dns.hostedZoneId instead of looking the zone up by name.
      'pod-iam': { small: ['data.aws_route53_zone'], large: [] },
      // storage.backupReplicaRegion set in large: replica bucket, its key and the replication role.
      storage: {
        small: [],
        large: ['aws_iam_role', 'aws_iam_role_policy', 'aws_s3_bucket_replication_configuration'],
      },
    });
  });

  it('differs between environments only through config: the attributes driven by values', () => {
    // network.natGateways, network.azCount, network.vpcCidr
    expect(resources(stacks.small.network, 'aws_nat_gateway')).toHaveLength(1);
    expect(resources(stacks.large.network, 'aws_nat_gateway')).toHaveLength(3);
    expect(resources(stacks.small.network, 'aws_subnet')).toHaveLength(2 * 3);
    expect(resources(stacks.large.network, 'aws_subnet')).toHaveLength(3 * 3);
    expect(resources(stacks.small.network, 'aws_vpc')[0].cidr_block).toBe('10.20.0.0/16');
    expect(resources(stacks.large.network, 'aws_vpc')[0].cidr_block).toBe('10.40.0.0/16');
    // cluster.systemNodeGroup
    expect(resources(stacks.small.cluster, 'aws_eks_node_group')[0]).toMatchObject({ instance_types: ['m7i.large'], scaling_config: { min_size: 2, desired_size: 2, max_size: 3 } });
    expect(resources(stacks.large.cluster, 'aws_eks_node_group')[0]).toMatchObject({ instance_types: ['m7i.2xlarge'], scaling_config: { min_size: 3, desired_size: 3, max_size: 6 } });
    // cluster.endpointPublicAccess / publicAccessCidrs
    expect(resources(stacks.small.cluster, 'aws_eks_cluster')[0].vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] });
    expect(resources(stacks.large.cluster, 'aws_eks_cluster')[0].vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect((resources(stacks.large.cluster, 'aws_eks_cluster')[0].vpc_config as Record<string, unknown>).public_access_cidrs).toBeUndefined();
    // storage.backupReplicaRegion, dns.hostedZoneId
    expect(resources(stacks.small.storage, 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
    expect(resources(stacks.large.storage, 'aws_s3_bucket_replication_configuration')).toHaveLength(1);
    expect(resources(stacks.small.dns, 'aws_route53_zone')).toHaveLength(1);
    expect(resources(stacks.large.dns, 'aws_route53_zone')).toHaveLength(0);
  });

  it('differs between environments only through config: same resource addresses apart from the value-driven counts', () => {
    // Addresses are stable construct ids: apart from per-AZ/per-NAT indexes and the config-driven
    // resources above, both environments have the same Terraform addresses.
    const addresses = (env: 'small' | 'large', stack: string): string[] =>
      Object.entries(stacks[env][stack].resource ?? {})
        .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id.replace(/_[0-9A-F]{8}$/, '')}`))
        .filter((a) => !/[-_](public|private|intra|nat|nat-eip)-\d/.test(a))
        .filter((a) => !a.startsWith('aws_iam_service_linked_role.'))
        .sort();
    for (const stack of ['bootstrap', 'cluster', 'pod-iam', 'audit', 'cost', 'certificates']) expect([stack, addresses('small', stack)]).toEqual([stack, addresses('large', stack)]);
  });

  it('creates the EC2 Spot service-linked role exactly when aws.accountIamResources is create, in the cluster stack, and never lets a controller create it', () => {
    expect(resources(stacks.small.cluster, 'aws_iam_service_linked_role')).toEqual([expect.objectContaining({ aws_service_name: 'spot.amazonaws.com' })]);
    expect(resources(stacks.large.cluster, 'aws_iam_service_linked_role')).toEqual([]);
    // With 'existing' the plan checks the role is there (the owning environment was applied first).
    expect(Object.values(stacks.large.cluster.data?.['aws_iam_role'] ?? {})).toEqual([expect.objectContaining({ name: 'AWSServiceRoleForEC2Spot' })]);
    expect(stacks.small.cluster.data?.['aws_iam_role']).toBeUndefined();
    // Applied before Karpenter can run: its controller's credentials come from pod-iam, later.
    expect(FOUNDATION_STACKS.indexOf('cluster')).toBeLessThan(FOUNDATION_STACKS.indexOf('pod-iam'));
    for (const [env, name, json] of each()) {
      if (name !== 'cluster') expect([env, name, resources(json, 'aws_iam_service_linked_role')]).toEqual([env, name, []]);
      // No policy mentions the Spot role or service: the Karpenter controller gets no iam:CreateServiceLinkedRole for it.
      const rest = Object.entries(json.resource ?? {}).filter(([type]) => type !== 'aws_iam_service_linked_role');
      const spot = strings(rest).filter((s) => /spot\.amazonaws\.com|AWSServiceRoleForEC2Spot/.test(s));
      expect([env, name, spot]).toEqual([env, name, []]);
      // The only iam:CreateServiceLinkedRole grant (AWS Load Balancer Controller) is scoped to its own service.
      const policies = strings(json).filter((s) => s.includes('iam:CreateServiceLinkedRole')).map((s) => JSON.parse(s) as { Statement: { Action: string[]; Condition?: unknown }[] });
      const grants = policies.flatMap((p) => p.Statement).filter((st) => st.Action.includes('iam:CreateServiceLinkedRole'));
      for (const st of grants) expect(st.Condition).toEqual({ StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } });
      if (name === 'pod-iam') expect(grants).toHaveLength(1);
    }
  });

  it('splits DNS: the dns stack holds only the zone, the certificates stack (applied last, after delegation) the ACM certificate and its validation', () => {
    expect(FOUNDATION_STACKS.indexOf('certificates')).toBe(FOUNDATION_STACKS.length - 1);
    expect(FOUNDATION_STACKS.indexOf('dns')).toBeLessThan(FOUNDATION_STACKS.indexOf('certificates'));
    expect(Object.keys(stacks.small.dns.resource ?? {})).toEqual(['aws_route53_zone']);
    expect(stacks.large.dns.resource).toBeUndefined();
    for (const env of ['small', 'large'] as const) {
      const certs = stacks[env].certificates;
      expect(Object.keys(certs.resource ?? {}).sort()).toEqual(['aws_acm_certificate', 'aws_acm_certificate_validation', 'aws_route53_record']);
      expect(Object.keys(certs.data ?? {})).toEqual(['aws_route53_zone']);
      for (const [name, json] of Object.entries(stacks[env])) {
        if (name !== 'certificates') expect([name, json.resource?.aws_acm_certificate_validation]).toEqual([name, undefined]);
      }
    }
  });

  it('outputs only what humans and CI need: the cluster endpoint and a created zone’s name servers', () => {
    for (const env of ['small', 'large'] as const) {
      for (const [name, json] of Object.entries(stacks[env])) {
        const outputs = Object.keys(json.output ?? {});
        if (name === 'cluster') expect(outputs).toEqual(['cluster_endpoint']);
        else if (name === 'dns' && env === 'small') expect(outputs).toEqual(['name_servers']);
        else expect(outputs).toEqual([]);
      }
    }
  });
});
