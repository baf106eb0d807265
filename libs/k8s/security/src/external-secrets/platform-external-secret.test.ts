import { Chart, Testing } from 'cdk8s';
import { parseArgoCdSecretReference } from './argocd-secret-reference';
import { PlatformExternalSecret } from './platform-external-secret';

describe('PlatformExternalSecret', () => {
  it('reads kv/<env>/<namespace>/<name> through the ClusterSecretStore openbao, one key per property, owned and retained', () => {
    const chart = new Chart(Testing.app(), 'c');
    const es = new PlatformExternalSecret(chart, 'db', { environment: 'prod', namespace: 'payments', name: 'db', keys: [{ secretKey: 'password' }, { secretKey: 'user', property: 'username' }] });
    expect(es.path).toBe('prod/payments/db');
    expect(es.properties).toEqual(['password', 'username']);
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchObject({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'payments' } });
    expect(obj.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'openbao' },
      target: { name: 'db', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      data: [
        { secretKey: 'password', remoteRef: { key: 'prod/payments/db', property: 'password' } },
        { secretKey: 'user', remoteRef: { key: 'prod/payments/db', property: 'username' } },
      ],
    });
  });

  it('rejects an empty key list, a repeated key and a path segment that is not a DNS-1123 label', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => new PlatformExternalSecret(chart, 'a', { environment: 'prod', namespace: 'ns', name: 'a', keys: [] })).toThrow('ExternalSecret ns/a: keys must list at least one key');
    expect(() => new PlatformExternalSecret(chart, 'b', { environment: 'prod', namespace: 'ns', name: 'b', keys: [{ secretKey: 'x' }, { secretKey: 'x' }] })).toThrow('key "x" is listed twice');
    expect(() => new PlatformExternalSecret(chart, 'c', { environment: 'prod', namespace: 'ns', name: 'Bad_Name', keys: [{ secretKey: 'x' }] })).toThrow('name "Bad_Name" must be a DNS-1123 label');
  });
});

describe('parseArgoCdSecretReference', () => {
  it('parses $<secret>:<key> and rejects the argocd-secret form with the fix', () => {
    expect(parseArgoCdSecretReference('f', '$argocd-oidc:clientSecret')).toEqual({ secretName: 'argocd-oidc', key: 'clientSecret' });
    expect(() => parseArgoCdSecretReference('argocd.sso.clientSecretRef', '$oidc.clientSecret')).toThrow('use the $<secret>:<key> form');
  });
});
