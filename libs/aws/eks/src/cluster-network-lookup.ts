import { DataAwsSubnets } from '@cdktn/provider-aws/lib/data-aws-subnets';
import { DataAwsVpc } from '@cdktn/provider-aws/lib/data-aws-vpc';
import { Construct } from 'constructs';

export interface ClusterNetworkLookupProps {
  /** The VPC's `Name` tag: the cluster name (`clusterName(env)`), as `PlatformNetwork` sets it. */
  readonly vpcName: string;
}

/**
 * Finds the network stack's VPC and subnets by the tags `PlatformNetwork` sets (`Name` =
 * `vpcName`, `Tier` = private | intra), so the cluster stack needs no cross-stack reference.
 * Terraform fails the plan if the network stack was not applied first.
 */
export class ClusterNetworkLookup extends Construct {
  public readonly vpc: DataAwsVpc;
  public readonly privateSubnets: DataAwsSubnets;
  public readonly intraSubnets: DataAwsSubnets;

  constructor(scope: Construct, id: string, props: ClusterNetworkLookupProps) {
    super(scope, id);
    this.vpc = new DataAwsVpc(this, 'vpc', { filter: [{ name: 'tag:Name', values: [props.vpcName] }] });
    const tier = (t: string): DataAwsSubnets =>
      new DataAwsSubnets(this, `${t}-subnets`, {
        filter: [
          { name: 'vpc-id', values: [this.vpc.id] },
          { name: 'tag:Tier', values: [t] },
        ],
      });
    this.privateSubnets = tier('private');
    this.intraSubnets = tier('intra');
  }
}
