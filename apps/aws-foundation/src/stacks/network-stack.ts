import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { KMS_KEY_PURPOSES } from '@platform/aws-kms';
import { PlatformNetwork } from '@platform/aws-network';
import { clusterName, discoveryTag, kmsAlias, roleName } from '@platform/config';
import type { Construct } from 'constructs';

/** State `network`: the VPC and everything routed through it. */
export class NetworkStack extends PlatformStack {
  public readonly network: PlatformNetwork;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { env } = props;
    this.network = new PlatformNetwork(this, 'network', {
      environmentName: env.name,
      accountId: env.aws.accountId,
      region: env.aws.region,
      clusterName: clusterName(env),
      discoveryTag: discoveryTag(env),
      vpcCidr: env.network.vpcCidr,
      azCount: env.network.azCount,
      natGateways: env.network.natGateways,
      interfaceEndpoints: env.network.interfaceEndpoints,
      flowLogs: {
        keyAliasName: kmsAlias(env, KMS_KEY_PURPOSES.flowLogs),
        roleName: roleName(env, 'vpc-flow-logs'),
        retentionDays: env.network.flowLogRetentionDays,
      },
    });
  }
}
