import { ADDONS, type EnvironmentConfig, isAddonEnabled, kubernetesApiServiceIp, type SynthesizedFile } from '@platform/config';
import { ClusterBaselineAddon, PlatformNamespace, PlatformPriorityClasses } from '@platform/k8s-baseline';
import { GITOPS_PUSH_SECRET, TEKTON_BUILDS_NAMESPACE, TektonBuildsAddon, TektonOperatorAddon, WEBHOOK_SECRET } from '@platform/k8s-ci';
import { type Addon, computeSyncWaves, OutputChart, type SyncNode } from '@platform/k8s-core';
import { addonSyncNodes, ARGOCD_NAMESPACE, ArgoCdAddon, gitOpsTarget, PlatformProject, renderAddonApplications, ROOT_SYNC_WAVE, RootApplication } from '@platform/k8s-gitops';
import { AwsLoadBalancerControllerAddon, ExternalDnsAddon } from '@platform/k8s-ingress';
import { KarpenterAddon, KarpenterCrdAddon } from '@platform/k8s-karpenter';
import { ArgoRolloutsAddon, buildMeshAddons } from '@platform/k8s-mesh';
import { RestoreDrill, VeleroAddon } from '@platform/k8s-dr';
import { AlloyCollectorAddon, AlloyLogsAddon, AlloySingletonAddon, KubePrometheusStackAddon, GrafanaAddon, LokiAddon, MimirAddon, OBSERVABILITY_NAMESPACES, platformDashboards, PlatformPrometheusRule, platformRuleGroups, platformSlos, TEMPO_SERVICE_ACCOUNT, TempoAddon } from '@platform/k8s-observability';
import { ARGOCD_SECRET_LABELS, CertManagerAddon, ExternalSecretsAddon, FalcoAddon, FalcosidekickAddon, GatekeeperAddon, GatekeeperConstraintsAddon, OpenBaoAddon, parseArgoCdSecretReference, TenantAccessAddon } from '@platform/k8s-security';
// golden path: the tenant services and the mesh and observability seams they consume
import { buildTenantServices, serviceDataClaims, type TenantServicesProps } from '@platform/k8s-golden-path';
import { INGRESS_GATEWAY_NAMESPACE, INGRESS_GATEWAY_POD_LABELS, INGRESS_GATEWAY_SERVICE_ACCOUNT } from '@platform/k8s-mesh';
// data layer
import { CloudnativePgAddon, DataServices, KafkaClustersAddon, PluginBarmanCloudAddon, PostgresClustersAddon, RedisCachesAddon, RedisOperatorAddon, StrimziKafkaOperatorAddon, TracesKafkaAddon } from '@platform/k8s-data';
import type { App } from 'cdk8s';

/** AppProject of the root Application: the GitOps repo only, the argocd namespace only. */
export const BOOTSTRAP_PROJECT = 'platform-bootstrap';

/** What `buildClusterAddons` composed, for callers that need the graph (docs, tests). */
export interface ClusterAddons {
  readonly addons: readonly Addon[];
  readonly syncNodes: readonly SyncNode[];
  readonly waves: ReadonlyMap<string, number>;
  /** The data layer's consumption contract: connections of the databases, caches and topics a service claims. */
  readonly dataServices: DataServices;
  /** Files other than rendered charts (e.g. the restore drill's checklist, the golden path's Backstage entities under `catalog/`), relative to `dist/<env>/`. */
  readonly documents: readonly SynthesizedFile[];
}

/** The restore drill's objects and checklist, in `dist/<env>/drills/` (never synced by ArgoCD). */
export const RESTORE_DRILL_FILE = 'drills/restore-drill.yaml';
export const RESTORE_DRILL_CHECKLIST_FILE = 'drills/restore-drill.md';

/** Position of each add-on in the registry (`ADDONS`, grouped by layer). */
const REGISTRY_POSITION: ReadonlyMap<string, number> = new Map(ADDONS.map((d, i) => [d.name, i]));

/**
 * Orders add-ons as the registry lists them, whatever order the layers are composed in (a layer is composed
 * after the seams it takes, e.g. the mesh after the collector its traces go to). `ClusterAddons.addons`, and so
 * everything rendered per add-on in one file (the baseline's NetworkPolicies), follow this order.
 */
