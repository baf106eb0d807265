import { DataAwsRoute53Zone } from '@cdktn/provider-aws/lib/data-aws-route53-zone';
import { Route53Zone } from '@cdktn/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';

export interface PlatformHostedZoneProps {
  /** The environment's domain (`dns.domain`), e.g. `prod.acme.example`. */
  readonly domain: string;
  /** Id of an existing public zone for `domain` (`dns.hostedZoneId`): read, not created. @default none (create the zone) */
  readonly existingZoneId?: string;
  /** Environment name, for the created zone's comment. */
  readonly environmentName: string;
}

/**
 * The environment's public hosted zone for `domain`: created here, or, when
 * `existingZoneId` is set, the existing zone read with a data source. A created zone's
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
    if (props.existingZoneId) {
      const zone = new DataAwsRoute53Zone(this, 'zone', { zoneId: props.existingZoneId, privateZone: false });
      this.zoneId = zone.zoneId;
    } else {
      const zone = new Route53Zone(this, 'zone', { name: props.domain, comment: `Public zone of the ${props.environmentName} environment`, forceDestroy: false });
      this.zoneId = zone.zoneId;
      this.nameServers = zone.nameServers;
    }
  }
}
