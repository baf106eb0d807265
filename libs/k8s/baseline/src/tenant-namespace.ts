import { KubeLimitRange, KubeResourceQuota, Quantity } from '@platform/k8s-imports/k8s';
import { ROUTE_HOSTNAMES_SEPARATOR, TENANT_CONTAINER_MAX_MEMORY_MIB, TENANT_NAMESPACE_LABEL, TENANT_ROUTE_HOSTNAMES_ANNOTATION } from '@platform/config';
import { Construct } from 'constructs';
import { PlatformNamespace } from './platform-namespace';

/** ResourceQuota of a tenant namespace (`tenants[].quota`). */
export interface TenantQuota {
  /** Sum of CPU requests, in cores. */
  readonly requestsCpu: number;
  /** Sum of memory requests, GiB. */
  readonly requestsMemoryGiB: number;
  /** Sum of memory limits, GiB. */
  readonly limitsMemoryGiB: number;
  /** Number of pods. */
  readonly pods: number;
  /** Number of PersistentVolumeClaims. */
  readonly persistentVolumeClaims: number;
  /** Sum of PVC storage requests, GiB. */
  readonly requestsStorageGiB: number;
}

/**
 * Container defaults applied by the LimitRange when a tenant pod omits them, so every container
 * counts against the quota. Sized for a small web service.
 */
export const TENANT_CONTAINER_DEFAULTS = {
  defaultRequest: { cpu: '100m', memory: '128Mi' },
  default: { memory: '512Mi' },
  // the golden path's services are held to it by the schema (resources.memoryMiB)
  max: { memory: `${TENANT_CONTAINER_MAX_MEMORY_MIB / 1024}Gi` },
} as const;

/**
 * Service types a tenant may not create (ResourceQuota object counts): its traffic enters through the platform's
 * ingress gateway only. A `LoadBalancer` Service without `loadBalancerClass` makes the EKS in-tree controller build
 * an internet-facing load balancer open to 0.0.0.0/0, outside the gateway's CIDR controls; a `NodePort` opens a
 * port on every node.
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/#object-count-quota
 */
export const TENANT_SERVICE_TYPE_QUOTA = { 'services.loadbalancers': '0', 'services.nodeports': '0' } as const;

export interface TenantNamespaceProps {
  /** Environment name (`name`), the prefix of error messages. */
  readonly environment: string;
  /** Kubernetes minor of the cluster (`cluster.version`): the Pod Security label version. */
  readonly kubernetesVersion: string;
  /** The tenant's namespace (`tenants[].namespace`). */
  readonly namespace: string;
  /** Team contact (`tenants[].owner`), the `platform.io/owner` annotation. */
  readonly owner: string;
  /** `tenants[].quota`. */
  readonly quota: TenantQuota;
  /** Mesh membership labels of the namespace (`meshNamespaceLabels(env, namespace)`). @default {} (not meshed) */
  readonly meshLabels?: Readonly<Record<string, string>>;
  /**
   * Hostnames the tenant's routes may claim on the shared ingress Gateway (`tenantRouteHostnames(env, namespace)`),
   * rendered sorted into the annotation `platform.io/route-hostnames` that the Gateway's admission policy reads
   * (ADR 0056). Each must be a lower-case DNS name.
   * @default [] (no annotation: every route of the namespace on the Gateway is denied)
   */
  readonly routeHostnames?: readonly string[];
}

/** A lower-case DNS-1123 subdomain, as Gateway API `Hostname` accepts it without the wildcard. @see https://gateway-api.sigs.k8s.io/reference/spec/#hostname */
const ROUTE_HOSTNAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A team namespace: restricted Pod Security, the label `platform.io/tenant: <namespace>`, a ResourceQuota from
 * `quota` (CPU cores, GiB) that also forbids LoadBalancer and NodePort Services ({@link TENANT_SERVICE_TYPE_QUOTA}),
 * a LimitRange with container defaults ({@link TENANT_CONTAINER_DEFAULTS}), `meshLabels`, and the allowed route
 * hostnames as the annotation `platform.io/route-hostnames` (`routeHostnames`, comma-separated).
 * NetworkPolicies are added by the baseline.
 * @throws Error naming the environment, the namespace and the value when a route hostname is not a lower-case DNS name
 */
export class TenantNamespace extends Construct {
  constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    super(scope, id);
    const { namespace } = props;
    const q = props.quota;
    const hostnames = [...new Set(props.routeHostnames ?? [])].sort();
    for (const h of hostnames) {
      if (!ROUTE_HOSTNAME.test(h)) throw new Error(`${props.environment}: tenant namespace "${namespace}" routeHostnames: "${h}" is not a lower-case DNS name such as orders.apps.example.com (no wildcard, no ${ROUTE_HOSTNAMES_SEPARATOR})`);
    }
    new PlatformNamespace(this, 'namespace', {
      environment: props.environment,
      kubernetesVersion: props.kubernetesVersion,
      name: namespace,
      labels: { [TENANT_NAMESPACE_LABEL]: namespace, ...props.meshLabels },
      annotations: { 'platform.io/owner': props.owner, ...(hostnames.length > 0 ? { [TENANT_ROUTE_HOSTNAMES_ANNOTATION]: hostnames.join(ROUTE_HOSTNAMES_SEPARATOR) } : {}) },
    });
    new KubeResourceQuota(this, 'quota', {
      metadata: { name: 'tenant-quota', namespace },
      spec: {
        hard: {
          'requests.cpu': Quantity.fromString(String(q.requestsCpu)),
          'requests.memory': Quantity.fromString(`${q.requestsMemoryGiB}Gi`),
          'limits.memory': Quantity.fromString(`${q.limitsMemoryGiB}Gi`),
          pods: Quantity.fromNumber(q.pods),
          persistentvolumeclaims: Quantity.fromNumber(q.persistentVolumeClaims),
          'requests.storage': Quantity.fromString(`${q.requestsStorageGiB}Gi`),
          ...Object.fromEntries(Object.entries(TENANT_SERVICE_TYPE_QUOTA).map(([k, v]) => [k, Quantity.fromString(v)])),
        },
      },
    });
    new KubeLimitRange(this, 'limits', {
      metadata: { name: 'tenant-container-defaults', namespace },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { cpu: Quantity.fromString(TENANT_CONTAINER_DEFAULTS.defaultRequest.cpu), memory: Quantity.fromString(TENANT_CONTAINER_DEFAULTS.defaultRequest.memory) },
            default: { memory: Quantity.fromString(TENANT_CONTAINER_DEFAULTS.default.memory) },
            max: { memory: Quantity.fromString(TENANT_CONTAINER_DEFAULTS.max.memory) },
          },
        ],
      },
    });
  }
}
