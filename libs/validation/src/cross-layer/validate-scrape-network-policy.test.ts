import type { K8sDocument, TerraformStackFile } from '../dist-tree';
import { selectorMatches } from './label-selector';
import { objectIndex } from './object-index';
import { metricsScraperOf, SCRAPE_NETWORK_POLICY_RULES, validateScrapeNetworkPolicies } from './validate-scrape-network-policy';

type Obj = Record<string, unknown>;
const doc = (relPath: string, object: Obj): K8sDocument => ({ file: `dist/dev/${relPath}`, relPath, index: 0, object });
const namespace = (name: string, labels: Record<string, string> = {}): K8sDocument => doc('kubernetes/addons/baseline/namespaces.yaml', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const alloy = doc('kubernetes/apps/alloy.yaml', {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'alloy', namespace: 'argocd' },
  spec: { destination: { namespace: 'alloy', server: 'https://kubernetes.default.svc' }, source: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'alloy', targetRevision: '1.11.1', helm: { releaseName: 'alloy' } } },
});
const exporter = doc('kubernetes/addons/exporter/exporter.yaml', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'exporter', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'exporter' } }, template: { metadata: { labels: { app: 'exporter' } }, spec: { containers: [{ name: 'exporter', image: 'exporter:1.0.0', ports: [{ name: 'metrics', containerPort: 9100 }] }] } } },
});
const service = doc('kubernetes/addons/exporter/exporter.yaml', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'exporter', namespace: 'shop', labels: { app: 'exporter' } }, spec: { selector: { app: 'exporter' }, ports: [{ name: 'http-metrics', port: 80, targetPort: 'metrics' }] } });
const serviceMonitor = doc('kubernetes/addons/exporter/monitoring.yaml', { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'exporter', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'exporter' } }, endpoints: [{ port: 'http-metrics' }] } });
const policy = (name: string, podSelector: Obj, ingress?: Obj[], policyTypes: string[] = ['Ingress']): K8sDocument =>
  doc('kubernetes/addons/baseline/network-policies.yaml', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'shop' }, spec: { podSelector, policyTypes, ...(ingress ? { ingress } : {}) } });
const defaultDeny = policy('default-deny', {}, undefined, ['Ingress', 'Egress']);
const allow = (...ingress: Obj[]): K8sDocument => policy('allow-ingress', { matchLabels: { app: 'exporter' } }, ingress);
const SCRAPER_NAMESPACE = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'alloy' } } };
const SCRAPER_PODS = { ...SCRAPER_NAMESPACE, podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'alloy' } } };
const tcp = (port: number | string, endPort?: number): Obj => ({ port, protocol: 'TCP', ...(endPort ? { endPort } : {}) });
const base = [alloy, namespace('alloy', { 'platform.io/addon': 'alloy' }), namespace('shop', { 'platform.io/addon': 'exporter' }), exporter, service, serviceMonitor, defaultDeny];
const network = (cidr: string): TerraformStackFile => ({ file: 'dist/dev/terraform/network/cdk.tf.json', relPath: 'terraform/network/cdk.tf.json', stack: 'network', json: { resource: { aws_vpc: { network_vpc: { cidr_block: cidr } } } } });
const check = (docs: readonly K8sDocument[], stacks: readonly TerraformStackFile[] = []) => validateScrapeNetworkPolicies(stacks, docs);

