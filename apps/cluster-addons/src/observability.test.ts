/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk the rendered YAML structurally */
import { DATA_SERVICES_FIXTURE, fixtureEnvironment, SECURITY_ADDONS_ENABLED, TRACES_ADDONS_ENABLED } from '@platform/config/testing';
import { serviceAddress } from '@platform/k8s-core';
import type { TracesKafkaAddon } from '@platform/k8s-data';
import { MIMIR_TENANT, type TempoAddon } from '@platform/k8s-observability';
import { type K8sDocument, validateMimirTenancy } from '@platform/validation';
import { Testing } from 'cdk8s';
import { buildClusterAddons } from './addons-app';
import { applicationNamed, chartValuesOf, renderTree } from './testing/rendered-cluster-addons';

type Patch = Parameters<typeof fixtureEnvironment>[0];
const withTempo = (): ReturnType<typeof fixtureEnvironment> => fixtureEnvironment({ addons: { enabled: TRACES_ADDONS_ENABLED } } as Patch);

describe('observability composition: Tempo and its dedicated traces Kafka (ADR 0034)', () => {
  it('without Tempo, Alloy takes metrics only and nothing renders tempo-distributed or traces-kafka', () => {
    const { addons } = buildClusterAddons(Testing.app(), fixtureEnvironment());
    expect(addons.map((a) => a.addonName)).not.toContain('tempo-distributed');
    expect(addons.map((a) => a.addonName)).not.toContain('traces-kafka');
    const alloy = addons.find((a) => a.addonName === 'alloy');
    expect(JSON.stringify(alloy?.chart?.values)).not.toContain('otelcol.exporter.otlp');
  });

  it('refuses Tempo without the traces Kafka, and the traces Kafka without the Strimzi operator and the mesh, naming the fields', () => {
    expect(() => fixtureEnvironment({ addons: { enabled: { ...TRACES_ADDONS_ENABLED, 'traces-kafka': false } } } as Patch)).toThrow(/addons\.enabled.*tempo-distributed.*traces-kafka/s);
    expect(() => fixtureEnvironment({ addons: { enabled: { ...TRACES_ADDONS_ENABLED, ztunnel: false } } } as Patch)).toThrow(/traces-kafka.*ztunnel/s);
  });

  it('wires Tempo to the traces Kafka bootstrap, syncs it after the operator and the mesh CRDs, and exports the sampled traces to its distributor', () => {
    const { addons, waves } = buildClusterAddons(Testing.app(), withTempo());
    const tempo = addons.find((a) => a.addonName === 'tempo-distributed') as TempoAddon;
    const tracesKafka = addons.find((a) => a.addonName === 'traces-kafka') as TracesKafkaAddon;
    expect(tempo.chart?.values.ingest.kafka.address).toBe(serviceAddress(tracesKafka.ingest.bootstrap));
    expect(tempo.chart?.values.ingest.kafka.address).toBe('traces-kafka-bootstrap.traces-kafka.svc.cluster.local:9092');
    const wave = (name: string): number => waves.get(name) ?? -1;
    expect(wave('traces-kafka')).toBeGreaterThan(wave('strimzi-kafka-operator'));
    expect(wave('traces-kafka')).toBeGreaterThan(wave('istio-base'));
    expect(wave('tempo-distributed')).toBeGreaterThan(wave('traces-kafka'));
    expect(wave('alloy')).toBeGreaterThan(wave('tempo-distributed'));
    const alloy = JSON.stringify(addons.find((a) => a.addonName === 'alloy')?.chart?.values);
    expect(alloy).toContain('tempo-distributor.tempo.svc.cluster.local:4317');
  });

  it('the Strimzi operator watches the traces Kafka namespace too, and reaches its nodes', () => {
    const { addons } = buildClusterAddons(Testing.app(), withTempo());
    const strimzi = addons.find((a) => a.addonName === 'strimzi-kafka-operator');
    expect((strimzi?.chart?.values as { watchNamespaces: string[] }).watchNamespaces).toEqual(['kafka', 'traces-kafka']);
    expect(strimzi?.namespace.egress?.some((r) => typeof r.peer === 'object' && 'namespace' in r.peer && r.peer.namespace === 'traces-kafka' && r.ports.some((p) => p.port === 9090))).toBe(true);
  });

  it('puts the tempo and traces-kafka namespaces in the ambient mesh, each with a default-deny AuthorizationPolicy', () => {
    const tree = renderTree(withTempo());
    for (const ns of ['tempo', 'traces-kafka']) {
      expect(tree.all.find((o) => o.kind === 'Namespace' && o.metadata.name === ns)?.metadata.labels).toMatchObject({ 'istio.io/dataplane-mode': 'ambient' });
      expect(tree.all.find((o) => o.kind === 'AuthorizationPolicy' && o.metadata.namespace === ns && o.metadata.name === 'default-deny')?.spec).toEqual({});
    }
    // the ServiceAccount the Kafka admits exists (Pod Identity contract entry `tempo`)
    expect(tree.all.some((o) => o.kind === 'ServiceAccount' && o.metadata.namespace === 'tempo' && o.metadata.name === 'tempo')).toBe(true);
  });
});

