import type { EnvironmentInput } from '../environment-schema';
import type { ServiceDeclarationInput } from '../schema/golden-path';
import { MESH_ADDONS_ENABLED, SECURITY_ADDONS_ENABLED } from './fixture-environment';

/** Tenant of the golden-path tests. */
export const GOLDEN_PATH_TENANT = 'shop';

/** A public canary service with an SLO (the tenant's entry point). */
export const FIXTURE_STOREFRONT: ServiceDeclarationInput = {
  name: 'storefront',
  description: 'Public storefront API of the test shop.',
  profile: 'spring-boot',
  image: { repository: 'storefront' },
  ports: [{ name: 'http', port: 8080, protocol: 'http' }],
  resources: { cpuMillicores: 500, memoryMiB: 1024 },
  replicas: { min: 2, max: 6 },
  autoscaling: { targetCpuPercent: 70 },
  rollout: 'canary',
  callers: ['gateway'],
  route: { host: 'shop', pathPrefixes: ['/'], port: 'http' },
  slo: { availabilityPercent: 99.9, latency: { thresholdMs: 300, percent: 99 } },
};

/** An internal service called by the storefront (its data references are tested against explicit data declarations). */
export const FIXTURE_ORDERS: ServiceDeclarationInput = {
  name: 'orders-api',
  description: 'Orders of the test shop, behind the storefront.',
  profile: 'spring-boot',
  image: { repository: 'orders-api' },
  ports: [{ name: 'http', port: 8080, protocol: 'http' }],
  resources: { cpuMillicores: 250, memoryMiB: 768 },
  jvm: { maxRamPercent: 60, nonHeapMiB: 256 },
  replicas: { min: 1, max: 3 },
  autoscaling: { targetCpuPercent: 75 },
  rollout: 'rolling',
  callers: ['storefront'],
  secrets: [{ name: 'payment-provider', keys: [{ key: 'apiKey', env: 'PAYMENT_API_KEY' }] }],
};

/**
 * The fixture patch that adds tenant `shop` with both services, their ECR repositories, the shop
 * namespace in the mesh with the gateway flow to the storefront, and the mesh and security
 * (cert-manager, OpenBao, External Secrets) add-ons on.
 */
export function goldenPathPatch(services: readonly unknown[] = [FIXTURE_STOREFRONT, FIXTURE_ORDERS]): Record<string, unknown> {
  return {
    // External Secrets delivers the orders service's declared secret
    addons: { enabled: { ...MESH_ADDONS_ENABLED, ...SECURITY_ADDONS_ENABLED } },
    ecr: { repositories: ['orders', 'storefront', 'orders-api'] },
    tenants: [
      { namespace: 'team-a', owner: 'team-a@acme.example', quota: { requestsCpu: 4, requestsMemoryGiB: 8, limitsMemoryGiB: 16, pods: 50, persistentVolumeClaims: 5, requestsStorageGiB: 50 } },
      { namespace: GOLDEN_PATH_TENANT, owner: 'shop-team@acme.example', quota: { requestsCpu: 8, requestsMemoryGiB: 16, limitsMemoryGiB: 16, pods: 40, persistentVolumeClaims: 0, requestsStorageGiB: 0 }, services },
    ],
    mesh: {
      namespaces: ['team-a', GOLDEN_PATH_TENANT],
      flows: [
        { description: 'ingress gateway to the team-a HTTP services', from: { namespace: 'istio-ingress', serviceAccount: 'platform-gateway-istio' }, to: { namespace: 'team-a', ports: [8080] } },
        { description: 'ingress gateway to the shop storefront', from: { namespace: 'istio-ingress', serviceAccount: 'platform-gateway-istio' }, to: { namespace: GOLDEN_PATH_TENANT, podLabels: { 'app.kubernetes.io/name': 'storefront' }, ports: [8080] } },
      ],
    },
  } satisfies Partial<Record<keyof EnvironmentInput, unknown>>;
}
