import { fixtureEnvironment } from '@platform/config/testing';
import { parse } from 'yaml';
import { runHealthLua } from './testing/argocd-health-lua';
import { applicationNamed, byKind, chartValuesOf, env, renderTree, tree } from './testing/rendered-cluster-addons';

interface ArgoCdValuesShape {
  readonly configs: { readonly cm: Record<string, unknown>; readonly params: Record<string, unknown>; readonly rbac: Record<string, unknown> };
  readonly global: { readonly priorityClassName: string; readonly networkPolicy: { readonly create: boolean; readonly defaultDenyIngress: boolean } };
  readonly server: { readonly ingress: unknown; readonly replicas: number; readonly pdb?: { enabled: boolean } };
  readonly controller: { readonly replicas: number };
  readonly repoServer: { readonly replicas: number };
  readonly redis: { readonly enabled: boolean };
  readonly 'redis-ha': { readonly enabled: boolean };
}

/** The values of the synthesized argocd Application (what ArgoCD applies to itself). */
const selfValues = (apps = tree.applications): ArgoCdValuesShape => chartValuesOf(applicationNamed('argocd', apps)) as unknown as ArgoCdValuesShape;
const values = selfValues();
const healthLua = (group: string, kind: string): string => values.configs.cm[`resource.customizations.health.${group}_${kind}`] as string;
/** The collector as a NetworkPolicy peer. */
const ALLOY_PEER = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'alloy' } }, podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'alloy' } } };

