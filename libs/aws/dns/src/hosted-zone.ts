import { DataAwsRoute53Zone } from '@cdktn/provider-aws/lib/data-aws-route53-zone';
import { Route53Zone } from '@cdktn/provider-aws/lib/route53-zone';
import type { EnvironmentConfig } from '@platform/config';
import { Construct } from 'constructs';

export interface PlatformHostedZoneProps {
  readonly env: EnvironmentConfig;
}

/**
 * The environment's public hosted zone for `dns.domain`: created here, or, when
 * `dns.hostedZoneId` is set, the existing zone read with a data source. A created zone's
 * `nameServers` must be delegated (NS records) from the parent zone before the `certificates`
 * stack is applied, because ACM validates through public DNS resolution of this zone.
 * @see https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/CreatingNewSubdomain.html
 */
export class PlatformHostedZone extends Construct {
  /** Zone id (token). */
  public readonly zoneId: string;
  /** Name servers of a created zone (token); undefined when the zone is pre-existing. */
  public readonly nameServers?: string[];

  constructor(scope: Construct, id: string, props: PlatformHostedZoneProps) {
    super(scope, id);
    const { env } = props;
    if (env.dns.hostedZoneId) {
      const zone = new DataAwsRoute53Zone(this, 'zone', { zoneId: env.dns.hostedZoneId, privateZone: false });
      this.zoneId = zone.zoneId;
    } else {
      const zone = new Route53Zone(this, 'zone', { name: env.dns.domain, comment: `Public zone of the ${env.name} environment`, forceDestroy: false });
      this.zoneId = zone.zoneId;
      this.nameServers = zone.nameServers;
    }
  }
}
