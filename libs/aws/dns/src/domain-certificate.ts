import { AcmCertificate } from '@cdktn/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktn/provider-aws/lib/acm-certificate-validation';
import { DataAwsRoute53Zone } from '@cdktn/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktn/provider-aws/lib/route53-record';
import { TerraformIterator } from 'cdktn';
import { Construct } from 'constructs';

/** TTL of the ACM validation CNAMEs, seconds. */
export const VALIDATION_RECORD_TTL_SECONDS = 60;

export interface DomainCertificateProps {
  /** The environment's domain (`dns.domain`); the certificate covers it and `*.<domain>`. */
  readonly domain: string;
  /** Id of the public zone holding the validation records (`dns.hostedZoneId`). @default none (the zone named `domain`) */
  readonly zoneId?: string;
}

/**
 * An ACM certificate for `dns.domain` and `*.dns.domain` (EC P-256), validated through DNS records
 * in the environment's public zone, which it reads with a data source: by `dns.hostedZoneId` when
 * set, otherwise by name (the zone the `dns` stack created). The domain and the wildcard share one
 * validation CNAME, so the records are created per `domain_name` with `allow_overwrite`.
 * `aws_acm_certificate_validation` waits until ACM has issued the certificate, which needs the
 * zone to be publicly resolvable, i.e. delegated from its parent: that is why this lives in its own
 * stack, applied after the delegation, and not next to a zone created in the same apply.
 * @see https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
 */
export class DomainCertificate extends Construct {
  public readonly certificate: AcmCertificate;
  public readonly validation: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: DomainCertificateProps) {
    super(scope, id);
    const { domain } = props;
    const zone = new DataAwsRoute53Zone(
      this,
      'zone',
      props.zoneId ? { zoneId: props.zoneId, privateZone: false } : { name: domain, privateZone: false },
    );
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
      zoneId: zone.zoneId,
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
