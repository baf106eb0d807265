import { defineAddon } from './addon-declaration';

// Istio's charts (base, istiod, cni, ztunnel) are one release: Renovate groups them (renovate.json).
/** Istio images map to `<hub>/<image>:<tag>`; `global.hub` is set to the ECR pull-through prefix (Docker Hub is banned). */
const ISTIO_GLOBAL_HUB = { path: 'global', repositoryKey: 'hub' } as const;

/**
 * Gateway API CRDs (standard channel) as their own CRD-only Application, synced before Istio and
 * Argo Rollouts. Upstream publishes them as plain manifests, not a chart: the Application syncs the
 * tagged folder of the upstream repository.
 * @see https://gateway-api.sigs.k8s.io/guides/#installing-gateway-api
 */
export const GATEWAY_API_CRDS = defineAddon({
  name: 'gateway-api-crds',
  description: 'Gateway API CRDs v1.5.1, standard channel (Gateway, HTTPRoute, GRPCRoute, ReferenceGrant)',
  layer: 'mesh',
  optional: true,
  upstreamManifests: { repoURL: 'https://github.com/kubernetes-sigs/gateway-api.git', path: 'config/crd/standard', version: 'v1.5.1' },
});

/** Istio base: the Istio CRDs and the validating webhook configuration. */
export const ISTIO_BASE = defineAddon({
  name: 'istio-base',
  description: 'Istio CRDs and validation webhook configuration',
  layer: 'mesh',
  optional: true,
  chart: { key: 'istio-base', repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', version: '1.30.3', images: [] },
});

/** istiod: the Istio control plane (xDS, CA for workload certificates, Gateway API controller). */
export const ISTIOD = defineAddon({
  name: 'istiod',
  description: 'Istio control plane: xDS, workload certificates (SPIFFE), Gateway API controller',
  layer: 'mesh',
  optional: true,
  requires: ['istio-base', 'gateway-api-crds'],
  chart: { key: 'istiod', repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'istiod', version: '1.30.3', images: [ISTIO_GLOBAL_HUB] },
});

/** istio-cni: node agent that redirects pod traffic to ztunnel (ambient) without privileged init containers. */
export const ISTIO_CNI = defineAddon({
  name: 'istio-cni',
  description: 'Istio CNI node agent: traffic redirection into the mesh',
  layer: 'mesh',
  optional: true,
  requires: ['istiod'],
  chart: { key: 'istio-cni', repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'cni', version: '1.30.3', images: [ISTIO_GLOBAL_HUB] },
});

/** ztunnel: the ambient node proxy (L4 mTLS over HBONE, identity-based L4 authorization). */
export const ZTUNNEL = defineAddon({
  name: 'ztunnel',
  description: 'Ambient node proxy: mTLS (HBONE) and L4 authorization for meshed pods',
  layer: 'mesh',
  optional: true,
  requires: ['istio-cni'],
  // the ztunnel chart keeps `hub`/`image`/`tag` at the top level of its values
  chart: { key: 'ztunnel', repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'ztunnel', version: '1.30.3', images: [{ path: '', repositoryKey: 'hub' }] },
});

/**
 * The mesh-wide policies and the ingress Gateway (manifests only; istiod deploys the gateway pods). Its
 * HTTPS listener serves a certificate cert-manager issues from the `letsencrypt` ClusterIssuer, hence
 * `cert-manager` (no self-signed stand-in).
 */
export const ISTIO_INGRESS = defineAddon({
  name: 'istio-ingress',
  description: 'Mesh-wide STRICT mTLS, default-deny and flow AuthorizationPolicies, the ingress Gateway behind an NLB (HTTPS from cert-manager), tracing',
  layer: 'mesh',
  optional: true,
  requires: ['istiod', 'cert-manager'],
});

/** Argo Rollouts: progressive delivery (canary through Gateway API HTTPRoute weights, analysis). */
export const ARGO_ROLLOUTS = defineAddon({
  name: 'argo-rollouts',
  description: 'Progressive delivery: canary Rollouts with Gateway API traffic routing and metric analysis',
  layer: 'delivery',
  optional: true,
  requires: ['gateway-api-crds'],
  chart: { key: 'argo-rollouts', repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-rollouts', version: '2.41.0', images: [{ path: 'controller.image' }, { path: 'dashboard.image', when: ['dashboard.enabled'] }] },
});
