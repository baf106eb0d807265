import { type EnvironmentConfig, pullThroughImagePrefix } from '@platform/config';
import type { PodSecurityException } from '@platform/k8s-core';

/** Namespace of the Istio control plane and node agents (istiod's root namespace for mesh-wide policy). */
export const ISTIO_NAMESPACE = 'istio-system';

/** Trust domain of workload identities (SPIFFE `spiffe://<trustDomain>/ns/<ns>/sa/<sa>`). @see meshConfig.trustDomain (default cluster.local) */
export const MESH_TRUST_DOMAIN = 'cluster.local';

/**
 * Namespace label that enrolls every pod of a platform namespace in the ambient mesh (tenant namespaces get it
 * from `mesh.namespaces` through `meshNamespaceLabels`).
 * @see https://istio.io/latest/docs/ambient/usage/add-workloads/
 */
export const AMBIENT_NAMESPACE_LABELS = { 'istio.io/dataplane-mode': 'ambient' } as const;

/** HBONE: the mTLS tunnel port ztunnel and waypoints accept captured traffic on. @see https://istio.io/latest/docs/ambient/architecture/hbone/ */
export const HBONE_PORT = 15008;

/**
 * Source address of kubelet probes to ambient pods: istio-cni SNATs them to this link-local address
 * so ztunnel lets them through unencrypted; NetworkPolicies of meshed namespaces must allow it.
 * @see https://istio.io/latest/docs/ambient/usage/networkpolicy/
 */
export const KUBELET_PROBE_SNAT_CIDR = '169.254.7.127/32';

/** istiod ports: xDS and CA over mTLS, the injection/validation webhook, monitoring. */
export const ISTIOD_PORTS = { xds: 15012, webhook: 15017, monitoring: 15014 } as const;

/**
 * The istio-system namespace runs the CNI and ztunnel DaemonSets, which need NET_ADMIN/SYS_ADMIN and
 * host paths; every add-on sharing it declares the same exception.
 */
export const ISTIO_NAMESPACE_POD_SECURITY: PodSecurityException = {
  level: 'privileged',
  reason: 'istio-cni installs the CNI plugin on the host and ztunnel enters pod network namespaces (NET_ADMIN, SYS_ADMIN, hostPath)',
};

/**
 * Tag of every Istio image: the release the charts are pinned to (the charts default to `latest`
 * from a testing registry, which the image policies reject).
 */
export const ISTIO_IMAGE_TAG = '1.30.3';

/**
 * `hub` of every Istio image: the environment's ECR pull-through cache of Docker Hub (the Istio
 * images are published as `docker.io/istio/<image>`), never Docker Hub itself.
 */
export function istioHub(env: EnvironmentConfig): string {
  return `${pullThroughImagePrefix(env, 'docker-hub')}/istio`;
}

/** SPIFFE principal of a ServiceAccount as AuthorizationPolicy `from.source.principals` expects it (no `spiffe://`). */
export function serviceAccountPrincipal(namespace: string, serviceAccount: string): string {
  return `${MESH_TRUST_DOMAIN}/ns/${namespace}/sa/${serviceAccount}`;
}
