import type { AlertRule, RuleGroup } from './alert-rules';
import { kafkaRules, postgresRules, type PostgresRulesInput } from './data-rule-groups';
import { type LokiMetricsSource, lokiRules, type MimirMetricsSource, mimirRules } from './observability-rule-groups';
import { externalSecretsRules, falcoRules, type OpenBaoMetricsSource, openBaoRules } from './security-rule-groups';
import { ServiceLevelObjective } from './service-level-objective';

/** Runbook files of the platform alerts (docs/runbooks/). */
export const RUNBOOK_FILES = {
  argocd: 'observability-argocd.md',
  karpenter: 'observability-karpenter.md',
  nodes: 'observability-nodes.md',
  certificates: 'observability-certificates.md',
  mesh: 'observability-mesh.md',
} as const;

/** The ingress gateway's workload as Istio's metrics label it (`source_workload`, `source_workload_namespace`). */
export interface IngressGatewayWorkload {
  readonly namespace: string;
  readonly workload: string;
}

export interface PlatformRuleGroupsInput {
  /** cert-manager runs (security layer): certificate expiry and readiness alerts. */
  readonly certManager: boolean;
  /** istiod runs (mesh layer): config push rejections. */
  readonly mesh: boolean;
  /** Mimir's own metrics are scraped (`MimirAddon.scrapeMetrics`): discarded samples, limits approached, request errors. @default none */
  readonly mimir?: MimirMetricsSource;
  /** Loki's own metrics are scraped (`LokiAddon.scrapeMetrics`): discarded lines, limits approached, request errors. @default none */
  readonly loki?: LokiMetricsSource;
  /** The mesh ingress gateway, when it runs: 5xx alert and the ingress SLO. */
  readonly ingressGateway?: IngressGatewayWorkload;
  /** PostgreSQL clusters run (data layer): instance, replication and backup alerts. @default none */
  readonly postgres?: PostgresRulesInput;
  /** Kafka clusters run (data layer): controller quorum alert. @default false */
  readonly kafka?: boolean;
  /** OpenBao's servers are scraped (security layer): sealed, no-active-node and scrape alerts. @default none */
  readonly openbao?: OpenBaoMetricsSource;
  /** External Secrets runs (security layer): sync alert. @default false */
  readonly externalSecrets?: boolean;
  /** falcosidekick runs (security layer): critical events and delivery failures. @default false */
  readonly falco?: boolean;
}

/**
 * Objectives of the platform's own SLOs, percent of good requests over 30 days. ArgoCD's API serves humans and
 * CI (a failed sync retry is cheap); the ingress carries every tenant request.
 */
export const PLATFORM_SLO_OBJECTIVES = { argocdApi: 99.5, ingress: 99.9 } as const;

const alert = (a: AlertRule): AlertRule => a;

/** ArgoCD: Applications degraded, out of sync, failing syncs (argocd-application-controller metrics). */
export function argocdRules(): RuleGroup {
  const runbook = (section: string) => ({ file: RUNBOOK_FILES.argocd, section });
  return {
    name: 'platform-argocd',
    rules: [
      alert({
        alert: 'ArgoCdAppDegraded',
        expr: 'max by (name, project) (argocd_app_info{health_status="Degraded"}) == 1',
        for: '15m',
        severity: 'critical',
        summary: 'Application {{ $labels.name }} is Degraded',
        description: 'ArgoCD reports Application {{ $labels.name }} (project {{ $labels.project }}) Degraded for 15 minutes: a resource it manages is failing.',
        runbook: runbook('argocdappdegraded'),
      }),
      alert({
        alert: 'ArgoCdAppOutOfSync',
        expr: 'max by (name, project) (argocd_app_info{sync_status="OutOfSync"}) == 1',
        for: '30m',
        severity: 'warning',
        summary: 'Application {{ $labels.name }} is OutOfSync',
        description: 'The live state of Application {{ $labels.name }} differs from the GitOps repo for 30 minutes (sync window closed, sync failing, or a manual change).',
        runbook: runbook('argocdappoutofsync'),
      }),
      alert({
        alert: 'ArgoCdAppSyncFailed',
        expr: 'sum by (name, project) (increase(argocd_app_sync_total{phase=~"Error|Failed"}[15m])) > 0',
        for: '5m',
        severity: 'warning',
        summary: 'Syncs of Application {{ $labels.name }} fail',
        description: 'At least one sync of Application {{ $labels.name }} ended in Error or Failed within 15 minutes.',
        runbook: runbook('argocdappsyncfailed'),
      }),
    ],
  };
}