describe('observability composition: alerts and scrapes of the data and security layers', () => {
  const env = fixtureEnvironment({
    ...DATA_SERVICES_FIXTURE,
    addons: { enabled: { ...DATA_SERVICES_FIXTURE.addons.enabled, ...SECURITY_ADDONS_ENABLED, falcosidekick: true, falco: true } },
  } as Patch);
  const tree = renderTree(env);
  const values = (name: string): Record<string, any> => chartValuesOf(applicationNamed(name, tree.applications)) ?? {};
  const ingressPorts = (namespace: string, from: string): number[] =>
    tree.all
      .filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace)
      .flatMap((p: any) => (p.spec?.ingress ?? []).filter((r: any) => r.from?.some((f: any) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === from)))
      .flatMap((r: any) => r.ports.map((x: any) => x.port));

  it('renders the PostgreSQL, Kafka, OpenBao, External Secrets and Falco groups into platform-rules', () => {
    const rule = tree.all.find((o) => o.kind === 'PrometheusRule' && o.metadata.name === 'platform-rules') as any;
    const groups = rule.spec.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['platform-postgres', 'platform-kafka', 'platform-openbao', 'platform-external-secrets', 'platform-falco']));
  });

  it('scrapes OpenBao, External Secrets and falcosidekick through ServiceMonitors (kube-state-metrics exports no pod label)', () => {
    expect(values('kube-prometheus-stack')['kube-state-metrics'].metricLabelsAllowlist).toBeUndefined();
    expect(ingressPorts('openbao', 'alloy')).toEqual([8200]);
    expect(values('external-secrets').serviceMonitor).toEqual({ enabled: true, renderMode: 'skipIfMissing' });
    expect(values('falcosidekick').serviceMonitor).toEqual({ enabled: true });
    expect(ingressPorts('external-secrets', 'alloy')).toEqual([8080]);
    expect(ingressPorts('falcosidekick', 'alloy')).toEqual([2801]);
  });

  it('grants the collector nodes/metrics, which the kubelet ServiceMonitor (kubelet and cAdvisor on 10250) needs, and no Secret', () => {
    // the chart keeps its kubelet ServiceMonitor (upstream default kubelet.enabled/serviceMonitor.enabled, not overridden)
    expect(values('kube-prometheus-stack').kubelet?.enabled).not.toBe(false);
    const rules: { apiGroups?: string[]; resources?: string[]; nonResourceURLs?: string[]; verbs: string[] }[] = values('alloy').rbac.clusterRules;
    const grants = (resource: string, verb: string): boolean => rules.some((r) => (r.apiGroups ?? []).includes('') && (r.resources ?? []).includes(resource) && r.verbs.includes(verb));
    expect(grants('nodes/metrics', 'get')).toBe(true);
    expect(grants('nodes', 'list')).toBe(true);
    // least privilege: no proxy through the API server, no Secret, no write verb
    expect(rules.flatMap((r) => r.resources ?? [])).not.toEqual(expect.arrayContaining(['nodes/proxy']));
    expect(rules.flatMap((r) => r.resources ?? [])).not.toContain('secrets');
    expect(rules.flatMap((r) => r.verbs).filter((v) => !['get', 'list', 'watch'].includes(v))).toEqual([]);
    const alloyEgress = tree.all
      .filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'alloy')
      .flatMap((p: any) => (p.spec?.egress ?? []).flatMap((r: any) => (r.ports ?? []).map((x: any) => x.port)));
    expect(alloyEgress).toContain(10250);
  });

  it("lets Alloy reach the data exporters' ports (CloudNativePG 9187, redis-exporter 9121, Strimzi JMX 9404)", () => {
    const alloyEgress = tree.all
      .filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'alloy')
      .flatMap((p: any) => (p.spec?.egress ?? []).flatMap((r: any) => (r.ports ?? []).map((x: any) => x.port)));
    expect(alloyEgress).toEqual(expect.arrayContaining([2801, 9121, 9187, 9404]));
  });
});

