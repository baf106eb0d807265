import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { DomainCertificate } from '@platform/aws-dns';
import type { Construct } from 'constructs';

/**
 * State `certificates`: the ACM certificate for `dns.domain` and `*.dns.domain`, its DNS
 * validation records and the wait for issuance. Reads the zone with a data source; apply after
 * `dns` and after the zone is delegated from its parent, or the validation cannot complete.
 */
export class CertificatesStack extends PlatformStack {
  public readonly certificate: DomainCertificate;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.certificate = new DomainCertificate(this, 'certificate', { domain: props.env.dns.domain, zoneId: props.env.dns.hostedZoneId });
  }
}
