import { type EnvironmentConfig, isAddonEnabled } from '@platform/config';
import type { Addon, MetricsScraper, ServiceEndpoint } from '@platform/k8s-core';
import type { CertManagerAddon } from '@platform/k8s-security';
import type { Construct } from 'constructs';
import { GatewayApiCrdsAddon } from './gateway-api-crds/gateway-api-crds-addon';
import { IstioBaseAddon } from './istio-base/istio-base-addon';
import { IstioCniAddon } from './istio-cni/istio-cni-addon';
import { IstioIngressAddon } from './istio-ingress/istio-ingress-addon';
import { IstiodAddon } from './istiod/istiod-addon';
import { ZtunnelAddon } from './ztunnel/ztunnel-addon';

export interface MeshAddonsProps {
  readonly env: EnvironmentConfig;
  /** The cluster baseline (namespaces, NetworkPolicies) every mesh add-on syncs after. */
  readonly baseline: Addon;
  /** The AWS Load Balancer Controller that provisions the gateway's NLB. */
  readonly loadBalancerController: Addon;
  /** cert-manager, issuing the ingress gateway's certificate (the schema makes `istio-ingress` require it). */
  readonly certManager?: CertManagerAddon;
  /** The observability layer's OTLP gRPC endpoint for traces. @default none (tracing not configured) */
  readonly otlpTracesEndpoint?: ServiceEndpoint;
  /** The observability layer's collector, scraping istiod and the ingress gateway through PodMonitors. @default none (not scraped) */
  readonly metricsScraper?: MetricsScraper;
}

/** The mesh add-ons the environment enables, by role (undefined when disabled). */
export interface MeshAddons {
  readonly gatewayApiCrds?: GatewayApiCrdsAddon;
  readonly istioBase?: IstioBaseAddon;
  readonly istiod?: IstiodAddon;
  readonly istioCni?: IstioCniAddon;
  readonly ztunnel?: ZtunnelAddon;
  readonly ingress?: IstioIngressAddon;
  /** Every composed add-on, in dependency order. */
  readonly all: readonly Addon[];
}

/**
 * Composes the mesh of `env` in dependency order: Gateway API CRDs -> istio-base -> istiod ->
 * istio-cni -> ztunnel -> ingress (policies, Gateway, Telemetry; also after cert-manager). Each add-on only when
 * `addons.enabled` has it (the schema enforces `requires`). Argo Rollouts (`ArgoRolloutsAddon`) is
 * composed separately, after the metrics backend whose query endpoint its canary analysis reads.
 * @throws Error naming `mesh.dataplaneMode` when ambient is chosen without ztunnel and istio-cni
 */
export function buildMeshAddons(scope: Construct, props: MeshAddonsProps): MeshAddons {
  const { env, baseline } = props;
  const on = (name: Parameters<typeof isAddonEnabled>[1]): boolean => isAddonEnabled(env, name);
  if (on('istiod') && env.mesh.dataplaneMode === 'ambient' && !(on('ztunnel') && on('istio-cni'))) {
    throw new Error(`${env.name}: mesh.dataplaneMode is "ambient" but addons.enabled.ztunnel/istio-cni are not both true; enable them or set mesh.dataplaneMode: "sidecar"`);
  }
  const gatewayApiCrds = on('gateway-api-crds') ? new GatewayApiCrdsAddon(scope, 'gateway-api-crds', { env, dependsOn: [baseline] }) : undefined;
  const istioBase = on('istio-base') ? new IstioBaseAddon(scope, 'istio-base', { env, dependsOn: [baseline] }) : undefined;
  const istiod =
    on('istiod') && istioBase && gatewayApiCrds ? new IstiodAddon(scope, 'istiod', { env, dependsOn: [istioBase, gatewayApiCrds], otlpTracesEndpoint: props.otlpTracesEndpoint, metricsScraper: props.metricsScraper }) : undefined;
  const istioCni = on('istio-cni') && istiod ? new IstioCniAddon(scope, 'istio-cni', { env, dependsOn: [istiod] }) : undefined;
  const ztunnel = on('ztunnel') && istioCni ? new ZtunnelAddon(scope, 'ztunnel', { env, dependsOn: [istioCni] }) : undefined;
  const ingress =
    on('istio-ingress') && istiod && props.certManager
      ? new IstioIngressAddon(scope, 'istio-ingress', { env, dependsOn: [istiod, props.loadBalancerController, ...(ztunnel ? [ztunnel] : [])], certManager: props.certManager, otlpTracesEndpoint: props.otlpTracesEndpoint, metricsScraper: props.metricsScraper })
      : undefined;
  const all = [gatewayApiCrds, istioBase, istiod, istioCni, ztunnel, ingress].filter((a): a is NonNullable<typeof a> => a !== undefined);
  return { gatewayApiCrds, istioBase, istiod, istioCni, ztunnel, ingress, all };
}
