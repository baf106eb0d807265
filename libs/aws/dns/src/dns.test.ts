import { dataSourcesOf, onlyResource, resourcesOf, type StackJson, synthInStack } from '@platform/aws-core/testing';
import { fixtureEnvironment } from '@platform/config/testing';
import { DomainCertificate } from './domain-certificate';
import { PlatformHostedZone } from './hosted-zone';

const created = fixtureEnvironment({ dns: { domain: 'dev.acme.example' } });
const existing = fixtureEnvironment({ dns: { domain: 'acme.example', hostedZoneId: 'Z0123456789ABCDEFGHIJ' } });
let createdZone: StackJson;
let existingZone: StackJson;
let createdCert: StackJson;
let existingCert: StackJson;
beforeAll(() => {
  createdZone = synthInStack(created, (s) => new PlatformHostedZone(s, 'zone', { domain: created.dns.domain, environmentName: created.name }), 'dns');
  existingZone = synthInStack(existing, (s) => new PlatformHostedZone(s, 'zone', { domain: existing.dns.domain, existingZoneId: existing.dns.hostedZoneId, environmentName: existing.name }), 'dns');
  createdCert = synthInStack(created, (s) => new DomainCertificate(s, 'certificate', { domain: created.dns.domain }), 'certificates');
  existingCert = synthInStack(existing, (s) => new DomainCertificate(s, 'certificate', { domain: existing.dns.domain, zoneId: existing.dns.hostedZoneId }), 'certificates');
});

describe('PlatformHostedZone', () => {
  it('creates the hosted zone for dns.domain when no dns.hostedZoneId is given, and nothing else', () => {
    expect(onlyResource(createdZone, 'aws_route53_zone')).toMatchObject({ name: 'dev.acme.example', force_destroy: false });
    expect(dataSourcesOf(createdZone, 'aws_route53_zone')).toHaveLength(0);
    expect(Object.keys(createdZone.resource ?? {})).toEqual(['aws_route53_zone']);
  });

  it('reads the existing zone by dns.hostedZoneId and creates nothing', () => {
    expect(createdZone.resource?.aws_acm_certificate).toBeUndefined();
    expect(existingZone.resource).toBeUndefined();
    expect(dataSourcesOf(existingZone, 'aws_route53_zone')[0][1]).toMatchObject({ zone_id: 'Z0123456789ABCDEFGHIJ' });
  });
});

describe('DomainCertificate', () => {
  it('requests a DNS-validated certificate for the domain and its wildcard', () => {
    expect(onlyResource(createdCert, 'aws_acm_certificate')).toMatchObject({ domain_name: 'dev.acme.example', subject_alternative_names: ['*.dev.acme.example'], validation_method: 'DNS' });
  });

  it('never creates a zone: reads the created zone by dns.domain, or the existing one by dns.hostedZoneId', () => {
    for (const json of [createdCert, existingCert]) expect(resourcesOf(json, 'aws_route53_zone')).toHaveLength(0);
    expect(dataSourcesOf(createdCert, 'aws_route53_zone')[0][1]).toEqual({ name: 'dev.acme.example', private_zone: false });
    expect(dataSourcesOf(existingCert, 'aws_route53_zone')[0][1]).toEqual({ zone_id: 'Z0123456789ABCDEFGHIJ', private_zone: false });
  });

  it('creates the validation records in that zone and waits for validation', () => {
    const record = onlyResource(createdCert, 'aws_route53_record');
    expect(record.for_each).toContain('domain_validation_options');
    expect(record).toMatchObject({ allow_overwrite: true, zone_id: expect.stringMatching(/^\$\{data\.aws_route53_zone\.certificate_zone\.zone_id\}$/) });
    expect(onlyResource(createdCert, 'aws_acm_certificate_validation').validation_record_fqdns).toMatch(/aws_route53_record\.certificate_validation-record: val\.fqdn/);
  });
});
