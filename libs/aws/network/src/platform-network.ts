import { DataAwsAvailabilityZones } from '@cdktn/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktn/provider-aws/lib/default-security-group';
import { Eip } from '@cdktn/provider-aws/lib/eip';
import { InternetGateway } from '@cdktn/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktn/provider-aws/lib/nat-gateway';
import { Route } from '@cdktn/provider-aws/lib/route';
import { RouteTable } from '@cdktn/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktn/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { Vpc } from '@cdktn/provider-aws/lib/vpc';
import { Fn } from 'cdktn';
import { Construct } from 'constructs';
import { planSubnets, type SubnetPlan } from './subnet-plan';
import { VpcEndpoints } from './vpc-endpoints';
import { VpcFlowLogs, type VpcFlowLogsSettings } from './vpc-flow-logs';

export interface PlatformNetworkProps {
  /** Environment name, prefixed to the plan-time AZ-count error. */
  readonly environmentName: string;
  /** Account of the VPC (flow log delivery role). */
  readonly accountId: string;
  /** Region of the VPC (`aws.region`): AZ lookup and endpoint service names. */
  readonly region: string;
  /**
   * The cluster name (`clusterName(env)`): the VPC's `Name` tag (how `ClusterNetworkLookup` finds it),
   * the prefix of every other `Name` tag and the `kubernetes.io/cluster/<clusterName>` subnet tag.
   */
  readonly clusterName: string;
  /** The Karpenter subnet discovery tag (`discoveryTag(env)`), set on the private subnets. */
  readonly discoveryTag: { readonly key: string; readonly value: string };
  /**
   * VPC IPv4 CIDR (`network.vpcCidr`); subnet sizes derive from it (`planSubnets`). Must be large
   * enough for `azCount`: the environment schema is the one place of that rule.
   */
  readonly vpcCidr: string;
  /** Availability zones to spread subnets over, 2 to 6 (`network.azCount`). */
  readonly azCount: number;
  /** `single`: one NAT gateway (cheap, zonal SPOF). `perAz`: one per AZ (`network.natGateways`). */
  readonly natGateways: 'single' | 'perAz';
  /** Interface endpoint services (`network.interfaceEndpoints`), e.g. `['ecr.api', 'sts']`. */
  readonly interfaceEndpoints: readonly string[];
  /** Key, role and retention of the VPC flow logs. */
  readonly flowLogs: VpcFlowLogsSettings;
}

/**
 * The environment VPC: public, private and intra subnets over `azCount` AZs with sizes
 * derived from `vpcCidr`, an internet gateway, NAT gateways (`single` or `perAz`) and routes.
 * Subnets carry the EKS, load balancer and Karpenter discovery tags. The VPC's default security
 * group is taken over with no rules (nothing can use it by accident), flow logs go to an encrypted
 * log group (`VpcFlowLogs`), and S3 plus `interfaceEndpoints` are reachable privately
 * (`VpcEndpoints`). The cluster stack finds the VPC by its `Name` tag (`clusterName`) and the
 * subnets by their `Tier` tag, so no ID crosses stacks.
 * A postcondition on the availability-zone data source fails the plan, naming `network.azCount`,
 * when the region has fewer available AZs than configured.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html
 */
export class PlatformNetwork extends Construct {
  public readonly vpc: Vpc;
  public readonly plan: SubnetPlan;
  public readonly publicSubnets: Subnet[] = [];
  public readonly privateSubnets: Subnet[] = [];
  public readonly intraSubnets: Subnet[] = [];
  public readonly privateRouteTables: RouteTable[] = [];
  public readonly natGateways: NatGateway[] = [];
  public readonly intraRouteTable: RouteTable;
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  public readonly flowLogs: VpcFlowLogs;
  public readonly endpoints: VpcEndpoints;

