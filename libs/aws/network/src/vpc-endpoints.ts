import type { RouteTable } from '@cdktn/provider-aws/lib/route-table';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import type { Subnet } from '@cdktn/provider-aws/lib/subnet';
import type { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktn/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktn/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** HTTPS: the only port AWS interface endpoints serve. */
export const INTERFACE_ENDPOINT_PORT = 443;

export interface VpcEndpointsProps {
  /** Prefix of the resource `Name` tags and the security group name: the cluster name (`clusterName(env)`). */
  readonly namePrefix: string;
  /** AWS region of the VPC (`aws.region`), part of every endpoint service name. */
  readonly region: string;
  /** The VPC's IPv4 CIDR (`network.vpcCidr`), the only source the endpoints admit. */
  readonly vpcCidr: string;
  /** Interface endpoint services (`network.interfaceEndpoints`), e.g. `['ecr.api', 'sts']`. */
  readonly interfaceEndpoints: readonly string[];
  /** The VPC the endpoints and their security group are created in. */
  readonly vpc: Vpc;
  /** Subnets that get an endpoint ENI (one per AZ). */
  readonly endpointSubnets: readonly Subnet[];
  /** Route tables that get the S3 gateway endpoint route. */
  readonly routeTables: readonly RouteTable[];
}

/**
 * Private paths to AWS APIs: the S3 gateway endpoint on the given route tables (free; keeps image
 * layers, backups and logs off the NAT gateways) and one interface endpoint per
 * `interfaceEndpoints` entry with private DNS, behind a security group that admits only
 * TCP 443 from the VPC CIDR and has no egress rule (endpoints never initiate connections).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html
 */
export class VpcEndpoints extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly s3Gateway: VpcEndpoint;
  public readonly interfaceEndpoints: Readonly<Record<string, VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const { vpc, region } = props;
    const name = props.namePrefix;
    this.s3Gateway = new VpcEndpoint(this, 's3-gateway', {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTables.map((rt) => rt.id),
      tags: { Name: `${name}-s3` },
    });

    // terraform-provider-aws removes the default allow-all egress rule of a new security group.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${name}-vpc-endpoints`,
      description: `HTTPS from ${props.vpcCidr} to interface VPC endpoints`,
      vpcId: vpc.id,
      tags: { Name: `${name}-vpc-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS from the VPC',
      ipProtocol: 'tcp',
      fromPort: INTERFACE_ENDPOINT_PORT,
      toPort: INTERFACE_ENDPOINT_PORT,
      cidrIpv4: props.vpcCidr,
    });

    const endpoints: Record<string, VpcEndpoint> = {};
    for (const service of [...props.interfaceEndpoints].sort()) {
      endpoints[service] = new VpcEndpoint(this, `interface-${service.replace(/\./g, '-')}`, {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: props.endpointSubnets.map((s) => s.id),
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${name}-${service}` },
      });
    }
    this.interfaceEndpoints = endpoints;
  }
}