describe('ArgoCD managing itself', () => {
  it('serves the metrics the platform alerts and the argocd-api SLO read: every component with a ServiceMonitor, synced after the monitor CRDs', () => {
    const all = values as unknown as Record<string, { metrics?: unknown }>;
    for (const component of ['controller', 'server', 'repoServer', 'applicationSet']) {
      expect([component, all[component]?.metrics]).toEqual([component, { enabled: true, serviceMonitor: { enabled: true } }]);
    }
    // the bootstrap helm install takes the same values: the chart skips the ServiceMonitors until the CRD exists
    expect((tree.bootstrapArgoCdValues as Record<string, { metrics?: unknown }>)['server']?.metrics).toEqual({ enabled: true, serviceMonitor: { enabled: true } });
    const wave = (name: string): number => Number(applicationNamed(name)?.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    expect(wave('argocd')).toBeGreaterThan(wave('kube-prometheus-stack'));
  });

  it('renders the bootstrap helm values file with exactly the values of the argocd Application', () => {
    expect(values).toBeDefined();
    expect(tree.bootstrapArgoCdValues).toEqual(values);
  });

  describe('health check for argoproj.io/Application (app-of-apps waves wait for child health)', () => {
    const lua = healthLua('argoproj.io', 'Application');

    it('is Progressing until the child reports health', async () => {
      expect(await runHealthLua(lua, {})).toEqual({ status: 'Progressing', message: '' });
      expect((await runHealthLua(lua, { status: { sync: { status: 'Synced' } } })).status).toBe('Progressing');
    });

    it('passes the child health and message through (Healthy, Degraded)', async () => {
      expect(await runHealthLua(lua, { status: { health: { status: 'Healthy' } } })).toEqual({ status: 'Healthy', message: '' });
      expect(await runHealthLua(lua, { status: { health: { status: 'Degraded', message: 'Deployment x exceeded its progress deadline' } } })).toEqual({
        status: 'Degraded',
        message: 'Deployment x exceeded its progress deadline',
      });
    });
  });

  describe('health check for operator.tekton.dev/TektonConfig (waves after the operator wait for Pipelines and Triggers)', () => {
    const lua = healthLua('operator.tekton.dev', 'TektonConfig');
    const ready = (status: string, reason?: string, message?: string): unknown => ({
      status: { conditions: [{ type: 'ComponentsReady', status: 'True' }, { type: 'Ready', status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) }] },
    });

    it('is Healthy once Ready is True', async () => {
      expect((await runHealthLua(lua, ready('True'))).status).toBe('Healthy');
    });

    it('is Progressing without status, while Ready is Unknown and while components are still being installed', async () => {
      expect((await runHealthLua(lua, {})).status).toBe('Progressing');
      expect((await runHealthLua(lua, ready('Unknown', 'Reconciling'))).status).toBe('Progressing');
      expect(await runHealthLua(lua, ready('False', 'Error', 'Ready: Components not ready'))).toEqual({ status: 'Progressing', message: 'Ready: Components not ready' });
    });

    it('is Degraded when Ready is False with a terminal reason, with the operator message', async () => {
      expect(await runHealthLua(lua, ready('False', 'Error', 'Ready: PreReconciliation failed'))).toEqual({ status: 'Degraded', message: 'Ready: PreReconciliation failed' });
      expect((await runHealthLua(lua, ready('False', 'InstallerSetFailed', 'TektonInstallerSet pipeline-main-static failed'))).status).toBe('Degraded');
    });
  });

  it('logs in through OIDC from argocd.sso (local admin stays disabled) and maps the admin group to role:admin', () => {
    expect(values.configs.cm['admin.enabled']).toBe(false);
    expect(parse(values.configs.cm['oidc.config'] as string)).toEqual({
      name: 'SSO',
      issuer: 'https://acme.okta.example/oauth2/default',
      clientID: 'argocd-test',
      clientSecret: '$argocd-oidc:clientSecret',
      requestedScopes: ['openid', 'profile', 'email', 'groups'],
    });
    expect(values.configs.rbac).toEqual({ 'policy.default': 'role:readonly', 'policy.csv': 'g, platform-admins, role:admin\n', scopes: '[groups]' });
    expect(values.global.priorityClassName).toBe('platform-critical');
  });

  it('exposes the UI/API through an ALB Ingress open to argocd.uiSourceCidrs only, synced after the ALB controller that reconciles it', () => {
    expect(values.server.ingress).toEqual({
      enabled: true,
      controller: 'aws',
      ingressClassName: 'alb',
      hostname: 'argocd.test.acme.example',
      tls: false,
      aws: { backendProtocolVersion: 'GRPC', serviceType: 'ClusterIP' },
      annotations: {
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        'alb.ingress.kubernetes.io/inbound-cidrs': '198.51.100.0/24',
        'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      },
    });
    expect(values.configs.params['server.insecure']).toBe(false);
    expect(() => fixtureEnvironment({ argocd: { uiSourceCidrs: ['10.0.0.0/8', '0.0.0.0/0'] } })).toThrow(/argocd\.uiSourceCidrs\[1\]: "0\.0\.0\.0\/0" opens the ArgoCD UI to the internet/);
    // an Ingress without an address is Progressing: the argocd Application follows the controller
    // (the bootstrap helm install already runs ArgoCD, so this is no cycle)
    expect(applicationNamed('argocd')?.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('2');
    expect(applicationNamed('aws-load-balancer-controller')?.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('1');
    // the ALB reaches only the argocd-server pods, on their HTTPS port
    const fromAlb = byKind('NetworkPolicy').filter((p) => p.metadata.namespace === 'argocd' && JSON.stringify(p.spec?.['ingress'] ?? []).includes('10.0.0.0/16'));
    expect(fromAlb.map((p) => [p.metadata.name, (p.spec?.['podSelector'] as { matchLabels: unknown }).matchLabels, p.spec?.['ingress']])).toEqual([
      [
        'allow-ingress-server',
        { 'app.kubernetes.io/name': 'argocd-server' },
        [
          { from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 8080, protocol: 'TCP' }] },
          { from: [ALLOY_PEER], ports: [{ port: 8083, protocol: 'TCP' }] },
        ],
      ],
    ]);
  });

  it('leaves the argocd namespace to the baseline NetworkPolicies: no chart policy opens argocd-server to every pod, components reach each other', () => {
    // the chart's argocd-server policy (`ingress: [{}]`) would widen the baseline's default deny to every pod
    expect(values.global.networkPolicy).toEqual({ create: false, defaultDenyIngress: false });
    const policies = byKind('NetworkPolicy').filter((p) => p.metadata.namespace === 'argocd');
    const named = (name: string): Record<string, unknown> | undefined => policies.find((p) => p.metadata.name === name)?.spec;
    // default deny of both directions for every pod of the namespace
    expect(named('default-deny')).toEqual({ podSelector: { matchLabels: {} }, policyTypes: ['Ingress', 'Egress'] });
    // repo-server 8081 (from controller, server, applicationset) and redis 6379 (from controller,
    // server, repo-server) are flows inside the namespace: allowed on every port, both directions
    expect(named('allow-same-namespace')).toEqual({
      podSelector: { matchLabels: {} },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }],
      egress: [{ to: [{ podSelector: { matchLabels: {} } }] }],
    });
    // nothing outside the namespace reaches any ArgoCD pod except the ALB reaching argocd-server on 8080 and the
    // collector scraping the metrics port of each component with a ServiceMonitor
    const ingressFromOutside = policies.flatMap((p) =>
      ((p.spec?.['ingress'] ?? []) as { from?: Record<string, unknown>[]; ports?: { port: number }[] }[]).flatMap((r) =>
        (r.from ?? [{}]).filter((peer) => !('podSelector' in peer && !('namespaceSelector' in peer))).map((peer) => ({ policy: p.metadata.name, peer, ports: (r.ports ?? []).map((x) => x.port) })),
      ),
    );
    expect(ingressFromOutside).toEqual([
      { policy: 'allow-ingress-application-controller', peer: ALLOY_PEER, ports: [8082] },
      { policy: 'allow-ingress-applicationset-controller', peer: ALLOY_PEER, ports: [8080] },
      { policy: 'allow-ingress-repo-server', peer: ALLOY_PEER, ports: [8084] },
      { policy: 'allow-ingress-server', peer: { ipBlock: { cidr: '10.0.0.0/16' } }, ports: [8080] },
      { policy: 'allow-ingress-server', peer: ALLOY_PEER, ports: [8083] },
    ]);
    // each of those policies selects only its component's pods
    for (const [policy, name] of [['application-controller', 'argocd-application-controller'], ['applicationset-controller', 'argocd-applicationset-controller'], ['repo-server', 'argocd-repo-server']]) {
      expect((named(`allow-ingress-${policy}`)?.['podSelector'] as { matchLabels: unknown }).matchLabels).toEqual({ 'app.kubernetes.io/name': name });
    }
  });

  it('runs highly available when argocd.highAvailability is set', () => {
    const ha = selfValues(renderTree(fixtureEnvironment({ argocd: { highAvailability: true } })).applications);
    expect(ha['redis-ha'].enabled).toBe(true);
    expect(ha.redis.enabled).toBe(false);
    expect(ha.controller.replicas).toBeGreaterThanOrEqual(2);
    expect(ha.server.replicas).toBeGreaterThanOrEqual(2);
    expect(ha.repoServer.replicas).toBeGreaterThanOrEqual(2);
    expect(ha.server.pdb?.enabled).toBe(true);
    expect(values['redis-ha'].enabled).toBe(false);
    expect(values.controller.replicas).toBe(1);
    expect(env.argocd.highAvailability).toBe(false);
  });
});
