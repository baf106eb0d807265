import { dataSourcesOf, onlyResource, parsePolicy, resourcesOf, type StackJson, synthConstructs } from '@platform/aws-core/testing';
import { PlatformNetwork, type PlatformNetworkProps } from './platform-network';

const common = {
  environmentName: 'test',
  accountId: '111122223333',
  region: 'eu-west-1',
  clusterName: 'acme-test',
  discoveryTag: { key: 'karpenter.sh/discovery', value: 'acme-test' },
} as const;
// Two networks that differ only in values: a small single-NAT one and a resilient per-AZ one.
const small: PlatformNetworkProps = {
  ...common,
  vpcCidr: '10.8.0.0/20',
  azCount: 2,
  natGateways: 'single',
  interfaceEndpoints: ['sts'],
  flowLogs: { keyAliasName: 'alias/acme-test/flow-logs', roleName: 'acme-test-vpc-flow-logs', retentionDays: 14 },
};
const large: PlatformNetworkProps = {
  ...common,
  vpcCidr: '10.9.0.0/16',
  azCount: 3,
  natGateways: 'perAz',
  interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'sts', 'logs'],
  flowLogs: { keyAliasName: 'alias/acme-test/flow-logs', roleName: 'acme-test-vpc-flow-logs', retentionDays: 365 },
};

let smallJson: StackJson;
let largeJson: StackJson;
beforeAll(() => {
  smallJson = synthConstructs((s) => new PlatformNetwork(s, 'network', small), 'network');
  largeJson = synthConstructs((s) => new PlatformNetwork(s, 'network', large), 'network');
});

describe('PlatformNetwork', () => {
  it('creates one NAT gateway for single and one per AZ for perAz', () => {
    expect(resourcesOf(smallJson, 'aws_nat_gateway')).toHaveLength(1);
    expect(resourcesOf(largeJson, 'aws_nat_gateway')).toHaveLength(3);
  });

  it('names the VPC after the cluster, which is how the cluster stack finds it', () => {
    expect(onlyResource(smallJson, 'aws_vpc')).toMatchObject({ cidr_block: '10.8.0.0/20', tags: { Name: 'acme-test' } });
  });

  it('creates the planned subnets with their tags', () => {
    const subnets = resourcesOf(largeJson, 'aws_subnet').map(([, s]) => s as { cidr_block: string; tags: Record<string, string> });
    expect(subnets).toHaveLength(9);
    const priv = subnets.filter((s) => s.tags.Tier === 'private');
    expect(priv.map((s) => s.cidr_block)).toEqual(['10.9.0.0/19', '10.9.32.0/19', '10.9.64.0/19']);
    for (const s of priv) {
      expect(s.tags).toMatchObject({ 'kubernetes.io/role/internal-elb': '1', 'karpenter.sh/discovery': 'acme-test', 'kubernetes.io/cluster/acme-test': 'shared' });
    }
    for (const s of subnets.filter((x) => x.tags.Tier === 'public')) expect(s.tags['kubernetes.io/role/elb']).toBe('1');
  });

  it('fails the plan, naming network.azCount, when the region has fewer available AZs than configured', () => {
    for (const [json, count] of [
      [smallJson, 2],
      [largeJson, 3],
    ] as const) {
      const [[, azs]] = dataSourcesOf(json, 'aws_availability_zones');
      expect(azs.lifecycle).toEqual({
        postcondition: [{ condition: `\${length(self.names) >= ${count}}`, error_message: expect.stringMatching(/^test: network\.azCount is \d, but eu-west-1 has fewer available .*; lower network\.azCount$/) }],
      });
      // Every subnet takes its AZ from that data source, so the check guards all of them.
      for (const [, subnet] of resourcesOf(json, 'aws_subnet')) expect(subnet.availability_zone).toMatch(/^\$\{element\(data\.aws_availability_zones\.network_azs\.names, \d\)\}$/);
    }
  });

  it('takes over the default security group with no rules', () => {
    const sg = onlyResource(smallJson, 'aws_default_security_group');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  it('sends flow logs of ALL traffic to a KMS-encrypted log group with the configured retention', () => {
    for (const [json, props] of [
      [smallJson, small],
      [largeJson, large],
    ] as const) {
      const group = onlyResource(json, 'aws_cloudwatch_log_group');
      expect(group).toMatchObject({ name: '/aws/vpc/acme-test/flow-logs', retention_in_days: props.flowLogs.retentionDays });
      expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
      expect(onlyResource(json, 'aws_flow_log')).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    }
    expect(onlyResource(smallJson, 'aws_kms_key').enable_key_rotation).toBe(true);
    expect(onlyResource(smallJson, 'aws_kms_alias').name).toBe('alias/acme-test/flow-logs');
  });

  it('gives the flow log role write access to its own log group only', () => {
    const role = onlyResource(smallJson, 'aws_iam_role');
    expect(role.name).toBe('acme-test-vpc-flow-logs');
    const trust = parsePolicy(role.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    expect(trust.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': '111122223333' });
    const policy = parsePolicy(onlyResource(smallJson, 'aws_iam_role_policy').policy);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']);
    for (const r of policy.Statement[0].Resource as string[]) expect(r).toMatch(/^\$\{aws_cloudwatch_log_group\./);
  });

  it('adds an S3 gateway endpoint on the private and intra route tables', () => {
    const gateways = resourcesOf(largeJson, 'aws_vpc_endpoint').filter(([, e]) => e.vpc_endpoint_type === 'Gateway');
    expect(gateways).toHaveLength(1);
    expect(gateways[0][1].service_name).toBe('com.amazonaws.eu-west-1.s3');
    expect(gateways[0][1].route_table_ids).toHaveLength(4);
  });

  it('adds one interface endpoint per configured service with private DNS', () => {
    const interfaces = resourcesOf(largeJson, 'aws_vpc_endpoint').filter(([, e]) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces.map(([, e]) => e.service_name).sort()).toEqual(
      ['ecr.api', 'ecr.dkr', 'logs', 'sts'].map((s) => `com.amazonaws.eu-west-1.${s}`),
    );
    for (const [, e] of interfaces) expect(e.private_dns_enabled).toBe(true);
  });

  it('lets only HTTPS from the VPC CIDR reach the endpoints, with no egress', () => {
    const rules = resourcesOf(largeJson, 'aws_vpc_security_group_ingress_rule').map(([, r]) => r);
    expect(rules).toEqual([expect.objectContaining({ cidr_ipv4: '10.9.0.0/16', from_port: 443, to_port: 443, ip_protocol: 'tcp' })]);
    expect(resourcesOf(largeJson, 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
    expect(onlyResource(largeJson, 'aws_security_group').egress).toBeUndefined();
  });

  it('opens no ingress from 0.0.0.0/0', () => {
    for (const json of [smallJson, largeJson]) {
      expect(JSON.stringify(json.resource?.aws_vpc_security_group_ingress_rule ?? {})).not.toContain('0.0.0.0/0');
      expect(resourcesOf(json, 'aws_security_group_rule')).toHaveLength(0);
    }
  });

});
