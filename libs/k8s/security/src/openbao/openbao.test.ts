import { fixtureEnvironment, SECURITY_ADDONS_ENABLED } from '@platform/config/testing';
import { Testing } from 'cdk8s';
import { CertManagerAddon } from '../cert-manager/cert-manager-addon';
import { OpenBaoAddon } from './openbao-addon';
import { openBaoConsumer } from './openbao-consumer';
import { reconcilerScript } from './openbao-reconciler-script';
import { initializeStanza } from './openbao-server-config';

const env = fixtureEnvironment({ addons: { enabled: SECURITY_ADDONS_ENABLED } });
function compose(): OpenBaoAddon {
  const app = Testing.app();
  const certManager = new CertManagerAddon(app, 'cert-manager', { env, dependsOn: [] });
  return new OpenBaoAddon(app, 'openbao', { env, certManager });
}

describe('OpenBaoAddon.scrapeMetrics', () => {
  it('depends on the CRD add-on, admits only the scraper pods to the servers on 8200, and names the series for the alerts; once', () => {
    const openbao = compose();
    const crds = openbao.dependsOn[0];
    const target = openbao.scrapeMetrics({ namespace: 'alloy', podLabels: { 'app.kubernetes.io/instance': 'alloy' }, monitoringCrds: crds });
    expect(target).toEqual({ namespace: 'openbao', job: 'openbao-internal' });
    expect(openbao.dependsOn.filter((d) => d === crds)).toHaveLength(2);
    expect(openbao.namespace.ingress).toEqual([
      expect.objectContaining({ peer: { namespace: 'alloy', podLabels: { 'app.kubernetes.io/instance': 'alloy' } }, ports: [{ port: 8200 }], pods: { name: 'server', labels: expect.objectContaining({ component: 'server' }) } }),
    ]);
    expect(openbao.manifestCharts.flatMap((c) => c.toJson()).filter((o: { kind: string }) => o.kind === 'ServiceMonitor')).toHaveLength(1);
    expect(() => openbao.scrapeMetrics({ namespace: 'alloy', podLabels: {}, monitoringCrds: crds })).toThrow('metrics scrape is already enabled');
  });
});

describe('OpenBaoAddon.registerConsumer', () => {
  it('grants one namespace read on <env>/<namespace>/* through role managed-<namespace>, reconciled without a manual step, and opens 8200 to it', () => {
    const openbao = compose();
    const consumer = openbao.registerConsumer({ namespace: 'payments', description: 'payments API reads its database password', serviceAccounts: ['api'] });
    expect(consumer).toMatchObject({ namespace: 'payments', pathPrefix: `${env.name}/payments/`, role: 'managed-payments' });
    expect(consumer.policy.hcl).toBe(
      `# payments: payments API reads its database password\npath "kv/data/${env.name}/payments/*" {\n  capabilities = ["read"]\n}\npath "kv/metadata/${env.name}/payments/*" {\n  capabilities = ["read", "list"]\n}\n`,
    );
    expect(consumer.kubernetesRole).toEqual({ name: 'managed-payments', boundServiceAccountNames: ['api'], boundServiceAccountNamespaces: ['payments'], policies: ['managed-payments'], tokenTtl: '10m' });
    expect(openbao.reconciledState().policies.map((p) => p.name)).toEqual(['managed-payments']);
    expect(openbao.namespace.ingress?.map((r) => [r.peer, r.ports])).toEqual([[{ namespace: 'payments' }, [{ port: 8200 }]]]);
    expect(() => openbao.registerConsumer({ namespace: 'payments', description: 'again', serviceAccounts: ['api'] })).toThrow('consumer payments is registered twice');
  });

  it('adds the External Secrets role only once a consumer namespace exists, bound to exactly those namespaces', () => {
    const openbao = compose();
    const namespaces: string[] = [];
    openbao.allowExternalSecrets({ namespace: 'external-secrets', podLabels: { app: 'eso' }, consumerNamespaces: () => namespaces });
    expect(openbao.reconciledState()).toEqual({ policies: [], roles: [] });
    namespaces.push('tekton-builds', 'argocd');
    expect(openbao.reconciledState().roles).toEqual([
      { name: 'managed-external-secrets', boundServiceAccountNames: ['openbao-secrets-reader'], boundServiceAccountNamespaces: ['argocd', 'tekton-builds'], policies: ['managed-external-secrets'], tokenTtl: '10m' },
    ]);
    expect(() => openbao.allowExternalSecrets({ namespace: 'x', podLabels: {}, consumerNamespaces: () => [] })).toThrow('already allowed');
  });
});

describe('openBaoConsumer', () => {
  it('rejects a consumer without ServiceAccounts, bad names and a multi-line description', () => {
    expect(() => openBaoConsumer('prod', { namespace: 'a', description: 'd', serviceAccounts: [] })).toThrow('serviceAccounts must list at least one');
    expect(() => openBaoConsumer('prod', { namespace: 'A_b', description: 'd', serviceAccounts: ['x'] })).toThrow('namespace must be a DNS-1123 label');
    expect(() => openBaoConsumer('prod', { namespace: 'a', description: 'd', serviceAccounts: ['bad name'] })).toThrow('ServiceAccount "bad name" must be a DNS-1123 label');
    expect(() => openBaoConsumer('prod', { namespace: 'a', description: 'line\npath "sys/*" {}', serviceAccounts: ['x'] })).toThrow('description must be one line');
  });
});

describe('reconcilerScript', () => {
  const role = { name: 'managed-a', boundServiceAccountNames: ['sa'], boundServiceAccountNamespaces: ['a'], policies: ['managed-a'], tokenTtl: '10m' };
  it('writes every policy and role, then prunes undeclared managed-* ones, idempotently', () => {
    const script = reconcilerScript([{ name: 'managed-a', hcl: '' }], [role]);
    expect(script).toContain('auth/kubernetes/login role=platform-reconciler jwt=@/var/run/secrets/openbao/token');
    expect(script).toContain('bao write auth/kubernetes/role/managed-a bound_service_account_names=sa bound_service_account_namespaces=a token_policies=managed-a audience=openbao token_ttl=10m token_max_ttl=1h');
    expect(script).toContain('declared_policies=" managed-a "');
    expect(script).toContain('declared_roles=" managed-a "');
  });

  it('refuses names outside managed-* and values that are not plain shell words', () => {
    expect(() => reconcilerScript([{ name: 'root', hcl: '' }], [])).toThrow('"root" must start with managed-');
    expect(() => reconcilerScript([], [{ ...role, boundServiceAccountNames: ['sa; rm -rf /'] }])).toThrow('is not a plain shell word');
  });
});

describe('initializeStanza', () => {
  it('never contains a Helm template delimiter (the chart passes the configuration through tpl)', () => {
    expect(JSON.stringify(initializeStanza('prod'))).not.toContain('{{');
  });
});
