import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { PlatformHostedZone } from '@platform/aws-dns';
import { TerraformOutput } from 'cdktn';
import type { Construct } from 'constructs';

/**
 * State `dns`: the environment's public hosted zone (or the existing `dns.hostedZoneId`, read
 * only). A created zone's `name_servers` output must be delegated from the parent zone before the
 * `certificates` stack is applied.
 */
export class DnsStack extends PlatformStack {
  public readonly zone: PlatformHostedZone;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.zone = new PlatformHostedZone(this, 'dns', { domain: props.env.dns.domain, existingZoneId: props.env.dns.hostedZoneId, environmentName: props.env.name });
    if (this.zone.nameServers) {
      new TerraformOutput(this, 'name_servers', {
        value: this.zone.nameServers,
        description: `NS records to delegate ${props.env.dns.domain} from its parent zone (before applying the certificates stack)`,
      });
    }
  }
}
