import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { PlatformNetwork } from '@platform/aws-network';
import type { Construct } from 'constructs';

/** State `network`: the VPC and everything routed through it. */
export class NetworkStack extends PlatformStack {
  public readonly network: PlatformNetwork;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.network = new PlatformNetwork(this, 'network', { env: props.env });
  }
}
