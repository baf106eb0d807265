/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk the rendered YAML structurally */
import { fixtureEnvironment as fixture, MESH_ADDONS_ENABLED } from '@platform/config/testing';
import { type Application, applicationNamed as appNamed, type K8sObject, renderTree, sourcesOf } from './testing/rendered-cluster-addons';

type Patch = Parameters<typeof fixture>[0];
/** The fixture with the mesh add-ons on (the shared fixture leaves them off), then `patch`. */
const fixtureEnvironment = (patch: Patch = {}): ReturnType<typeof fixture> => {
  const p = (patch ?? {}) as { addons?: { enabled?: Record<string, boolean> } } & Record<string, unknown>;
  return fixture({ ...p, addons: { ...p.addons, enabled: { ...MESH_ADDONS_ENABLED, ...p.addons?.enabled } } } as Patch);
};
const tree = renderTree(fixtureEnvironment());
const applicationNamed = (name: string, apps: readonly Application[] = tree.applications): Application | undefined => appNamed(name, apps);


type AnyObject = K8sObject & { spec?: Record<string, any>; data?: Record<string, string> };
const objects = (kind: string, objs: readonly K8sObject[] = tree.all): AnyObject[] => objs.filter((o) => o.kind === kind) as AnyObject[];
const named = (kind: string, namespace: string, name: string, objs: readonly K8sObject[] = tree.all): AnyObject | undefined =>
  objects(kind, objs).find((o) => o.metadata.namespace === namespace && o.metadata.name === name);