describe('observability composition: Mimir runs one tenant, and every client reaches it', () => {
  const tree = renderTree(withTempo());
  const documents = (objects: readonly unknown[]): K8sDocument[] => objects.map((object, index) => ({ file: 'tree', relPath: 'tree', index, object: object as Record<string, unknown> }));
  const mimirApp = (objects: readonly any[]): any => objects.find((o) => o.kind === 'Application' && o.metadata.name === 'mimir-distributed');

  it('turns multitenancy off (tenant "anonymous"), so clients without X-Scope-OrgID are served (XL-OBS-004 passes)', () => {
    expect(chartValuesOf(mimirApp(tree.all))?.['mimir']).toMatchObject({ structuredConfig: { multitenancy_enabled: false } });
    expect(MIMIR_TENANT).toBe('anonymous');
    expect(validateMimirTenancy(documents(tree.all))).toEqual([]);
  });

  it('would flag every Mimir client (Alloy remote write and rule loader, Tempo, Grafana, the Rollouts analysis) if multitenancy were on', () => {
    const broken = structuredClone(tree.all) as any[];
    delete (chartValuesOf(mimirApp(broken)) as any).mimir.structuredConfig.multitenancy_enabled;
    const clients = validateMimirTenancy(documents(broken)).map((f) => `${f.object} ${f.message.split(' reaches')[0]}`);
    expect(clients.sort()).toEqual([
      'argoproj.io/v1alpha1/Application argocd/alloy Alloy block prometheus.remote_write "mimir"',
      'argoproj.io/v1alpha1/Application argocd/alloy-singleton Alloy block mimir.rules.kubernetes "default"',
      'argoproj.io/v1alpha1/Application argocd/grafana the client holding this URL',
      'argoproj.io/v1alpha1/Application argocd/tempo-distributed the client holding this URL',
      'argoproj.io/v1alpha1/ClusterAnalysisTemplate canary-success-rate-latency the client holding this URL',
      'argoproj.io/v1alpha1/ClusterAnalysisTemplate canary-success-rate-latency the client holding this URL',
    ]);
  });

  it('admits the Argo Rollouts controller (the ArgoRolloutsAddon it is given) to the query-frontend only, on the query port', () => {
    const policies = tree.all.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'mimir') as any[];
    const fromRollouts = policies.filter((p) => (p.spec.ingress ?? []).some((r: any) => r.from?.some((f: any) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'argo-rollouts')));
    expect(fromRollouts.map((p) => p.metadata.name)).toEqual(['allow-ingress-query-frontend']);
    expect(fromRollouts[0].spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/component': 'query-frontend' } });
    expect(fromRollouts[0].spec.ingress.flatMap((r: any) => r.ports)).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });
});