describe('XL-OBS-006: every monitored metrics port is admitted by NetworkPolicy from the scraper', () => {
  it('fails on a denied port, naming the monitor, the namespace, the port, the policies and the declaration to add', () => {
    const findings = check([...base, allow({ from: [SCRAPER_PODS], ports: [tcp(8080)] })]);
    expect(findings).toEqual([
      {
        file: 'dist/dev/kubernetes/addons/exporter/monitoring.yaml',
        object: 'monitoring.coreos.com/v1/ServiceMonitor shop/exporter',
        path: 'spec.endpoints[0].port',
        rule: SCRAPE_NETWORK_POLICY_RULES.notAdmitted,
        message:
          'scrapes 9100 (metrics) of Deployment exporter in namespace shop, but NetworkPolicies allow-ingress, default-deny isolate those pods for ingress and no policy selecting them admits the scraper (the alloy pods app.kubernetes.io/instance=alloy) on TCP 9100: ' +
          "the targets stay down and alerts on their metrics never fire. Fix: declare scrapeIngress(alloy.scraper, '<what>', [9100]) (libs/k8s/core/src/metrics-scraper.ts; metricsScrapeRule in the data layer) in the namespace ingress of add-on exporter (e.g. in its scrapeMetrics(scraper)), or render a NetworkPolicy ingress rule from namespace alloy on that port selecting those pods",
      },
    ]);
    // the default deny alone isolates the pods too
    expect(check(base).map((f) => f.path)).toEqual(['spec.endpoints[0].port']);
  });

  it('passes a port admitted by namespaceSelector, by namespaceSelector + podSelector, by named port, by an endPort range, or by an empty from', () => {
    expect(check([...base, allow({ from: [SCRAPER_NAMESPACE], ports: [tcp(9100)] })])).toEqual([]);
    expect(check([...base, allow({ from: [SCRAPER_PODS], ports: [tcp(9100)] })])).toEqual([]);
    expect(check([...base, allow({ from: [SCRAPER_PODS], ports: [tcp('metrics')] })])).toEqual([]);
    expect(check([...base, allow({ from: [SCRAPER_PODS], ports: [tcp(9000, 9200)] })])).toEqual([]);
    expect(check([...base, allow({ ports: [tcp(9100)] })])).toEqual([]);
    expect(check([...base, allow({ from: [], ports: [tcp(9100)] })])).toEqual([]);
    expect(check([...base, allow({ from: [SCRAPER_NAMESPACE] })])).toEqual([]);
  });

  it('fails when the peer, the named port, the range or the protocol misses the scraper or the port', () => {
    const denied = (rule: Obj) => check([...base, allow(rule)]).length;
    // another namespace; the scraper namespace but other pods; a podSelector alone means the policy's own namespace
    expect(denied({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'grafana' } } }], ports: [tcp(9100)] })).toBe(1);
    expect(denied({ from: [{ ...SCRAPER_NAMESPACE, podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'alloy-logs' } } }], ports: [tcp(9100)] })).toBe(1);
    expect(denied({ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'alloy' } } }], ports: [tcp(9100)] })).toBe(1);
    expect(denied({ from: [SCRAPER_PODS], ports: [tcp('http-metrics')] })).toBe(1);
    expect(denied({ from: [SCRAPER_PODS], ports: [tcp(9000, 9099)] })).toBe(1);
    expect(denied({ from: [SCRAPER_PODS], ports: [{ port: 9100, protocol: 'UDP' }] })).toBe(1);
  });

  it('passes pods no Ingress policy selects: no policy, policies of other pods, Egress-only policies', () => {
    const withoutDeny = base.filter((d) => d !== defaultDeny);
    expect(check(withoutDeny)).toEqual([]);
    expect(check([...withoutDeny, policy('other', { matchLabels: { app: 'web' } }, [])])).toEqual([]);
    expect(check([...withoutDeny, policy('egress', {}, undefined, ['Egress'])])).toEqual([]);
    // a policy without policyTypes is an Ingress policy
    expect(check([...withoutDeny, doc('kubernetes/x.yaml', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'typeless', namespace: 'shop' }, spec: { podSelector: {} } })])).toHaveLength(1);
  });

  it('judges ipBlock peers by the VPC CIDR the pods get addresses from', () => {
    const ipBlock = (cidr: string, except?: string[]) => allow({ from: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }], ports: [tcp(9100)] });
    const vpc = [network('10.20.0.0/16')];
    expect(check([...base, ipBlock('10.20.0.0/16')], vpc)).toEqual([]);
    expect(check([...base, ipBlock('0.0.0.0/0')])).toEqual([]);
    // the kubelet's link-local probe address never holds a pod
    expect(check([...base, ipBlock('169.254.7.127/32')], vpc)).toHaveLength(1);
    // a part of the VPC may or may not hold the scraper's pod: not reported
    expect(check([...base, ipBlock('10.20.0.0/16', ['10.20.0.0/24'])], vpc)).toEqual([]);
    expect(check([...base, ipBlock('10.20.4.0/22')], vpc)).toEqual([]);
  });

  it('judges PodMonitor targets the tree does not render by the selector labels, and reports only what the policies decide', () => {
    const podMonitor = (port: Obj) => doc('kubernetes/addons/kafka/kafka.yaml', { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'kafka', namespace: 'shop' }, spec: { selector: { matchLabels: { 'strimzi.io/cluster': 'events' } }, podMetricsEndpoints: [port] } });
    const scoped = (ports?: Obj[]) => policy('allow-ingress-events', { matchLabels: { 'strimzi.io/cluster': 'events' } }, [{ from: [SCRAPER_NAMESPACE], ...(ports ? { ports } : {}) }]);
    const docs = [alloy, namespace('alloy'), namespace('shop', { 'platform.io/addon': 'kafka-clusters' }), defaultDeny];
    // no rule admits the scraper to these pods on any port
    expect(check([...docs, podMonitor({ port: 'tcp-prometheus' })]).map((f) => [f.path, f.message.slice(0, f.message.indexOf(' isolate'))])).toEqual([
      ['spec.podMetricsEndpoints[0].port', 'scrapes named port tcp-prometheus of pods strimzi.io/cluster=events (not rendered in the tree) in namespace shop, but NetworkPolicies default-deny'],
    ]);
    expect(check([...docs, podMonitor({ port: 'tcp-prometheus' })])[0]?.message).toContain("on named port tcp-prometheus: the targets stay down and alerts on their metrics never fire. Fix: declare scrapeIngress(alloy.scraper, '<what>', [<container port number of tcp-prometheus>], { name: '<pods>', labels: { 'strimzi.io/cluster': 'events' } })");
    // a number against a name the tree cannot resolve: undecided, not reported
    expect(check([...docs, podMonitor({ port: 'tcp-prometheus' }), scoped([tcp(9404)])])).toEqual([]);
    // portNumber is decided
    expect(check([...docs, podMonitor({ portNumber: 9404 }), scoped([tcp(9404)])])).toEqual([]);
    expect(check([...docs, podMonitor({ portNumber: 9404 }), scoped([tcp(9090)])]).map((f) => f.path)).toEqual(['spec.podMetricsEndpoints[0].portNumber']);
    // a policy on pods the selector does not decide may select them: not reported
    expect(check([...docs, podMonitor({ portNumber: 9404 }), policy('brokers', { matchLabels: { 'strimzi.io/broker-role': 'true' } }, [{ from: [SCRAPER_NAMESPACE], ports: [tcp(9404)] }])])).toEqual([]);
  });

  it('judges ServiceMonitor targets whose Service the tree does not render by the namespace-wide policies only', () => {
    const chartMonitor = doc('kubernetes/addons/openbao/monitoring.yaml', { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'openbao', namespace: 'shop' }, spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'openbao' } }, endpoints: [{ port: 'https' }] } });
    const docs = [alloy, namespace('alloy'), namespace('shop'), chartMonitor, defaultDeny];
    expect(check(docs).map((f) => f.message.slice(0, f.message.indexOf(','))).concat(check(docs).map((f) => f.message.slice(f.message.indexOf('on any TCP port'))))).toEqual([
      'scrapes a port the tree does not show of the pods behind the Services selected by app.kubernetes.io/name=openbao (not rendered in the tree) in namespace shop',
      "on any TCP port: the targets stay down and alerts on their metrics never fire. Fix: declare scrapeIngress(alloy.scraper, '<what>', [<container port number of the endpoint port>]) (libs/k8s/core/src/metrics-scraper.ts; metricsScrapeRule in the data layer) in the ingress of namespace shop's declaration, or render a NetworkPolicy ingress rule from namespace alloy on that port selecting those pods",
    ]);
    expect(check([...docs, policy('allow-ingress-server', { matchLabels: { component: 'server' } }, [{ from: [SCRAPER_PODS], ports: [tcp(8200)] }])])).toEqual([]);
    // a rendered Service whose pods are not rendered: its selector and targetPort (a container port name) decide
    const serviceOnly = base.filter((d) => d !== exporter);
    expect(check([...serviceOnly, allow({ from: [SCRAPER_PODS], ports: [tcp('metrics')] })])).toEqual([]);
    expect(check([...serviceOnly, allow({ from: [SCRAPER_PODS], ports: [tcp(9100)] })])).toEqual([]);
    expect(check([...serviceOnly, allow({ from: [SCRAPER_PODS], ports: [tcp('admin')] })]).map((f) => f.message.slice(0, f.message.indexOf(',')))).toEqual([
      'scrapes named port metrics of the pods of Service exporter (app=exporter; not rendered in the tree) in namespace shop',
    ]);
  });

  it('resolves a Service targetPort number on rendered pods, and names the golden-path fix for a tenant service monitor', () => {
    const numeric = { ...service, object: { ...service.object, spec: { selector: { app: 'exporter' }, ports: [{ name: 'http-metrics', port: 80, targetPort: 9100 }] } } };
    const tenantMonitor = { ...serviceMonitor, object: { ...serviceMonitor.object, metadata: { name: 'exporter', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'platform', 'app.kubernetes.io/part-of': 'shop' } } } };
    const docs = [...base.filter((d) => d !== service && d !== serviceMonitor), numeric, tenantMonitor];
    const [finding] = check(docs);
    expect(finding?.message).toMatch(/^scrapes 9100 \(metrics\) of Deployment exporter in namespace shop, .* on TCP 9100: .* Fix: pass the collector to the tenant services as `scraper` \(TenantServices\/Microservice in libs\/k8s\/golden-path\), which admits it on the actuator port$/);
    expect(check([...docs, allow({ from: [SCRAPER_PODS], ports: [tcp('metrics')] })])).toEqual([]);
  });

  it('reads the scraper from the Alloy Application (destination namespace, Helm release label); no scraper, no findings', () => {
    expect(metricsScraperOf(objectIndex([alloy]))).toEqual({ namespace: 'alloy', podLabels: { 'app.kubernetes.io/instance': 'alloy' } });
    expect(check(base.filter((d) => d !== alloy))).toEqual([]);
  });

  it('evaluates label selectors in three values: decided by known labels, undecided by labels the tree does not show', () => {
    const known = { labels: { app: 'x', tier: 'db' }, complete: false };
    expect(selectorMatches({ matchLabels: { app: 'x' } }, known)).toBe('yes');
    expect(selectorMatches({ matchLabels: { app: 'y' } }, known)).toBe('no');
    expect(selectorMatches({ matchLabels: { role: 'primary' } }, known)).toBe('maybe');
    expect(selectorMatches({ matchLabels: { role: 'primary' } }, { ...known, complete: true })).toBe('no');
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }, { key: 'app', operator: 'Exists' }] }, known)).toBe('yes');
    expect(selectorMatches({ matchExpressions: [{ key: 'role', operator: 'DoesNotExist' }] }, known)).toBe('maybe');
    expect(selectorMatches({ matchExpressions: [{ key: 'role', operator: 'DoesNotExist' }] }, { ...known, complete: true })).toBe('yes');
    expect(selectorMatches({}, known)).toBe('yes');
  });
});