/** Karpenter: cloud provider errors, NodePools near their limits. */
export function karpenterRules(): RuleGroup {
  const runbook = (section: string) => ({ file: RUNBOOK_FILES.karpenter, section });
  return {
    name: 'platform-karpenter',
    rules: [
      alert({
        alert: 'KarpenterCloudProviderErrors',
        expr: 'sum by (controller, method, error) (increase(karpenter_cloudprovider_errors_total[15m])) > 0',
        for: '15m',
        severity: 'warning',
        summary: 'Karpenter gets errors from EC2 ({{ $labels.method }}: {{ $labels.error }})',
        description: 'Karpenter calls to the AWS API fail for 15 minutes; nodes may not launch or terminate (capacity, quota, IAM or subnet problems).',
        runbook: runbook('karpentercloudprovidererrors'),
      }),
      alert({
        alert: 'KarpenterNodePoolNearLimit',
        expr: 'max by (nodepool, resource_type) (karpenter_nodepools_usage / karpenter_nodepools_limit) > 0.9',
        for: '15m',
        severity: 'warning',
        summary: 'NodePool {{ $labels.nodepool }} uses over 90% of its {{ $labels.resource_type }} limit',
        description: 'Karpenter stops launching nodes for NodePool {{ $labels.nodepool }} at its limit; pending pods will stay pending.',
        runbook: runbook('karpenternodepoolnearlimit'),
      }),
    ],
  };
}

/** Nodes: memory, disk or PID pressure (kube-state-metrics). */
export function nodeRules(): RuleGroup {
  return {
    name: 'platform-nodes',
    rules: [
      alert({
        alert: 'NodeUnderPressure',
        expr: 'max by (node, condition) (kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure",status="true"}) == 1',
        for: '5m',
        severity: 'warning',
        summary: 'Node {{ $labels.node }} reports {{ $labels.condition }}',
        description: 'The kubelet of {{ $labels.node }} reports {{ $labels.condition }} for 5 minutes; it evicts pods and refuses new ones.',
        runbook: { file: RUNBOOK_FILES.nodes, section: 'nodeunderpressure' },
      }),
    ],
  };
}

/** cert-manager: certificates close to expiry (renewal failing) or not ready. */
export function certificateRules(): RuleGroup {
  const runbook = (section: string) => ({ file: RUNBOOK_FILES.certificates, section });
  return {
    name: 'platform-certificates',
    rules: [
      alert({
        // cert-manager renews at two thirds of the lifetime (30 days before expiry for 90-day certificates): 14 days left means renewal has failed for two weeks
        alert: 'CertificateExpiresSoon',
        expr: 'min by (namespace, name) (certmanager_certificate_expiration_timestamp_seconds - time()) < 14 * 24 * 3600',
        for: '1h',
        severity: 'warning',
        summary: 'Certificate {{ $labels.namespace }}/{{ $labels.name }} expires in less than 14 days',
        description: 'cert-manager has not renewed the certificate although renewal was due; it expires in less than 14 days.',
        runbook: runbook('certificateexpiressoon'),
      }),
      alert({
        alert: 'CertificateNotReady',
        expr: 'max by (namespace, name) (certmanager_certificate_ready_status{condition="False"}) == 1',
        for: '30m',
        severity: 'critical',
        summary: 'Certificate {{ $labels.namespace }}/{{ $labels.name }} is not Ready',
        description: 'The certificate has not been Ready for 30 minutes: issuance or renewal fails (DNS-01 challenge, issuer, rate limit).',
        runbook: runbook('certificatenotready'),
      }),
    ],
  };
}