export function byRegistryOrder(a: Addon, b: Addon): number {
  return (REGISTRY_POSITION.get(a.addonName) ?? ADDONS.length) - (REGISTRY_POSITION.get(b.addonName) ?? ADDONS.length);
}

/**
 * Composes the environment's Kubernetes side (ADRs 0006, 0009):
 * - `kubernetes/bootstrap/`: the argocd Namespace, the PriorityClasses (the ArgoCD pods use
 *   `platform-critical`), the bootstrap AppProject and the root Application (applied once; the root
 *   Application then syncs its own file and the PriorityClasses and manages itself);
 * - `kubernetes/apps/`: the `platform` AppProject and one Application per add-on, in waves computed
 *   from the add-ons' dependencies;
 * - `kubernetes/addons/<addon>/`: each add-on's extra manifests.
 * @throws DependencyCycleError when the add-on dependencies form a cycle
 * @throws Error when Tempo is enabled without the traces Kafka (the schema's `requires` prevents it)
 */
export function buildClusterAddons(app: App, env: EnvironmentConfig): ClusterAddons {
  const namespaceFile = new OutputChart(app, 'bootstrap-namespace', { outputPath: 'kubernetes/bootstrap/namespace.yaml' });
  new PlatformNamespace(namespaceFile, 'argocd-namespace', { environment: env.name, kubernetesVersion: env.cluster.version, name: ARGOCD_NAMESPACE });
  // the ArgoCD pods of the one-time helm install run as platform-critical: the PriorityClasses are
  // applied before it and then reconciled by the root Application (not by the baseline add-on)
  const priorityClassesFile = 'priority-classes.yaml';
  const priorityClasses = new OutputChart(app, 'bootstrap-priority-classes', { outputPath: `kubernetes/bootstrap/${priorityClassesFile}` });
  new PlatformPriorityClasses(priorityClasses, 'priority-classes', { syncWave: ROOT_SYNC_WAVE });
  // applied once by hand; afterwards the root Application syncs this very file (self-managed)
  const rootFile = 'kubernetes/bootstrap/root-application.yaml';
  const bootstrap = new OutputChart(app, 'bootstrap', { outputPath: rootFile });
  const gitops = gitOpsTarget(env);
  const project = new PlatformProject(bootstrap, 'project', {
    gitops,
    name: BOOTSTRAP_PROJECT,
    description: `Root app-of-apps of ${env.name}: the GitOps repo into the argocd namespace`,
    sourceRepos: [env.gitops.repoUrl],
    destinationNamespaces: [ARGOCD_NAMESPACE],
    clusterResourceWhitelist: [{ group: 'scheduling.k8s.io', kind: 'PriorityClass' }],
    // the freeze stops the add-ons, never the root app: lifting it is a Git change the root app syncs
    freezable: false,
  });
  project.project.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(ROOT_SYNC_WAVE));
  new RootApplication(bootstrap, 'root', { gitops, project: BOOTSTRAP_PROJECT, selfPath: rootFile, siblingFiles: [priorityClassesFile] });

  const baseline = new ClusterBaselineAddon(app, 'baseline', { env });
  const karpenterCrd = new KarpenterCrdAddon(app, 'karpenter-crd', { env });
  const karpenter = new KarpenterAddon(app, 'karpenter', { env, dependsOn: [baseline, karpenterCrd] });
  const albController = new AwsLoadBalancerControllerAddon(app, 'aws-load-balancer-controller', { env, dependsOn: [baseline] });
  // after the controller: ArgoCD reports the argocd-server Ingress Progressing until it has an ALB
  const argocd = new ArgoCdAddon(app, 'argocd', { env, loadBalancerController: albController });
  const externalDns = new ExternalDnsAddon(app, 'external-dns', { env, dependsOn: [baseline] });
  const documents: SynthesizedFile[] = [];
  const addons: Addon[] = [argocd, baseline, karpenterCrd, karpenter, albController, externalDns];

  // optional add-ons: composed only when the environment enables them (addons.enabled; the schema checks `requires`)
  const tektonOperator = isAddonEnabled(env, 'tekton-operator') ? new TektonOperatorAddon(app, 'tekton-operator', { env, dependsOn: [baseline] }) : undefined;
  if (tektonOperator) addons.push(tektonOperator);
  const tektonBuilds = tektonOperator && isAddonEnabled(env, 'tekton-builds') ? new TektonBuildsAddon(app, 'tekton-builds', { env, tektonOperator, loadBalancerController: albController, externalDns }) : undefined;
  if (tektonBuilds) addons.push(tektonBuilds);

  // security layer
  const certManager = isAddonEnabled(env, 'cert-manager') ? new CertManagerAddon(app, 'cert-manager', { env, dependsOn: [baseline] }) : undefined;
  if (certManager) addons.push(certManager);
  const openbao = certManager && isAddonEnabled(env, 'openbao') ? new OpenBaoAddon(app, 'openbao', { env, certManager, dependsOn: [baseline] }) : undefined;
  if (openbao) addons.push(openbao);
  const externalSecrets = certManager && openbao && isAddonEnabled(env, 'external-secrets') ? new ExternalSecretsAddon(app, 'external-secrets', { env, certManager, openbao, dependsOn: [baseline], metricsScraperNamespace: OBSERVABILITY_NAMESPACES.alloy }) : undefined;
  if (externalSecrets) {
    addons.push(externalSecrets);
    // the Secrets that used to be created by hand: ArgoCD's OIDC client secret and the reference CI's credentials
    const oidc = parseArgoCdSecretReference('argocd.sso.clientSecretRef', env.argocd.sso.clientSecretRef);
    externalSecrets.deliver({ namespace: ARGOCD_NAMESPACE, name: oidc.secretName, keys: [{ secretKey: oidc.key }], labels: ARGOCD_SECRET_LABELS });
    if (tektonBuilds) {
      externalSecrets.deliver({ namespace: TEKTON_BUILDS_NAMESPACE, name: WEBHOOK_SECRET, keys: [{ secretKey: 'secret' }] });
      externalSecrets.deliver({ namespace: TEKTON_BUILDS_NAMESPACE, name: GITOPS_PUSH_SECRET, keys: [{ secretKey: 'username' }, { secretKey: 'password' }], type: 'kubernetes.io/basic-auth' });
    }
  }
  const gatekeeper = isAddonEnabled(env, 'gatekeeper') ? new GatekeeperAddon(app, 'gatekeeper', { env, dependsOn: [baseline] }) : undefined;
  if (gatekeeper) addons.push(gatekeeper);
  if (isAddonEnabled(env, 'tenant-access') && env.tenants.length > 0) addons.push(new TenantAccessAddon(app, 'tenant-access', { env, dependsOn: [baseline] }));
  if (gatekeeper && isAddonEnabled(env, 'gatekeeper-constraints')) addons.push(new GatekeeperConstraintsAddon(app, 'gatekeeper-constraints', { env, gatekeeper }));
  // data layer
  let postgresClusters: PostgresClustersAddon | undefined;
  let redisCaches: RedisCachesAddon | undefined;
  let kafkaClusters: KafkaClustersAddon | undefined;
  let tracesKafka: TracesKafkaAddon | undefined;
  if (isAddonEnabled(env, 'cloudnative-pg')) {
    const cnpg = new CloudnativePgAddon(app, 'cloudnative-pg', { env, dependsOn: [baseline] });
    addons.push(cnpg);
    if (isAddonEnabled(env, 'plugin-barman-cloud')) {
      // the schema enforces addons.enabled.cert-manager (requires); the guard narrows the type
      if (!certManager) throw new Error(`${env.name}: plugin-barman-cloud requires cert-manager; set addons.enabled.cert-manager: true`);
      const barmanCloud = new PluginBarmanCloudAddon(app, 'plugin-barman-cloud', { env, operator: cnpg, certManager });
      addons.push(barmanCloud);
      if (isAddonEnabled(env, 'postgres-clusters')) {
        postgresClusters = new PostgresClustersAddon(app, 'postgres-clusters', { env, operator: cnpg, barmanCloud });
        addons.push(postgresClusters);
      }
    }
  }
  if (isAddonEnabled(env, 'redis-operator')) {
    const redisOperator = new RedisOperatorAddon(app, 'redis-operator', { env, dependsOn: [baseline] });
    addons.push(redisOperator);
    if (isAddonEnabled(env, 'redis-caches')) {
      // each cache's AUTH password `caches/<cache>-auth` from OpenBao `<env>/caches/<cache>-auth`
      redisCaches = new RedisCachesAddon(app, 'redis-caches', { env, operator: redisOperator, secrets: externalSecrets });
      addons.push(redisCaches);
    }
  }
  if (isAddonEnabled(env, 'strimzi-kafka-operator')) {
    const strimzi = new StrimziKafkaOperatorAddon(app, 'strimzi-kafka-operator', { env, dependsOn: [baseline] });
    addons.push(strimzi);
    if (isAddonEnabled(env, 'kafka-clusters')) {
      kafkaClusters = new KafkaClustersAddon(app, 'kafka-clusters', { env, operator: strimzi });
      addons.push(kafkaClusters);
    }
    // Tempo's dedicated span queue (ADR 0034): admits Tempo's mesh identity only
    if (isAddonEnabled(env, 'traces-kafka')) {
      tracesKafka = new TracesKafkaAddon(app, 'traces-kafka', { env, operator: strimzi, clients: [{ ...TEMPO_SERVICE_ACCOUNT, description: 'Tempo distributors, block-builders and live-stores' }] });
      addons.push(tracesKafka);
    }
  }
  // what services consume (golden path): typed connections, dangling references fail synth
  const dataServices = new DataServices({ envName: env.name, postgres: postgresClusters, redis: redisCaches, kafka: kafkaClusters });
  // observability layer
  // early: its prometheus-operator CRDs must exist before any layer's ServiceMonitor/PrometheusRule (dependsOn it)
  // its receivers' Secrets (Slack webhooks) and Grafana's come from OpenBao through External Secrets when it runs
  const kubePrometheusStack = new KubePrometheusStackAddon(app, 'kube-prometheus-stack', { env, dependsOn: [baseline], externalSecrets });
  addons.push(kubePrometheusStack);
  // Tempo's metrics-generator remote-writes span metrics and service graphs next to Alloy
  const extraRemoteWriters = isAddonEnabled(env, 'tempo-distributed') ? [{ namespace: OBSERVABILITY_NAMESPACES.tempo, description: "Tempo's metrics-generator remote-writes span metrics and service graphs" }] : [];
  const mimir = new MimirAddon(app, 'mimir-distributed', { env, dependsOn: [baseline], alertmanager: kubePrometheusStack.alertmanagerEndpoint, extraRemoteWriters });
  const loki = new LokiAddon(app, 'loki', { env, dependsOn: [baseline] });
  addons.push(mimir, loki);
  // Tempo 3 queues spans in Kafka (ADR 0034): its ingest is the dedicated traces Kafka's plaintext bootstrap
  let tempo: TempoAddon | undefined;
  if (isAddonEnabled(env, 'tempo-distributed')) {
    // the schema makes tempo-distributed require traces-kafka; the guard narrows the type
    if (!tracesKafka) throw new Error(`${env.name}: addons.enabled.tempo-distributed is true but no traces Kafka is composed (Tempo 3 queues spans in Kafka, ADR 0034); set addons.enabled.traces-kafka: true`);
    tempo = new TempoAddon(app, 'tempo-distributed', { env, dependsOn: [baseline, tracesKafka], ingest: tracesKafka.ingest, metricsRemoteWrite: mimir.remoteWriteEndpoint });
    addons.push(tempo);
  }
  const alloyDeps: Addon[] = tempo ? [kubePrometheusStack, mimir, tempo] : [kubePrometheusStack, mimir];
  const alloy = new AlloyCollectorAddon(app, 'alloy', { env, dependsOn: alloyDeps, monitoringCrds: kubePrometheusStack, mimirRemoteWrite: mimir.remoteWriteEndpoint, tempoOtlpGrpc: tempo?.otlpGrpcEndpoint });
  const alloyLogs = new AlloyLogsAddon(app, 'alloy-logs', { env, dependsOn: [loki], lokiPush: loki.pushEndpoint });
  const alloySingleton = new AlloySingletonAddon(app, 'alloy-singleton', { env, dependsOn: [kubePrometheusStack, mimir, loki], lokiPush: loki.pushEndpoint, mimirRuler: mimir.rulerEndpoint });
  addons.push(alloy, alloyLogs, alloySingleton);
  // the platform add-ons' own metrics, which the platform alerts and SLOs read: their monitors on, the collector admitted
  argocd.scrapeMetrics(alloy.scraper);
  karpenter.scrapeMetrics(alloy.scraper);
  certManager?.scrapeMetrics(alloy.scraper);
  // the stores' own metrics: discarded samples and lines, limits approached (their chart ServiceMonitors)
  const mimirMetrics = mimir.scrapeMetrics(alloy.scraper);
  const lokiMetrics = loki.scrapeMetrics(alloy.scraper);
  // security layer, continued: OpenBao's own metrics, scraped by the collector (its ServiceMonitor needs the monitor CRDs)
  const openbaoMetrics = openbao?.scrapeMetrics(alloy.scraper);
  // mesh layer, continued: traces over OTLP gRPC to the collector
  const mesh = buildMeshAddons(app, { env, baseline, loadBalancerController: albController, certManager, otlpTracesEndpoint: alloy.otlpGrpcEndpoint, metricsScraper: alloy.scraper });
  addons.push(...mesh.all);
  // data layer, continued: the traces Kafka's plaintext listener is guarded by the ambient mesh (declared `requires:
  // ztunnel`), so it syncs after ztunnel, and Tempo after it; composed before the mesh, which needs the collector above
  if (tracesKafka) {
    // the schema makes traces-kafka require ztunnel; the guard narrows the type
    if (!mesh.ztunnel) throw new Error(`${env.name}: traces-kafka requires ztunnel (its listener admits clients by mesh identity, ADR 0034); set addons.enabled.ztunnel: true`);
    tracesKafka.addDependency(mesh.ztunnel);
  }
  // alerts of the layers that run and the platform SLOs, loaded into the Mimir ruler by Alloy
  // (Istio names the gateway Deployment, hence the metrics' source_workload, `<gateway>-istio`)
  const ingressGateway = mesh.ingress ? { namespace: mesh.ingress.gateway.parentRef.namespace, workload: `${mesh.ingress.gateway.parentRef.name}-istio` } : undefined;
  const layers = { certManager: certManager !== undefined, mesh: mesh.istiod !== undefined, ingressGateway };
  new PlatformPrometheusRule(kubePrometheusStack.manifestFile('platform-rules'), 'platform-rules', {
    name: 'platform-rules',
    namespace: kubePrometheusStack.namespace.name,
    runbookBaseUrl: env.observability.runbookBaseUrl,
    groups: platformRuleGroups({
      ...layers,
      mimir: mimirMetrics,
      loki: lokiMetrics,
      // the data and security layers' metrics (scraped through their monitors), where they run
      postgres: postgresClusters && env.data.postgres.some((c) => c.podMonitor) ? { backupSchedules: env.data.postgres.filter((c) => c.podMonitor).map((c) => c.backup.schedule) } : undefined,
      kafka: kafkaClusters !== undefined || tracesKafka !== undefined,
      openbao: openbaoMetrics,
      externalSecrets: externalSecrets !== undefined,
      falco: isAddonEnabled(env, 'falcosidekick'),
    }),
  });
  const grafana = new GrafanaAddon(app, 'grafana', {
    env,
    dependsOn: [kubePrometheusStack, mimir, loki, albController, externalDns, ...(tempo ? [tempo] : [])],
    mimir: mimir.queryEndpoint,
    loki: loki.queryEndpoint,
    tempo: tempo?.queryEndpoint,
    alertmanager: kubePrometheusStack.alertmanagerEndpoint,
    dashboards: platformDashboards({ ...layers, slos: platformSlos(ingressGateway) }),
    externalSecrets,
  });
  addons.push(grafana);
  // backup and DR
  const velero = new VeleroAddon(app, 'velero', { env, dependsOn: [baseline, kubePrometheusStack], metricsScraperNamespace: OBSERVABILITY_NAMESPACES.alloy });
  addons.push(velero);
  // restore drill: dist/<env>/drills/, applied by hand, outside every Application's path (ADR 0037)
  const drill = new RestoreDrill(new OutputChart(app, 'restore-drill', { outputPath: RESTORE_DRILL_FILE }), 'drill', {
    environment: env.name,
    kubernetesVersion: env.cluster.version,
    vpcCidr: env.network.vpcCidr,
    kubernetesApiServiceIp: kubernetesApiServiceIp(env),
    rpoMinutes: env.dr.rpoMinutes,
    rtoMinutes: env.dr.rtoMinutes,
    veleroNamespace: velero.namespace.name,
    ...env.dr.drill,
  });
  documents.push({ path: RESTORE_DRILL_CHECKLIST_FILE, content: drill.checklist });
  // golden path (tenant services)
  // the seams of the mesh, observability and data layers they use
  const gateway = mesh.ingress?.gateway;
  const tenantSeams: Omit<TenantServicesProps, 'env' | 'syncWave'> = {
    ingress: gateway
      ? { parentRef: gateway.parentRef, wildcardHost: gateway.hostname, pods: { namespace: INGRESS_GATEWAY_NAMESPACE, podLabels: INGRESS_GATEWAY_POD_LABELS }, serviceAccount: { namespace: INGRESS_GATEWAY_NAMESPACE, name: INGRESS_GATEWAY_SERVICE_ACCOUNT } }
      : undefined,
    otlpHttpEndpoint: alloy.otlpHttpEndpoint,
    scraper: alloy.scraper,
    connectData: (tenant, service) => {
      const claims = serviceDataClaims(env, tenant, service);
      return claims ? dataServices.connect(tenant, claims) : undefined;
    },
    externalSecrets,
  };

  // mesh layer, continued: Argo Rollouts after the observability layer (its canary analysis queries Mimir)
  if (mesh.gatewayApiCrds && isAddonEnabled(env, 'argo-rollouts')) {
    const rollouts = new ArgoRolloutsAddon(app, 'argo-rollouts', { env, dependsOn: [baseline, mesh.gatewayApiCrds], metricsQueryEndpoint: mimir.queryEndpoint });
    addons.push(rollouts);
    mimir.admitQueriers([{ addon: rollouts, description: 'Argo Rollouts controller runs the canary analysis queries (Prometheus API)' }]);
  }

  // security layer, continued: runtime detection after the observability layer (falcosidekick forwards to Loki and
  // Alertmanager); Falco last, so its platform-namespace rule covers every add-on composed above
  if (isAddonEnabled(env, 'falcosidekick')) {
    const sidekick = new FalcosidekickAddon(app, 'falcosidekick', { env, dependsOn: [loki, kubePrometheusStack], lokiPush: loki.pushEndpoint, alertmanager: kubePrometheusStack.alertmanagerEndpoint, metricsScraperNamespace: OBSERVABILITY_NAMESPACES.alloy });
    addons.push(sidekick);
    if (isAddonEnabled(env, 'falco')) {
      const platformNamespaces = [...new Set(addons.flatMap((a) => a.namespaces.map((n) => n.name)))].sort();
      addons.push(new FalcoAddon(app, 'falco', { env, dependsOn: [baseline, sidekick], sidekick: sidekick.endpoint, platformNamespaces }));
    }
  }

  // golden path: the tenants' Applications sync after every platform add-on; built before the add-ons'
  // Applications render, because a tenant with secrets adds its access objects to the external-secrets add-on
  const tenantServices = buildTenantServices(app, { env, syncWave: Math.max(0, ...computeSyncWaves(addonSyncNodes(addons)).values()) + 1, ...tenantSeams });
  documents.push(...tenantServices.catalogFiles);

  // composition order follows the dependencies between the layers' seams; what is rendered per add-on follows the registry
  addons.sort(byRegistryOrder);
  baseline.secureNamespaces(addons);
  gatekeeper?.excludeFromAdmission(addons);
  const { waves } = renderAddonApplications(app, { gitops, addons });
  return { addons, syncNodes: addonSyncNodes(addons), waves, dataServices, documents };
}
