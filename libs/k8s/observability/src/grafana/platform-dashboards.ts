import type { IngressGatewayWorkload } from '../rules/platform-rule-groups';
import { BURN_RATE_ALERTS, ServiceLevelObjective } from '../rules/service-level-objective';
import type { DashboardSpec } from './dashboard';

export interface PlatformDashboardsInput {
  /** cert-manager runs (security layer). */
  readonly certManager: boolean;
  /** istiod runs (mesh layer). */
  readonly mesh: boolean;
  /** The mesh ingress gateway, when it runs. */
  readonly ingressGateway?: IngressGatewayWorkload;
  /** The SLOs shown on the SLO dashboard. */
  readonly slos: readonly ServiceLevelObjective[];
}

const rate = '$__rate_interval';

/** Cluster and nodes (kube-state-metrics, node-exporter). */
export function clusterDashboard(): DashboardSpec {
  return {
    uid: 'platform-cluster',
    title: 'Platform / Cluster and nodes',
    tags: ['platform', 'cluster'],
    panels: [
      { title: 'Node CPU utilisation', expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[${rate}]))`, legend: '{{instance}}', unit: 'percentunit' },
      { title: 'Node memory utilisation', expr: '1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', legend: '{{instance}}', unit: 'percentunit' },
      { title: 'Nodes under pressure', expr: 'sum by (condition) (kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure",status="true"})', legend: '{{condition}}' },
      { title: 'Pods not running', expr: 'sum by (namespace, phase) (kube_pod_status_phase{phase=~"Pending|Failed|Unknown"}) > 0', legend: '{{namespace}} {{phase}}' },
      { title: 'Container restarts (1h)', expr: 'topk(10, sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total[1h])))', legend: '{{namespace}}/{{pod}}' },
      { title: 'Root filesystem free', expr: 'node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"}', legend: '{{instance}}', unit: 'percentunit' },
    ],
  };
}

/** ArgoCD: Applications by health and sync status, sync outcomes, API errors. */
export function argocdDashboard(): DashboardSpec {
  return {
    uid: 'platform-argocd',
    title: 'Platform / ArgoCD',
    tags: ['platform', 'gitops'],
    panels: [
      { title: 'Applications by health', expr: 'sum by (health_status) (argocd_app_info)', legend: '{{health_status}}' },
      { title: 'Applications by sync status', expr: 'sum by (sync_status) (argocd_app_info)', legend: '{{sync_status}}' },
      { title: 'Syncs by phase', expr: `sum by (phase) (rate(argocd_app_sync_total[${rate}]))`, legend: '{{phase}}', unit: 'ops' },
      { title: 'API requests by gRPC code', expr: `sum by (grpc_code) (rate(grpc_server_handled_total{namespace="argocd"}[${rate}]))`, legend: '{{grpc_code}}', unit: 'reqps' },
      { title: 'Reconciliation p95', expr: `histogram_quantile(0.95, sum by (le) (rate(argocd_app_reconcile_bucket[${rate}])))`, unit: 's' },
      { title: 'Git requests', expr: `sum by (request_type) (rate(argocd_git_request_total[${rate}]))`, legend: '{{request_type}}', unit: 'reqps' },
    ],
  };
}

/** Karpenter: nodes and NodeClaims, NodePool usage against limits, cloud provider errors. */
export function karpenterDashboard(): DashboardSpec {
  return {
    uid: 'platform-karpenter',
    title: 'Platform / Karpenter',
    tags: ['platform', 'capacity'],
    panels: [
      { title: 'Nodes by NodePool', expr: 'sum by (nodepool) (karpenter_nodes_allocatable{resource_type="cpu"} > bool 0)', legend: '{{nodepool}}' },
      { title: 'NodePool usage / limit', expr: 'max by (nodepool, resource_type) (karpenter_nodepools_usage / karpenter_nodepools_limit)', legend: '{{nodepool}} {{resource_type}}', unit: 'percentunit' },
      { title: 'NodeClaims created / terminated', expr: `sum by (reason) (rate(karpenter_nodeclaims_created_total[${rate}])) or sum by (reason) (rate(karpenter_nodeclaims_terminated_total[${rate}]))`, legend: '{{reason}}', unit: 'ops' },
      { title: 'Cloud provider errors', expr: `sum by (method, error) (rate(karpenter_cloudprovider_errors_total[${rate}]))`, legend: '{{method}} {{error}}', unit: 'ops' },
      { title: 'Pending pods', expr: 'sum(kube_pod_status_phase{phase="Pending"})' },
      { title: 'Disruption decisions', expr: `sum by (decision, reason) (rate(karpenter_voluntary_disruption_decisions_total[${rate}]))`, legend: '{{decision}} {{reason}}', unit: 'ops' },
    ],
  };
}

/** The mesh ingress gateway: requests, 5xx share, latency. */
export function ingressDashboard(gateway: IngressGatewayWorkload): DashboardSpec {
  const sel = `reporter="source",source_workload="${gateway.workload}",source_workload_namespace="${gateway.namespace}"`;
  return {
    uid: 'platform-ingress',
    title: 'Platform / Ingress',
    tags: ['platform', 'ingress'],
    panels: [
      { title: 'Requests by service', expr: `sum by (destination_service_name) (rate(istio_requests_total{${sel}}[${rate}]))`, legend: '{{destination_service_name}}', unit: 'reqps' },
      { title: '5xx share', expr: `sum(rate(istio_requests_total{${sel},response_code=~"5.."}[${rate}])) / sum(rate(istio_requests_total{${sel}}[${rate}]))`, unit: 'percentunit' },
      { title: 'Latency p99', expr: `histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[${rate}])))`, unit: 'ms' },
      { title: 'Responses by code', expr: `sum by (response_code) (rate(istio_requests_total{${sel}}[${rate}]))`, legend: '{{response_code}}', unit: 'reqps' },
    ],
  };
}

/** The mesh control and data plane: istiod pushes and rejects, ztunnel connections. */
export function meshDashboard(): DashboardSpec {
  return {
    uid: 'platform-mesh',
    title: 'Platform / Mesh',
    tags: ['platform', 'mesh'],
    panels: [
      { title: 'xDS pushes', expr: `sum by (type) (rate(pilot_xds_pushes[${rate}]))`, legend: '{{type}}', unit: 'ops' },
      { title: 'xDS rejects', expr: `sum by (type) (rate(pilot_total_xds_rejects[${rate}]))`, legend: '{{type}}', unit: 'ops' },
      { title: 'Connected proxies', expr: 'sum(pilot_xds)' },
      { title: 'Mesh requests by response code', expr: `sum by (response_code) (rate(istio_requests_total[${rate}]))`, legend: '{{response_code}}', unit: 'reqps' },
    ],
  };
}

/** cert-manager: days to expiry and readiness. */
export function certificatesDashboard(): DashboardSpec {
  return {
    uid: 'platform-certificates',
    title: 'Platform / Certificates',
    tags: ['platform', 'security'],
    panels: [
      { title: 'Days to expiry', expr: '(certmanager_certificate_expiration_timestamp_seconds - time()) / 86400', legend: '{{namespace}}/{{name}}' },
      { title: 'Certificates not ready', expr: 'sum by (namespace, name) (certmanager_certificate_ready_status{condition="False"})', legend: '{{namespace}}/{{name}}' },
    ],
  };
}

/** SLOs: the recorded error ratios and the burn rate (error ratio over the budget) per SLO. */
export function sloDashboard(slos: readonly ServiceLevelObjective[]): DashboardSpec {
  return {
    uid: 'platform-slos',
    title: 'Platform / SLOs',
    tags: ['platform', 'slo'],
    panels: slos.flatMap((s) => [
      { title: `${s.name}: error ratio (5m, 1h, 6h)`, expr: `${ServiceLevelObjective.errorRatioMetric('5m')}{slo="${s.name}"} or ${ServiceLevelObjective.errorRatioMetric('1h')}{slo="${s.name}"} or ${ServiceLevelObjective.errorRatioMetric('6h')}{slo="${s.name}"}`, legend: '{{__name__}}', unit: 'percentunit' },
      { title: `${s.name}: burn rate over 1h (page at ${s.burnRateFactor(BURN_RATE_ALERTS[0])}x)`, expr: `${ServiceLevelObjective.errorRatioMetric('1h')}{slo="${s.name}"} / ${s.errorBudget}` },
    ]),
  };
}

/** One dashboard per platform layer that runs, plus the SLO dashboard. */
export function platformDashboards(input: PlatformDashboardsInput): DashboardSpec[] {
  return [
    clusterDashboard(),
    argocdDashboard(),
    karpenterDashboard(),
    ...(input.ingressGateway ? [ingressDashboard(input.ingressGateway)] : []),
    ...(input.mesh ? [meshDashboard()] : []),
    ...(input.certManager ? [certificatesDashboard()] : []),
    ...(input.slos.length > 0 ? [sloDashboard(input.slos)] : []),
  ];
}