const wave = (a: Application | undefined): number => Number(a?.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
const values = (a: Application | undefined): Record<string, any> => (a ? (sourcesOf(a).find((s) => s.chart)?.helm?.valuesObject ?? {}) : {});

describe('mesh: Istio ambient', () => {
  it('renders Applications for the Gateway API CRDs, istio-base, istiod, istio-cni, ztunnel and the ingress, in dependency waves', () => {
    const [crds, base, istiod, cni, ztunnel, ingress] = ['gateway-api-crds', 'istio-base', 'istiod', 'istio-cni', 'ztunnel', 'istio-ingress'].map((n) => applicationNamed(n));
    for (const a of [crds, base, istiod, cni, ztunnel, ingress]) expect(a).toBeDefined();
    expect(wave(crds)).toBeLessThan(wave(istiod));
    expect(wave(base)).toBeLessThan(wave(istiod));
    expect(wave(istiod)).toBeLessThan(wave(cni));
    expect(wave(cni)).toBeLessThan(wave(ztunnel));
    expect(wave(ztunnel)).toBeLessThan(wave(ingress));
    // CRD-only Application: the pinned upstream tag, server-side apply (HTTPRoute's CRD exceeds 256 KiB), never cascades
    expect(crds?.spec.source).toMatchObject({ repoURL: 'https://github.com/kubernetes-sigs/gateway-api.git', path: 'config/crd/standard', targetRevision: 'v1.5.1' });
    expect(crds?.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
    expect(crds?.metadata.finalizers).toBeUndefined();
    expect(sourcesOf(istiod as Application).find((s) => s.chart)).toMatchObject({ repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'istiod', targetRevision: '1.30.3' });
  });

  it('pulls every Istio image through the ECR pull-through cache, pinned to 1.30.3', () => {
    const hub = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/test/dockerhub/istio';
    expect(values(applicationNamed('istiod')).global).toMatchObject({ hub, tag: '1.30.3', variant: 'distroless', priorityClassName: 'platform-critical' });
    expect(values(applicationNamed('istio-cni')).global).toMatchObject({ hub, tag: '1.30.3' });
    expect(values(applicationNamed('ztunnel'))).toMatchObject({ hub, tag: '1.30.3' });
  });

  it('configures ambient mode and resources on every component', () => {
    const istiod = values(applicationNamed('istiod'));
    expect(istiod.env).toEqual({ PILOT_ENABLE_AMBIENT: 'true' });
    expect(istiod.cni).toEqual({ enabled: true });
    expect(istiod.meshConfig.defaultConfig.proxyMetadata).toEqual({ ISTIO_META_ENABLE_HBONE: 'true' });
    expect(values(applicationNamed('istio-cni')).ambient).toMatchObject({ enabled: true });
    for (const name of ['istiod', 'istio-cni', 'ztunnel']) expect(values(applicationNamed(name)).resources.requests).toBeDefined();
    const options = named('ConfigMap', 'istio-ingress', 'platform-gateway-options');
    expect(options?.data?.['deployment']).toContain('priorityClassName: platform-critical');
    expect(options?.data?.['deployment']).toContain('resources:');
  });

  it('runs istiod with one replica and no PDB in dev-sized environments, HA with a PDB and zone spreading from 2 replicas', () => {
    const single = values(applicationNamed('istiod'));
    expect(single).toMatchObject({ autoscaleEnabled: false, replicaCount: 1 });
    expect(single.global.defaultPodDisruptionBudget).toEqual({ enabled: false });
    const ha = values(applicationNamed('istiod', renderTree(fixtureEnvironment({ mesh: { istiodReplicas: 3 } })).applications));
    expect(ha).toMatchObject({ replicaCount: 3, pdb: { minAvailable: 1 } });
    expect(ha.global.defaultPodDisruptionBudget).toEqual({ enabled: true });
    expect(ha.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
  });

  it('labels meshed tenant namespaces for ambient and leaves the excluded platform namespaces unlabelled', () => {
    const ns = objects('Namespace');
    expect(ns.find((n) => n.metadata.name === 'team-a')?.metadata.labels?.['istio.io/dataplane-mode']).toBe('ambient');
    for (const name of ['istio-system', 'karpenter', 'istio-ingress']) expect(ns.find((n) => n.metadata.name === name)?.metadata.labels?.['istio.io/dataplane-mode']).toBeUndefined();
    const sidecar = renderTree(fixtureEnvironment({ mesh: { dataplaneMode: 'sidecar' } }));
    expect(objects('Namespace', sidecar.all).find((n) => n.metadata.name === 'team-a')?.metadata.labels).toMatchObject({ 'istio-injection': 'enabled' });
    // every sidecar talks to istiod and the collector itself, through the tenant's default deny; ambient pods do not
    const sidecarEgress = named('NetworkPolicy', 'team-a', 'mesh-allow-sidecar-egress', sidecar.all);
    expect(sidecarEgress?.spec?.egress.map((r: any) => [r.to[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], r.ports[0].port])).toEqual([['istio-system', 15012], [applicationNamed('alloy', sidecar.applications)?.spec.destination.namespace, 4317]]);
    expect(named('NetworkPolicy', 'team-a', 'mesh-allow-sidecar-egress')).toBeUndefined();
  });

  it('refuses ambient mode without ztunnel, naming the field and the fix', () => {
    expect(() => renderTree(fixtureEnvironment({ addons: { enabled: { ztunnel: false } } }))).toThrow(
      'test: mesh.dataplaneMode is "ambient" but addons.enabled.ztunnel/istio-cni are not both true; enable them or set mesh.dataplaneMode: "sidecar"',
    );
  });

  it('refuses a meshed namespace that is not a tenant namespace', () => {
    expect(() => renderTree(fixtureEnvironment({ mesh: { namespaces: ['team-a', 'team-z'], flows: [] } }))).toThrow('test: mesh.namespaces[1]: "team-z" is not a tenant namespace (team-a)');
  });

  it('renders nothing of the mesh when istiod is disabled', () => {
    const off = renderTree(
      fixtureEnvironment({ addons: { enabled: { 'gateway-api-crds': false, 'istio-base': false, istiod: false, 'istio-cni': false, ztunnel: false, 'istio-ingress': false, 'argo-rollouts': false } } }),
    );
    expect(off.applications.map((a) => a.metadata.name)).not.toContain('istiod');
    expect(objects('AuthorizationPolicy', off.all)).toEqual([]);
    expect(objects('Namespace', off.all).find((n) => n.metadata.name === 'team-a')?.metadata.labels?.['istio.io/dataplane-mode']).toBeUndefined();
  });
});

describe('mesh: zero trust', () => {
  it('enforces STRICT mTLS mesh-wide', () => {
    const pa = objects('PeerAuthentication');
    expect(pa).toHaveLength(1);
    expect(pa[0]?.metadata).toMatchObject({ name: 'default', namespace: 'istio-system' });
    expect(pa[0]?.spec).toEqual({ mtls: { mode: 'STRICT' } });
  });

  it('denies everything by default in every meshed namespace', () => {
    const e = fixtureEnvironment({ tenants: [...fixtureEnvironment().tenants, { namespace: 'team-b', owner: 'b@acme.example', quota: fixtureEnvironment().tenants[0]?.quota }] as never, mesh: { namespaces: ['team-a', 'team-b'] } });
    const t = renderTree(e);
    for (const ns of ['team-a', 'team-b']) expect(named('AuthorizationPolicy', ns, 'default-deny', t.all)?.spec).toEqual({});
  });

  it('lets HBONE (15008) and the kubelet probe SNAT address 169.254.7.127 through the NetworkPolicies of meshed namespaces', () => {
    const hbone = named('NetworkPolicy', 'team-a', 'mesh-allow-hbone');
    expect(hbone?.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(hbone?.spec?.ingress[0].ports).toEqual([{ port: 15008, protocol: 'TCP' }]);
    expect(hbone?.spec?.egress[0].ports).toEqual([{ port: 15008, protocol: 'TCP' }]);
    expect(hbone?.spec?.ingress[0].from.map((p: any) => p.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).toEqual(['istio-ingress', 'team-a']);
    const probes = named('NetworkPolicy', 'team-a', 'mesh-allow-kubelet-probes');
    expect(probes?.spec?.podSelector).toEqual({});
    expect(probes?.spec?.ingress).toEqual([{ from: [{ ipBlock: { cidr: '169.254.7.127/32' } }] }]);
  });

  it('turns one declared flow into a NetworkPolicy and an identity AuthorizationPolicy', () => {
    const e = fixtureEnvironment({
      tenants: [...fixtureEnvironment().tenants, { namespace: 'team-b', owner: 'b@acme.example', quota: fixtureEnvironment().tenants[0]?.quota }] as never,
      mesh: { namespaces: ['team-a', 'team-b'], flows: [{ description: 'team-a web calls the team-b API', from: { namespace: 'team-a', serviceAccount: 'web' }, to: { namespace: 'team-b', podLabels: { app: 'api' }, ports: [8080] } }] },
    });
    const t = renderTree(e);
    const authz = named('AuthorizationPolicy', 'team-b', 'allow-team-a-web', t.all);
    expect(authz?.spec).toEqual({ selector: { matchLabels: { app: 'api' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/team-a/sa/web'] } }], to: [{ operation: { ports: ['8080'] } }] }] });
    const ingress = named('NetworkPolicy', 'team-b', 'allow-team-a-web', t.all);
    expect(ingress?.spec).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } } }], ports: [{ port: 8080, protocol: 'TCP' }, { port: 15008, protocol: 'TCP' }] }],
    });
    const egress = objects('NetworkPolicy', t.all).find((o) => o.metadata.namespace === 'team-a' && o.spec?.policyTypes?.[0] === 'Egress' && o.metadata.name.includes('team-b'));
    expect(egress?.spec?.egress[0].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-b' } }, podSelector: { matchLabels: { app: 'api' } } }]);
  });

  it('admits the ingress gateway identity declared as a flow, and opens the gateway egress through the baseline', () => {
    const authz = named('AuthorizationPolicy', 'team-a', 'allow-istio-ingress-platform-gateway-istio');
    expect(authz?.spec?.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/istio-ingress/sa/platform-gateway-istio']);
    const egress = named('NetworkPolicy', 'istio-ingress', 'allow-egress');
    expect(egress?.spec?.egress.some((r: any) => r.to[0].namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'team-a' && r.ports.some((p: any) => p.port === 15008))).toBe(true);
  });

  it('deploys a waypoint only where L7 rules are declared, and binds the L7 policy to it', () => {
    expect(objects('Gateway').filter((g) => g.spec?.gatewayClassName === 'istio-waypoint')).toEqual([]);
    const e = fixtureEnvironment({
      mesh: { flows: [{ description: 'gateway to team-a API reads', from: { namespace: 'istio-ingress', serviceAccount: 'platform-gateway-istio' }, to: { namespace: 'team-a', ports: [8080] }, http: { methods: ['GET'], paths: ['/api/*'] } }] },
    });
    const t = renderTree(e);
    const waypoint = named('Gateway', 'team-a', 'waypoint', t.all);
    expect(waypoint?.spec).toEqual({ gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] });
    expect(objects('Namespace', t.all).find((n) => n.metadata.name === 'team-a')?.metadata.labels?.['istio.io/use-waypoint']).toBe('waypoint');
    const authz = named('AuthorizationPolicy', 'team-a', 'allow-istio-ingress-platform-gateway-istio', t.all);
    expect(authz?.spec?.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }]);
    expect(authz?.spec?.rules[0].to[0].operation).toEqual({ ports: ['8080'], methods: ['GET'], paths: ['/api/*'] });
    expect(named('AuthorizationPolicy', 'team-a', 'allow-waypoint', t.all)?.spec?.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/team-a/sa/waypoint']);
    // the waypoint's Envoy gets its config from istiod and sends spans to the collector, through the tenant's default deny
    const egress = named('NetworkPolicy', 'team-a', 'waypoint-allow-egress', t.all);
    expect(egress?.spec?.podSelector).toEqual({ matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } });
    expect(egress?.spec?.egress.map((r: any) => [r.to[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], r.ports[0].port])).toEqual([['istio-system', 15012], [applicationNamed('alloy', t.applications)?.spec.destination.namespace, 4317]]);
  });
});

