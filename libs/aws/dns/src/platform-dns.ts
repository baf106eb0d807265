import { AcmCertificate } from '@cdktn/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktn/provider-aws/lib/acm-certificate-validation';
import { DataAwsRoute53Zone } from '@cdktn/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktn/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktn/provider-aws/lib/route53-zone';
import type { EnvironmentConfig } from '@platform/config';
import { TerraformIterator } from 'cdktn';
import { Construct } from 'constructs';

/** TTL of the ACM validation CNAMEs, seconds. */
export const VALIDATION_RECORD_TTL_SECONDS = 60;

export interface PlatformDnsProps {
  readonly env: EnvironmentConfig;
}

/**
 * The environment's public DNS: the hosted zone for `dns.domain` (created here, or the existing
 * `dns.hostedZoneId` read with a data source) and an ACM certificate for the domain and its
 * wildcard, validated through DNS records in that zone. The domain and the wildcard share one
 * validation CNAME, so the records are created per `domain_name` with `allow_overwrite`.
 * A created zone's name servers must be delegated from the parent zone (see the `name_servers` output).
 * @see https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
 */
export class PlatformDns extends Construct {
  /** Zone id (token). */
  public readonly zoneId: string;
  /** Name servers of a created zone; undefined when the zone is pre-existing. */
  public readonly nameServers?: string[];
  public readonly certificate: AcmCertificate;
  public readonly validation: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: PlatformDnsProps) {
    super(scope, id);
    const { env } = props;
    const domain = env.dns.domain;
    if (env.dns.hostedZoneId) {
      const zone = new DataAwsRoute53Zone(this, 'zone', { zoneId: env.dns.hostedZoneId, privateZone: false });
      this.zoneId = zone.zoneId;
    } else {
      const zone = new Route53Zone(this, 'zone', { name: domain, comment: `Public zone of the ${env.name} environment`, forceDestroy: false });
      this.zoneId = zone.zoneId;
      this.nameServers = zone.nameServers;
    }
    this.certificate = new AcmCertificate(this, 'certificate', {
      domainName: domain,
      subjectAlternativeNames: [`*.${domain}`],
      validationMethod: 'DNS',
      keyAlgorithm: 'EC_prime256v1',
      lifecycle: { createBeforeDestroy: true },
    });
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, 'domain_name');
    const records = new Route53Record(this, 'validation-record', {
      forEach: options,
      zoneId: this.zoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl: VALIDATION_RECORD_TTL_SECONDS,
      allowOverwrite: true,
    });
    this.validation = new AcmCertificateValidation(this, 'validation', {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: TerraformIterator.fromResources(records).pluckProperty('fqdn') as unknown as string[],
    });
  }
}
