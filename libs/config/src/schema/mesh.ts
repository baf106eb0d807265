import { z } from 'zod';
import { ipv4Cidr } from './primitives';

/**
 * Namespaces that never join the mesh, with the reason. The schema rejects them in `mesh.namespaces`.
 * @see https://istio.io/latest/docs/ambient/usage/add-workloads/
 */
export const MESH_EXCLUDED_NAMESPACES = {
  'kube-system': 'EKS system pods (CoreDNS, VPC CNI, kube-proxy) run before and underneath the mesh; capturing them would make the mesh depend on itself',
  'istio-system': 'istiod, istio-cni and ztunnel are the mesh: ztunnel cannot capture its own traffic and istiod signs the certificates mTLS needs',
  karpenter: 'node provisioning must keep working while the mesh is down (ztunnel runs on the nodes Karpenter creates)',
  argocd: 'GitOps must be able to repair a broken mesh; it reaches the API server and git directly',
  'istio-ingress': 'the ingress gateway is itself a mesh proxy (HBONE client), not a captured workload',
} as const;

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { message: 'must be a DNS-1123 label' });

/** One declared service-to-service flow (mesh layer): NetworkPolicy + AuthorizationPolicy are both generated from it. */
export const meshFlowSchema = z.strictObject({
  /** Why the flow exists; rendered as the policies' `platform.io/reason` annotation. */
  description: z.string().min(10, { message: 'must say why the flow is needed (at least 10 characters)' }),
  /** The calling workload: its namespace and ServiceAccount (the SPIFFE identity the AuthorizationPolicy admits). */
  from: z.strictObject({ namespace: dnsLabel, serviceAccount: dnsLabel }),
  /** The called workload: its namespace, optional pod labels, and TCP ports. */
  to: z.strictObject({
    namespace: dnsLabel,
    podLabels: z.record(z.string(), z.string()).optional(),
    ports: z.array(z.number().int().min(1).max(65535)).min(1, { message: 'must list at least one TCP port' }),
  }),
  /**
   * L7 restriction (HTTP methods and path prefixes). Declaring it puts a waypoint proxy in the called
   * namespace (ambient enforces L7 only there); flows without it stay L4 in ztunnel. @default none (L4 only)
   */
  http: z
    .strictObject({
      methods: z.array(z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])).min(1, { message: 'must list at least one HTTP method' }),
      /** Exact paths or prefixes ending in `*`, e.g. `/api/*`. */
      paths: z.array(z.string().regex(/^\/[A-Za-z0-9._~!$&'()+,;=:@%/-]*\*?$/, { message: 'must be a path such as /api/* (starting with /, optionally ending in *)' })).min(1, { message: 'must list at least one path' }),
    })
    .optional(),
});

/**
 * The service mesh and progressive delivery (Istio ambient, Gateway API ingress, Argo Rollouts).
 * Which components run is `addons.enabled` (`istio-base`, `istiod`, `istio-cni`, `ztunnel`,
 * `istio-ingress`, `gateway-api-crds`, `argo-rollouts`); this section sizes and shapes them.
 */
export const meshSchema = z
  .strictObject({
    /**
     * `ambient` (ztunnel node proxies, waypoints only for L7) or `sidecar` (an Envoy per pod). Namespaces
     * join with label `istio.io/dataplane-mode: ambient` or `istio-injection: enabled` respectively.
     * @see https://istio.io/latest/docs/overview/dataplane-modes/
     */
    dataplaneMode: z.enum(['ambient', 'sidecar']),
    /** Tenant namespaces (`tenants[].namespace`) that join the mesh; platform namespaces in MESH_EXCLUDED_NAMESPACES cannot. */
    namespaces: z.array(dnsLabel).superRefine((names, ctx) => {
      names.forEach((n, i) => {
        const reason = (MESH_EXCLUDED_NAMESPACES as Readonly<Record<string, string>>)[n];
        if (reason) ctx.addIssue({ code: 'custom', path: [i], message: `"${n}" must stay out of the mesh (${reason}); remove it` });
        if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `"${n}" is listed twice` });
      });
    }),
    /** Allowed service-to-service flows between meshed workloads (both L4 NetworkPolicy and L7 identity AuthorizationPolicy). */
    flows: z.array(meshFlowSchema),
    /**
     * Share of requests the mesh traces (0-100, percent). Must be 100 while Tempo and the mesh run (ADR 0034): traces
     * are sampled in one place, Alloy's `observability.alloy.traceSamplingPercent`; a second sampler here would
     * multiply the two shares.
     */
    tracingSamplingPercent: z.number().min(0, { message: 'must be between 0 and 100 (percent)' }).max(100, { message: 'must be between 0 and 100 (percent)' }),
    /** istiod replicas; 2 or more gets a PodDisruptionBudget (minAvailable 1) and zone spreading. */
    istiodReplicas: z.number().int().min(1, { message: 'must be at least 1' }).max(10, { message: 'must be at most 10' }),
    /** The ingress gateway (Gateway API `Gateway`, class `istio`) behind an NLB. */
    gateway: z.strictObject({
      /** `internet-facing` (public subnets) or `internal` (private subnets, VPC only). */
      exposure: z.enum(['internet-facing', 'internal']),
      /** Gateway pods (spread across zones; a PDB keeps one up). */
      replicas: z.number().int().min(1, { message: 'must be at least 1' }).max(20, { message: 'must be at most 20' }),
      /** Client CIDRs the NLB security group admits (IPv4). `0.0.0.0/0` only for a public service. */
      sourceCidrs: z.array(ipv4Cidr).min(1, { message: 'must list at least one CIDR' }),
    }),
    /** Argo Rollouts controller replicas (2+ runs leader election, HA). */
    rolloutsReplicas: z.number().int().min(1, { message: 'must be at least 1' }).max(5, { message: 'must be at most 5' }),
  })
  .superRefine((mesh, ctx) => {
    const seen = new Map<string, number>();
    mesh.flows.forEach((f, i) => {
      if (!mesh.namespaces.includes(f.to.namespace)) {
        ctx.addIssue({ code: 'custom', path: ['flows', i, 'to', 'namespace'], message: `"${f.to.namespace}" is not in mesh.namespaces (${mesh.namespaces.join(', ') || 'none'}); add it there or remove the flow` });
      }
      // two flows would render NetworkPolicy/AuthorizationPolicy objects of the same name
      const key = `${f.to.namespace}/${meshFlowPolicyName(f)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['flows', i], message: `admits ${f.from.namespace}/${f.from.serviceAccount} into ${f.to.namespace} like mesh.flows[${first}]; merge their ports into one flow` });
      } else seen.set(key, i);
    });
  });

export type MeshConfig = z.output<typeof meshSchema>;

/** Stable DNS-1123 name of a flow's policies: `allow-<from-namespace>-<from-sa>`, shortened to 63 characters. */
export function meshFlowPolicyName(flow: Pick<z.output<typeof meshFlowSchema>, 'from'>): string {
  return `allow-${flow.from.namespace}-${flow.from.serviceAccount}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * Cross-section rule of the mesh (environment superRefine): while the mesh runs (`addons.enabled.istiod`),
 * every `mesh.namespaces` entry is a tenant namespace (`tenants[].namespace`); the baseline labels only those.
 */
export function meshTenantIssues(env: { readonly mesh?: { readonly namespaces?: unknown }; readonly tenants?: unknown; readonly addons?: { readonly enabled?: unknown } }, ctx: z.RefinementCtx): void {
  if ((env.addons?.enabled as Record<string, unknown> | undefined)?.['istiod'] !== true) return;
  const namespaces = Array.isArray(env.mesh?.namespaces) ? (env.mesh.namespaces as unknown[]) : [];
  const tenants = (Array.isArray(env.tenants) ? (env.tenants as { namespace?: unknown }[]) : []).map((t) => String(t?.namespace));
  namespaces.forEach((ns, i) => {
    if (typeof ns === 'string' && !tenants.includes(ns)) {
      ctx.addIssue({ code: 'custom', path: ['mesh', 'namespaces', i], message: `"${ns}" is not a tenant namespace (${tenants.join(', ') || 'none'}); add it to tenants or remove it from mesh.namespaces` });
    }
  });
}

/**
 * Cross-section rule of the ingress Gateway (environment superRefine): a tenant that declares `routeHosts` needs
 * the Gateway (`addons.enabled.istio-ingress`) and its namespace in `mesh.namespaces`, the only namespaces the
 * Gateway's `https` listener admits routes from; otherwise the hosts could never be served.
 */
export function tenantRouteHostIssues(env: { readonly mesh?: { readonly namespaces?: unknown }; readonly tenants?: unknown; readonly addons?: { readonly enabled?: unknown } }, ctx: z.RefinementCtx): void {
  const enabled = (env.addons?.enabled ?? {}) as Record<string, unknown>;
  const meshed = Array.isArray(env.mesh?.namespaces) ? (env.mesh.namespaces as unknown[]) : [];
  (Array.isArray(env.tenants) ? (env.tenants as { namespace?: unknown; routeHosts?: unknown }[]) : []).forEach((t, i) => {
    if (!Array.isArray(t?.routeHosts) || t.routeHosts.length === 0) return;
    const ns = String(t.namespace);
    if (enabled['istio-ingress'] !== true) {
      ctx.addIssue({ code: 'custom', path: ['tenants', i, 'routeHosts'], message: `tenant "${ns}" routeHosts: routes attach to the ingress Gateway, which is off; set addons.enabled.istio-ingress to true or remove routeHosts` });
    } else if (!meshed.includes(ns)) {
      ctx.addIssue({ code: 'custom', path: ['tenants', i, 'routeHosts'], message: `tenant "${ns}" routeHosts: the ingress Gateway admits routes only from mesh.namespaces (${meshed.map(String).join(', ') || 'none'}); add "${ns}" to mesh.namespaces or remove routeHosts` });
    }
  });
}