  constructor(scope: Construct, id: string, props: PlatformNetworkProps) {
    super(scope, id);
    const { azCount } = props;
    const name = props.clusterName;
    this.plan = planSubnets(props.vpcCidr, azCount);

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: name },
    });
    const azs = new DataAwsAvailabilityZones(this, 'azs', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      // Subnets take names[i] with element(), which wraps around: without this check a region with
      // fewer AZs than network.azCount would silently put two subnets of a tier in the same AZ.
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(self.names) >= ${azCount}}`,
            errorMessage: `${props.environmentName}: network.azCount is ${azCount}, but ${props.region} has fewer available (non opt-in) availability zones; lower network.azCount`,
          },
        ],
      },
    });
    const azName = (i: number): string => Fn.element(azs.names, i);
    const clusterTag = { [`kubernetes.io/cluster/${name}`]: 'shared' };
    const discovery = props.discoveryTag;

    const igw = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: { Name: name } });
    const publicRt = new RouteTable(this, 'public-rt', { vpcId: this.vpc.id, tags: { Name: `${name}-public` } });
    new Route(this, 'public-default-route', { routeTableId: publicRt.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });

    this.plan.public.forEach((cidr, i) => {
      const subnet = new Subnet(this, `public-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: azName(i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-public-${i}`, Tier: 'public', 'kubernetes.io/role/elb': '1', ...clusterTag },
      });
      new RouteTableAssociation(this, `public-${i}-rta`, { subnetId: subnet.id, routeTableId: publicRt.id });
      this.publicSubnets.push(subnet);
    });

    const natCount = props.natGateways === 'perAz' ? azCount : 1;
    for (let i = 0; i < natCount; i++) {
      const eip = new Eip(this, `nat-eip-${i}`, { domain: 'vpc', tags: { Name: `${name}-nat-${i}` } });
      this.natGateways.push(
        new NatGateway(this, `nat-${i}`, {
          allocationId: eip.allocationId,
          subnetId: this.publicSubnets[i].id,
          tags: { Name: `${name}-nat-${i}` },
          dependsOn: [igw],
        }),
      );
    }

    this.plan.private.forEach((cidr, i) => {
      const subnet = new Subnet(this, `private-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: azName(i),
        tags: {
          Name: `${name}-private-${i}`,
          Tier: 'private',
          'kubernetes.io/role/internal-elb': '1',
          [discovery.key]: discovery.value,
          ...clusterTag,
        },
      });
      const rt = new RouteTable(this, `private-${i}-rt`, { vpcId: this.vpc.id, tags: { Name: `${name}-private-${i}` } });
      new Route(this, `private-${i}-default-route`, {
        routeTableId: rt.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: this.natGateways[i % natCount].id,
      });
      new RouteTableAssociation(this, `private-${i}-rta`, { subnetId: subnet.id, routeTableId: rt.id });
      this.privateSubnets.push(subnet);
      this.privateRouteTables.push(rt);
    });

    const intraRt = new RouteTable(this, 'intra-rt', { vpcId: this.vpc.id, tags: { Name: `${name}-intra` } });
    this.intraRouteTable = intraRt;
    this.plan.intra.forEach((cidr, i) => {
      const subnet = new Subnet(this, `intra-${i}`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: azName(i),
        tags: { Name: `${name}-intra-${i}`, Tier: 'intra' },
      });
      new RouteTableAssociation(this, `intra-${i}-rta`, { subnetId: subnet.id, routeTableId: intraRt.id });
      this.intraSubnets.push(subnet);
    });

    // No ingress and no egress blocks: Terraform strips every rule from the default security group.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      tags: { Name: `${name}-default-unused` },
    });
    this.flowLogs = new VpcFlowLogs(this, 'flow-logs', { ...props.flowLogs, accountId: props.accountId, region: props.region, clusterName: name, vpc: this.vpc });
    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      namePrefix: name,
      region: props.region,
      vpcCidr: props.vpcCidr,
      interfaceEndpoints: props.interfaceEndpoints,
      vpc: this.vpc,
      endpointSubnets: this.privateSubnets,
      routeTables: [...this.privateRouteTables, intraRt],
    });
  }
}
