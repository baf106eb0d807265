import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { PlatformDns } from '@platform/aws-dns';
import { TerraformOutput } from 'cdktn';
import type { Construct } from 'constructs';

/** State `dns`: the hosted zone (or the existing one) and the validated wildcard certificate. */
export class DnsStack extends PlatformStack {
  public readonly dns: PlatformDns;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.dns = new PlatformDns(this, 'dns', { env: props.env });
    if (this.dns.nameServers) {
      new TerraformOutput(this, 'name_servers', {
        value: this.dns.nameServers,
        description: `NS records to delegate ${props.env.dns.domain} from its parent zone`,
      });
    }
  }
}
