import { type EnvironmentConfig, meshNamespaceLabels } from '@platform/config';
import { KubeLimitRange, KubeResourceQuota, Quantity } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';
import { PlatformNamespace } from './platform-namespace';

/** Element of `env.tenants`. */
export type TenantConfig = EnvironmentConfig['tenants'][number];

/**
 * Container defaults applied by the LimitRange when a tenant pod omits them, so every container
 * counts against the quota. Sized for a small web service.
 */
export const TENANT_CONTAINER_DEFAULTS = {
  defaultRequest: { cpu: '100m', memory: '128Mi' },
  default: { memory: '512Mi' },
  max: { memory: '8Gi' },
} as const;

export interface TenantNamespaceProps {
  readonly env: EnvironmentConfig;
  readonly tenant: TenantConfig;
}

/**
 * A team namespace: restricted Pod Security, a ResourceQuota from `tenants[].quota` (CPU cores,
 * GiB), a LimitRange with container defaults, and the mesh label when `mesh.namespaces` lists it
 * (`meshNamespaceLabels`). NetworkPolicies are added by the baseline.
 */
export class TenantNamespace extends Construct {
  constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    super(scope, id);
    const { env, tenant } = props;
    const q = tenant.quota;
    new PlatformNamespace(this, 'namespace', {
      env,
      name: tenant.namespace,
      labels: { 'platform.io/tenant': tenant.namespace, ...meshNamespaceLabels(env, tenant.namespace) },
      annotations: { 'platform.io/owner': tenant.owner },
    });
    new KubeResourceQuota(this, 'quota', {
      metadata: { name: 'tenant-quota', namespace: tenant.namespace },
      spec: {
        hard: {
          'requests.cpu': Quantity.fromString(String(q.requestsCpu)),
          'requests.memory': Quantity.fromString(`${q.requestsMemoryGiB}Gi`),
          'limits.memory': Quantity.fromString(`${q.limitsMemoryGiB}Gi`),
          pods: Quantity.fromNumber(q.pods),
          persistentvolumeclaims: Quantity.fromNumber(q.persistentVolumeClaims),
          'requests.storage': Quantity.fromString(`${q.requestsStorageGiB}Gi`),
        },
      },
    });
    new KubeLimitRange(this, 'limits', {
      metadata: { name: 'tenant-container-defaults', namespace: tenant.namespace },
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
