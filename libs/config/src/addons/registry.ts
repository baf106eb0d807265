import type { AddonDeclaration, ChartCoordinates, ChartImage } from './addon-declaration';
import { ARGOCD } from './argocd';
import { BASELINE } from './baseline';
import { CLOUDNATIVE_PG, KAFKA_CLUSTERS, PLUGIN_BARMAN_CLOUD, POSTGRES_CLUSTERS, REDIS_CACHES, REDIS_OPERATOR, STRIMZI_KAFKA_OPERATOR, TRACES_KAFKA } from './data';
import { VELERO } from './dr';
import { AWS_LOAD_BALANCER_CONTROLLER, EXTERNAL_DNS } from './ingress';
import { KARPENTER, KARPENTER_CRD } from './karpenter';
import { ARGO_ROLLOUTS, GATEWAY_API_CRDS, ISTIO_BASE, ISTIO_CNI, ISTIO_INGRESS, ISTIOD, ZTUNNEL } from './mesh';
import { ALLOY, ALLOY_LOGS, ALLOY_SINGLETON, KUBE_PROMETHEUS_STACK, GRAFANA, LOKI, MIMIR, TEMPO } from './observability';
import { CERT_MANAGER, EXTERNAL_SECRETS, OPENBAO } from './security';
import { FALCO, FALCOSIDEKICK, GATEKEEPER, GATEKEEPER_CONSTRAINTS, TENANT_ACCESS } from './security-policy';
import { TEKTON_BUILDS, TEKTON_OPERATOR } from './tekton';

/**
 * Every add-on the platform knows, in docs order. The one list the registries below are derived
 * from: adding an add-on is its declaration file plus one entry here (ADR 0014).
 */
export const ADDONS = [
  // container platform
  BASELINE,
  KARPENTER_CRD,
  KARPENTER,
  AWS_LOAD_BALANCER_CONTROLLER,
  EXTERNAL_DNS,
  // gitops and CI
  ARGOCD,
  TEKTON_OPERATOR,
  TEKTON_BUILDS,
  // security
  CERT_MANAGER,
  OPENBAO,
  EXTERNAL_SECRETS,
  GATEKEEPER,
  GATEKEEPER_CONSTRAINTS,
  FALCOSIDEKICK,
  FALCO,
  TENANT_ACCESS,
  // mesh and progressive delivery
  GATEWAY_API_CRDS,
  ISTIO_BASE,
  ISTIOD,
  ISTIO_CNI,
  ZTUNNEL,
  ISTIO_INGRESS,
  ARGO_ROLLOUTS,
  // data services
  CLOUDNATIVE_PG,
  PLUGIN_BARMAN_CLOUD,
  POSTGRES_CLUSTERS,
  REDIS_OPERATOR,
  REDIS_CACHES,
  STRIMZI_KAFKA_OPERATOR,
  KAFKA_CLUSTERS,
  TRACES_KAFKA,
  // observability
  KUBE_PROMETHEUS_STACK,
  MIMIR,
  LOKI,
  TEMPO,
  ALLOY,
  ALLOY_LOGS,
  ALLOY_SINGLETON,
  GRAFANA,
  // backup and DR
  VELERO,
  // golden path
] as const;

type Declared = (typeof ADDONS)[number];
export type AddonName = Declared['name'];
/** Add-ons an environment switches with `addons.enabled.<name>`. */
export type OptionalAddonName = Extract<Declared, { readonly optional: true }>['name'];
type WithChart = Extract<Declared, { readonly chart: object }>;
/** Stable chart identifiers, the keys of `addons.chartVersions`. */
export type ChartKey = WithChart['chart']['key'];

/** Names of the optional add-ons, in registry order (the keys of `addons.enabled`). */
export const OPTIONAL_ADDON_NAMES = ADDONS.filter((a) => a.optional).map((a) => a.name) as OptionalAddonName[];

/** The declaration of add-on `name`. @throws Error for a name no declaration has */
export function addonDeclaration(name: string): AddonDeclaration {
  const found = (ADDONS as readonly AddonDeclaration[]).find((a) => a.name === name);
  if (!found) throw new Error(`unknown add-on "${name}"; known: ${ADDONS.map((a) => a.name).join(', ')}`);
  return found;
}

/** The chart catalog of a list of add-on declarations, keyed by chart key. */
export function chartCatalogOf(addons: readonly AddonDeclaration[]): Readonly<Record<string, ChartCoordinates>> {
  return Object.fromEntries(addons.flatMap((a) => (a.chart ? [[a.chart.key, { repoURL: a.chart.repoURL, chart: a.chart.chart, version: a.chart.version }]] : [])));
}

/** The image maps of a list of add-on declarations, keyed by chart name (the Application's `source.chart`). */
export function chartImagesOf(addons: readonly AddonDeclaration[]): Readonly<Record<string, readonly ChartImage[]>> {
  return Object.fromEntries(addons.flatMap((a) => (a.chart ? [[a.chart.chart, a.chart.images]] : [])));
}

/**
 * The version catalog: every upstream chart the platform deploys, pinned exactly, keyed by chart key.
 * Derived from the add-on declarations.
 */
export const CHART_CATALOG = chartCatalogOf(ADDONS) as Readonly<Record<ChartKey, ChartCoordinates>>;

/** Chart keys in registry order. */
export const CHART_KEYS = Object.keys(CHART_CATALOG) as ChartKey[];

/**
 * The image maps each chart renders, keyed by chart name (the Application's `source.chart`), for the
 * image policies of `nx validate`. Derived from the add-on declarations.
 */
export const CHART_IMAGES: Readonly<Record<string, readonly ChartImage[]>> = chartImagesOf(ADDONS);
