import { Chart, Testing } from 'cdk8s';
import { LETSENCRYPT_ISSUER, PLATFORM_CA_ISSUER } from './cluster-issuer-ref';
import { PlatformCertificate } from './platform-certificate';

describe('PlatformCertificate', () => {
  it('issues an ECDSA P-256 key rotated on every renewal, 90 days renewed 30 days early, from a typed ClusterIssuer ref', () => {
    const chart = new Chart(Testing.app(), 'c');
    const cert = new PlatformCertificate(chart, 'tls', { name: 'openbao-tls', namespace: 'openbao', issuer: PLATFORM_CA_ISSUER, dnsNames: ['openbao.openbao.svc'], ipAddresses: ['127.0.0.1'] });
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchObject({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'openbao-tls', namespace: 'openbao' } });
    expect(obj.spec).toEqual({
      secretName: 'openbao-tls',
      issuerRef: { name: 'platform-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      dnsNames: ['openbao.openbao.svc'],
      ipAddresses: ['127.0.0.1'],
      duration: '2160h',
      renewBefore: '720h',
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      usages: ['server auth', 'digital signature', 'key encipherment'],
    });
    expect([cert.secretName, cert.caKey]).toEqual(['openbao-tls', 'ca.crt']);
  });

  it('refuses a certificate without names', () => {
    expect(() => new PlatformCertificate(new Chart(Testing.app(), 'c'), 'tls', { name: 'x', namespace: 'y', issuer: LETSENCRYPT_ISSUER, dnsNames: [] })).toThrow('PlatformCertificate y/x: dnsNames must list at least one name');
  });
});
