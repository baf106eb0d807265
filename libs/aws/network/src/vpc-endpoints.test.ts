import { RouteTable } from '@cdktn/provider-aws/lib/route-table';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { resourcesOf, synthConstructs } from '@platform/aws-core/testing';
import { INTERFACE_ENDPOINT_PORT, VpcEndpoints } from './vpc-endpoints';

describe('VpcEndpoints', () => {
  const json = synthConstructs((stack) => {
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.20.0.0/16' });
    const subnet = new Subnet(stack, 'subnet', { vpcId: vpc.id, cidrBlock: '10.20.0.0/24' });
    const routeTable = new RouteTable(stack, 'rt', { vpcId: vpc.id });
    new VpcEndpoints(stack, 'endpoints', { namePrefix: 'acme-qa', region: 'eu-west-1', vpcCidr: '10.20.0.0/16', interfaceEndpoints: ['sts', 'ecr.api'], vpc, endpointSubnets: [subnet], routeTables: [routeTable] });
  });
  const endpoints = resourcesOf(json, 'aws_vpc_endpoint').map(([, e]) => e as { service_name: string; vpc_endpoint_type: string; private_dns_enabled?: boolean; tags: { Name: string } });

  it('creates the S3 gateway endpoint and one private-DNS interface endpoint per service of the region', () => {
    expect(endpoints.map((e) => [e.service_name, e.vpc_endpoint_type, e.private_dns_enabled ?? null, e.tags.Name]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['com.amazonaws.eu-west-1.ecr.api', 'Interface', true, 'acme-qa-ecr.api'],
      ['com.amazonaws.eu-west-1.s3', 'Gateway', null, 'acme-qa-s3'],
      ['com.amazonaws.eu-west-1.sts', 'Interface', true, 'acme-qa-sts'],
    ]);
  });

  it('admits only HTTPS from the VPC CIDR', () => {
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule').map(([, r]) => r)).toEqual([
      expect.objectContaining({ ip_protocol: 'tcp', from_port: INTERFACE_ENDPOINT_PORT, to_port: INTERFACE_ENDPOINT_PORT, cidr_ipv4: '10.20.0.0/16' }),
    ]);
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });
});
