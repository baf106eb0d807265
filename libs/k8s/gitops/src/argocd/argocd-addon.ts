import { ARGOCD, type EnvironmentConfig } from '@platform/config';
import { Addon, EGRESS_KUBE_API, type MetricsScraper, type NetworkRule, scrapeIngress } from '@platform/k8s-core';
import type { Construct } from 'constructs';
import { ARGOCD_COMPONENT_NAMES, ARGOCD_METRICS_PORTS, ARGOCD_NAMESPACE, argoCdValues, type ArgoCdValuesProps } from './argocd-settings';
import type { ArgoCdValues } from './argocd-values';

/** Container port of argocd-server (HTTPS, `server.insecure: false`). @see values.yaml `server.containerPorts.server` */
export const ARGOCD_SERVER_PORT = 8080;

/** The {@link ArgoCdValuesProps} of an environment: `dns.domain` and `argocd`. */
export function argoCdValuesPropsOf(env: EnvironmentConfig): ArgoCdValuesProps {
  return { domain: env.dns.domain, highAvailability: env.argocd.highAvailability, uiSourceCidrs: env.argocd.uiSourceCidrs, sso: env.argocd.sso };
}

export interface ArgoCdAddonProps {
  readonly env: EnvironmentConfig;
  /**
   * The AWS Load Balancer Controller add-on, which reconciles the argocd-server Ingress. ArgoCD
   * reports an Ingress without a load balancer address as Progressing, so the `argocd` Application
   * must sync in a later wave than the controller, or the root Application would wait on it forever.
   */
  readonly loadBalancerController: Addon;
}

/**
 * ArgoCD managing itself: the argo-cd chart with the same typed values the bootstrap `helm install`
 * uses (`argoCdValues(argoCdValuesPropsOf(env))`), so the first reconcile is a no-op. The `argocd` namespace is created
 * by the bootstrap; the baseline adds its NetworkPolicies. Server-side apply: the Application and
 * ApplicationSet CRDs exceed the 256 KiB client-side last-applied annotation limit. No cascade
 * delete: deleting this Application must never uninstall ArgoCD.
 *
 * The UI/API Ingress (`argocd.<dns.domain>`) is part of these values, so the `argocd` Application
 * depends on the AWS Load Balancer Controller: ArgoCD health-checks an Ingress as Progressing until
 * it has a load balancer address, and an `argocd` Application in an earlier wave than the controller
 * would stall the root Application's waves. This is not a cycle: the bootstrap `helm install`
 * already runs ArgoCD, and the `argocd` Application only takes over that release (a no-op sync)
 * once the controller is healthy. Until the ALB exists the UI is reached with `kubectl port-forward`.
 */
export class ArgoCdAddon extends Addon<ArgoCdValues> {
  // grow with scrapeMetrics (the collector is composed later); read when the baseline and the Applications render
  private readonly ingress: NetworkRule[];
  private readonly dependencies: Addon[];
  private scraped = false;

  constructor(scope: Construct, id: string, props: ArgoCdAddonProps) {
    const ingress: NetworkRule[] = [
      // target-type ip: the ALB ENIs (public subnets) connect to the argocd-server pod IPs
      { description: 'ArgoCD UI/API from the ALB (ip targets)', peer: 'vpc', ports: [{ port: ARGOCD_SERVER_PORT }], pods: { name: 'server', labels: { 'app.kubernetes.io/name': 'argocd-server' } } },
    ];
    const dependencies: Addon[] = [props.loadBalancerController];
    super(scope, id, {
      env: props.env,
      declaration: ARGOCD,
      namespace: {
        name: ARGOCD_NAMESPACE,
        managedBy: 'external',
        ingress,
        egress: [
          EGRESS_KUBE_API,
          { description: 'Git and Helm/OCI chart repositories over HTTPS', peer: 'anywhere', ports: [{ port: 443 }] },
          { description: 'Git repositories over SSH', peer: 'anywhere', ports: [{ port: 22 }] },
        ],
      },
      chart: { values: argoCdValues(argoCdValuesPropsOf(props.env)), serverSideApply: true },
      cascadeDelete: false,
      dependsOn: dependencies,
    });
    this.ingress = ingress;
    this.dependencies = dependencies;
  }

  /**
   * Admits the collector to the metrics port of each component whose ServiceMonitor the values enable
   * (`ARGOCD_METRICS_PORTS`: `argocd_app_*` of the application controller, `grpc_server_handled_total` of
   * argocd-server), and syncs after the monitor CRDs, so the chart renders its ServiceMonitors on the first sync.
   * @throws Error when called twice
   */
  public scrapeMetrics(scraper: MetricsScraper): void {
    if (this.scraped) throw new Error(`${this.env.name}: argocd: the metrics scrape is already enabled`);
    this.scraped = true;
    this.dependencies.push(scraper.monitoringCrds);
    for (const key of Object.keys(ARGOCD_METRICS_PORTS) as (keyof typeof ARGOCD_METRICS_PORTS)[]) {
      const name = ARGOCD_COMPONENT_NAMES[key];
      this.ingress.push(scrapeIngress(scraper, `${name} (ServiceMonitor)`, [ARGOCD_METRICS_PORTS[key]], { name: name.replace(/^argocd-/, ''), labels: { 'app.kubernetes.io/name': name } }));
    }
  }
}
