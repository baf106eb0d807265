import { dataSourcesOf, onlyResource, resourcesOf, type StackJson, synthInStack } from '@platform/aws-core';
import { fixtureEnvironment } from '@platform/config';
import { PlatformDns } from './platform-dns';

const created = fixtureEnvironment({ dns: { domain: 'dev.acme.example' } });
const existing = fixtureEnvironment({ dns: { domain: 'acme.example', hostedZoneId: 'Z0123456789ABCDEFGHIJ' } });
let createdJson: StackJson;
let existingJson: StackJson;
beforeAll(() => {
  createdJson = synthInStack(created, (s) => new PlatformDns(s, 'dns', { env: created }), 'dns');
  existingJson = synthInStack(existing, (s) => new PlatformDns(s, 'dns', { env: existing }), 'dns');
});

describe('PlatformDns', () => {
  it('creates the hosted zone for dns.domain when no dns.hostedZoneId is given', () => {
    expect(onlyResource(createdJson, 'aws_route53_zone')).toMatchObject({ name: 'dev.acme.example', force_destroy: false });
    expect(dataSourcesOf(createdJson, 'aws_route53_zone')).toHaveLength(0);
  });

  it('reads the existing zone by dns.hostedZoneId', () => {
    expect(resourcesOf(existingJson, 'aws_route53_zone')).toHaveLength(0);
    expect(dataSourcesOf(existingJson, 'aws_route53_zone')[0][1]).toMatchObject({ zone_id: 'Z0123456789ABCDEFGHIJ' });
    expect(onlyResource(existingJson, 'aws_route53_record').zone_id).toMatch(/^\$\{data\.aws_route53_zone\./);
  });

  it('requests a DNS-validated certificate for the domain and its wildcard', () => {
    expect(onlyResource(createdJson, 'aws_acm_certificate')).toMatchObject({ domain_name: 'dev.acme.example', subject_alternative_names: ['*.dev.acme.example'], validation_method: 'DNS' });
  });

  it('creates the validation records in the zone and waits for validation', () => {
    const record = onlyResource(createdJson, 'aws_route53_record');
    expect(record.for_each).toContain('domain_validation_options');
    expect(record).toMatchObject({ allow_overwrite: true, zone_id: expect.stringMatching(/^\$\{aws_route53_zone\./) });
    expect(onlyResource(createdJson, 'aws_acm_certificate_validation').validation_record_fqdns).toMatch(/aws_route53_record\.dns_validation-record_\w+: val\.fqdn/);
  });
});