describe('mesh: ingress gateway', () => {
  it('exposes the Gateway through an NLB of the AWS Load Balancer Controller', () => {
    const gw = named('Gateway', 'istio-ingress', 'platform-gateway');
    expect(gw?.spec?.gatewayClassName).toBe('istio');
    expect(gw?.spec?.infrastructure.annotations).toMatchObject({
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'external-dns.alpha.kubernetes.io/hostname': '*.apps.test.acme.example',
    });
    const options = named('ConfigMap', 'istio-ingress', 'platform-gateway-options');
    expect(options?.data?.['service']).toContain('loadBalancerClass: service.k8s.aws/nlb');
    expect(options?.data?.['service']).toContain('198.51.100.0/24');
    expect(gw?.spec?.listeners.find((l: any) => l.name === 'https').allowedRoutes.namespaces.selector.matchExpressions[0].values).toEqual(['team-a']);
    const internal = renderTree(fixtureEnvironment({ mesh: { gateway: { exposure: 'internal', replicas: 2 } } }));
    expect(named('Gateway', 'istio-ingress', 'platform-gateway', internal.all)?.spec?.infrastructure.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme']).toBe('internal');
    expect(named('ConfigMap', 'istio-ingress', 'platform-gateway-options', internal.all)?.data?.['podDisruptionBudget']).toContain('minAvailable: 1');
  });

  it('serves HTTPS on 443 with the cert-manager Certificate of *.apps.<dns.domain>, issued by the letsencrypt ClusterIssuer', () => {
    const gw = named('Gateway', 'istio-ingress', 'platform-gateway');
    const cert = named('Certificate', 'istio-ingress', 'platform-gateway-tls');
    expect(cert?.spec).toMatchObject({ dnsNames: ['*.apps.test.acme.example'], issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt' } });
    expect(objects('ClusterIssuer').map((i) => i.metadata.name)).toContain(cert?.spec?.issuerRef.name);
    const https = gw?.spec?.listeners.find((l: any) => l.port === 443);
    expect(https).toMatchObject({ name: 'https', protocol: 'HTTPS', hostname: '*.apps.test.acme.example', tls: { mode: 'Terminate' } });
    // same namespace as the Gateway: no ReferenceGrant needed
    expect(https.tls.certificateRefs).toEqual([{ group: '', kind: 'Secret', name: cert?.spec?.secretName }]);
    expect(cert?.metadata.namespace).toBe(gw?.metadata.namespace);
    expect(wave(applicationNamed('istio-ingress'))).toBeGreaterThan(wave(applicationNamed('cert-manager')));
    const nlbIngress = named('NetworkPolicy', 'istio-ingress', 'allow-ingress');
    expect(nlbIngress?.spec?.ingress.flatMap((r: any) => r.ports.map((p: any) => p.port))).toEqual(expect.arrayContaining([80, 443]));
  });

  it('answers port 80 only with a 301 to HTTPS', () => {
    const gw = named('Gateway', 'istio-ingress', 'platform-gateway');
    expect(gw?.spec?.listeners.map((l: any) => [l.name, l.port, l.protocol])).toEqual([['http', 80, 'HTTP'], ['https', 443, 'HTTPS']]);
    // only routes of the gateway's own namespace may attach to port 80
    expect(gw?.spec?.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Same' } });
    const onHttp = objects('HTTPRoute').filter((r) => r.spec?.parentRefs.some((p: any) => p.name === 'platform-gateway' && p.sectionName === 'http'));
    expect(onHttp.map((r) => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual(['istio-ingress/platform-gateway-https-redirect']);
    expect(onHttp[0]?.spec?.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
  });

  it('logs every gateway request', () => {
    const t = named('Telemetry', 'istio-ingress', 'platform-gateway-access-logs');
    expect(t?.spec).toEqual({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'platform-gateway' }], accessLogging: [{ providers: [{ name: 'envoy' }] }] });
  });
});

describe('mesh: telemetry', () => {
  it('sends traces to the Alloy collector Service on OTLP gRPC 4317, at the environment sampling rate', () => {
    const alloy = applicationNamed('alloy');
    const alloyValues = values(alloy);
    const grpc = alloyValues.alloy.extraPorts.find((p: { name: string }) => p.name === 'otlp-grpc');
    const alloyFqdn = `${alloyValues.fullnameOverride}.${alloy?.spec.destination.namespace}.svc.cluster.local`;
    expect(values(applicationNamed('istiod')).meshConfig.extensionProviders).toEqual([{ name: 'otel-tracing', opentelemetry: { service: alloyFqdn, port: grpc.port } }]);
    expect(grpc.port).toBe(4317);
    expect(named('Telemetry', 'istio-system', 'mesh-default')?.spec).toEqual({ tracing: [{ providers: [{ name: 'otel-tracing' }], randomSamplingPercentage: fixtureEnvironment().mesh.tracingSamplingPercent }] });
    const sampled = renderTree(fixtureEnvironment({ mesh: { tracingSamplingPercent: 2 } }));
    expect(named('Telemetry', 'istio-system', 'mesh-default', sampled.all)?.spec?.tracing[0].randomSamplingPercentage).toBe(2);
    // the gateway's Envoy may reach the collector (its namespace's default deny would drop the spans)
    const egress = named('NetworkPolicy', 'istio-ingress', 'allow-egress');
    expect(egress?.spec?.egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': alloy?.spec.destination.namespace } } }], ports: [{ port: 4317, protocol: 'TCP' }] });
  });
});

describe('mesh: Argo Rollouts', () => {
  it('renders the controller after the Gateway API CRDs: dashboard off, Gateway API RBAC only, the plugin copied from its pinned image', () => {
    const app = applicationNamed('argo-rollouts');
    expect(wave(app)).toBeGreaterThan(wave(applicationNamed('gateway-api-crds')));
    expect(sourcesOf(app as Application).find((s) => s.chart)).toMatchObject({ repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-rollouts', targetRevision: '2.41.0' });
    const v = values(app);
    expect(v.dashboard).toEqual({ enabled: false });
    expect(Object.entries(v.providerRBAC.providers).filter(([, on]) => on).map(([p]) => p)).toEqual(['gatewayAPI']);
    expect(v.controller.initContainers[0]).toMatchObject({ image: 'ghcr.io/argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi:v0.15.0', securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true } });
    expect(v.controller.trafficRouterPlugins).toEqual([{ name: 'argoproj-labs/gatewayAPI', location: 'file:///plugins/rollouts-plugin-trafficrouter-gatewayapi', args: ['-logformat=json'] }]);
    expect(v.controller).toMatchObject({ replicas: 1, priorityClassName: 'platform-high', pdb: { enabled: false } });
  });

  it('runs HA with a PDB from 2 replicas (prod)', () => {
    const ha = values(applicationNamed('argo-rollouts', renderTree(fixtureEnvironment({ mesh: { rolloutsReplicas: 2 } })).applications));
    expect(ha.controller).toMatchObject({ replicas: 2, pdb: { enabled: true, minAvailable: 1 } });
    expect(ha.controller.topologySpreadConstraints[0].topologyKey).toBe('topology.kubernetes.io/zone');
  });

  it('renders the canary analysis against the Mimir query frontend, through its ServiceEndpoint', () => {
    const [template] = objects('ClusterAnalysisTemplate');
    expect(template?.metadata.name).toBe('canary-success-rate-latency');
    const addresses = template?.spec?.metrics.map((m: any) => m.provider.prometheus.address);
    expect(new Set(addresses)).toEqual(new Set([expect.stringMatching(/^http:\/\/mimir-query-frontend\.[a-z-]+\.svc\.cluster\.local:\d+\/prometheus$/)]));
    const egress = objects('NetworkPolicy').find((o) => o.metadata.namespace === 'argo-rollouts' && o.metadata.name === 'allow-egress');
    expect(egress?.spec?.egress.some((r: any) => r.to[0].namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === template?.spec?.metrics[0].provider.prometheus.address.split('.')[1])).toBe(true);
  });
});

describe('mesh: retries', () => {
  it('applies the mesh-wide retry policy to every route (the standard HTTPRoute has no retry field)', () => {
    expect(values(applicationNamed('istiod')).meshConfig.defaultHttpRetryPolicy).toEqual({ attempts: 2, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,reset-before-request,503' });
  });
});