/** Mesh: istiod config rejected by proxies, 5xx at the ingress gateway. */
export function meshRules(gateway?: IngressGatewayWorkload): RuleGroup {
  const runbook = (section: string) => ({ file: RUNBOOK_FILES.mesh, section });
  const rules: AlertRule[] = [
    alert({
      alert: 'IstioXdsRejects',
      expr: 'sum by (type) (increase(pilot_total_xds_rejects[15m])) > 0',
      for: '15m',
      severity: 'warning',
      summary: 'Proxies reject istiod configuration ({{ $labels.type }})',
      description: 'ztunnel, waypoints or gateways reject configuration pushed by istiod; they keep running on stale configuration.',
      runbook: runbook('istioxdsrejects'),
    }),
  ];
  if (gateway) {
    const sel = `reporter="source",source_workload="${gateway.workload}",source_workload_namespace="${gateway.namespace}"`;
    rules.push(
      alert({
        alert: 'IngressGatewayHigh5xx',
        expr: `sum(rate(istio_requests_total{${sel},response_code=~"5.."}[5m])) / sum(rate(istio_requests_total{${sel}}[5m])) > 0.05`,
        for: '10m',
        severity: 'critical',
        summary: 'More than 5% of ingress requests fail with 5xx',
        description: 'The ingress gateway answers more than 5% of requests with a 5xx status for 10 minutes.',
        runbook: runbook('ingressgatewayhigh5xx'),
      }),
    );
  }
  return { name: 'platform-mesh', rules };
}

/** The platform's SLOs on its own entry points: the ArgoCD API (gRPC), and the ingress gateway when it runs. */
export function platformSlos(gateway?: IngressGatewayWorkload): ServiceLevelObjective[] {
  // gRPC codes that are the server's fault; the others (NotFound, PermissionDenied, ...) are the caller's
  const serverErrors = 'Unknown|Internal|Unavailable|DataLoss|DeadlineExceeded';
  const slos = [
    new ServiceLevelObjective({
      name: 'argocd-api',
      service: 'argocd-server',
      description: 'The ArgoCD API answers without a server error',
      sli: {
        good: `sum(rate(grpc_server_handled_total{namespace="argocd",grpc_code!~"${serverErrors}"}[{{window}}]))`,
        total: 'sum(rate(grpc_server_handled_total{namespace="argocd"}[{{window}}]))',
      },
      objectivePercent: PLATFORM_SLO_OBJECTIVES.argocdApi,
    }),
  ];
  if (gateway) {
    const sel = `reporter="source",source_workload="${gateway.workload}",source_workload_namespace="${gateway.namespace}"`;
    slos.push(
      new ServiceLevelObjective({
        name: 'ingress',
        service: gateway.workload,
        description: 'The ingress gateway answers tenant requests without a 5xx',
        sli: { good: `sum(rate(istio_requests_total{${sel},response_code!~"5.."}[{{window}}]))`, total: `sum(rate(istio_requests_total{${sel}}[{{window}}]))` },
        objectivePercent: PLATFORM_SLO_OBJECTIVES.ingress,
      }),
    );
  }
  return slos;
}

/** Every platform rule group for the layers that run: add-on alerts, then one group per SLO. */
export function platformRuleGroups(input: PlatformRuleGroupsInput): RuleGroup[] {
  return [
    argocdRules(),
    karpenterRules(),
    nodeRules(),
    ...(input.mimir ? [mimirRules(input.mimir)] : []),
    ...(input.loki ? [lokiRules(input.loki)] : []),
    ...(input.certManager ? [certificateRules()] : []),
    ...(input.mesh ? [meshRules(input.ingressGateway)] : []),
    ...(input.postgres ? [postgresRules(input.postgres)] : []),
    ...(input.kafka ? [kafkaRules()] : []),
    ...(input.openbao ? [openBaoRules(input.openbao)] : []),
    ...(input.externalSecrets ? [externalSecretsRules()] : []),
    ...(input.falco ? [falcoRules()] : []),
    ...platformSlos(input.ingressGateway).map((s) => s.ruleGroup()),
  ];
}
