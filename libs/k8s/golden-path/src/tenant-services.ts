import { type EnvironmentConfig, GATEWAY_CALLER, isAddonEnabled, isMeshedNamespace, type SynthesizedFile, tenantServicePodIdentityId } from '@platform/config';
import { OutputChart, type ServiceEndpoint } from '@platform/k8s-core';
import { PathApplication, PlatformProject, PROJECTS_SYNC_WAVE } from '@platform/k8s-gitops';
import { AuthorizationPolicy, HBONE_PORT, INGRESS_GATEWAY_NAMESPACE, INGRESS_GATEWAY_POD_LABELS, INGRESS_GATEWAY_SERVICE_ACCOUNT, serviceAccountPrincipal } from '@platform/k8s-mesh';
import type { Construct } from 'constructs';
import { stringify } from 'yaml';
import { CATALOG_DIR, catalogEntity } from './catalog-entity';
import { defaultImagesDir, type ImageReferences, readImageReferences } from './image-reference';
import { Microservice, type ServicePeer } from './microservice';

/** Folder of `dist/<env>/` a tenant's services render into: `kubernetes/tenants/<tenant>/`. */
export function tenantServicesPath(tenant: string): string {
  return `kubernetes/tenants/${tenant}`;
}

/** AppProject of a tenant's Application: the GitOps repo, the tenant namespace only, no cluster-scoped kinds. */
export function tenantProjectName(tenant: string): string {
  return `tenant-${tenant}`;
}

export interface TenantServicesProps {
  readonly env: EnvironmentConfig;
  /** Sync wave of the tenant Applications: after every platform add-on. */
  readonly syncWave: number;
  /** Image references by service; @default read from `defaultImagesDir()` */
  readonly images?: ImageReferences;
  /** OTLP/HTTP endpoint of the collector (observability layer). @default none (no Java agent) */
  readonly otlpHttpEndpoint?: ServiceEndpoint;
  /** Pods scraping `/actuator/prometheus` (observability layer). @default none */
  readonly scraper?: ServicePeer;
}

export interface TenantServices {
  /** Backstage entities, `catalog/<tenant>/<service>.yaml` (outside `kubernetes/`). */
  readonly catalogFiles: readonly SynthesizedFile[];
}

/**
 * The golden path of every tenant with services (DESIGN D15): per service a `Microservice` in
 * `kubernetes/tenants/<tenant>/<service>.yaml` (plus its mesh AuthorizationPolicy when the namespace
 * is meshed), per tenant an AppProject `tenant-<tenant>` and a `PathApplication` in
 * `kubernetes/apps/tenant-<tenant>.yaml` at `syncWave`, and the Backstage entities.
 * @throws Error naming environment, tenant and service when an image reference is missing or invalid
 */
export function buildTenantServices(scope: Construct, props: TenantServicesProps): TenantServices {
  const { env } = props;
  const tenants = env.tenants.filter((t) => t.services.length > 0);
  const images = props.images ?? readImageReferences(defaultImagesDir(), env.name, tenants.flatMap((t) => t.services.map((s) => s.image.repository)));
  const gatewayOn = isAddonEnabled(env, 'istio-ingress') && isAddonEnabled(env, 'istiod');
  const gateway: ServicePeer | undefined = gatewayOn ? { namespace: INGRESS_GATEWAY_NAMESPACE, podLabels: INGRESS_GATEWAY_POD_LABELS } : undefined;
  const catalogFiles: SynthesizedFile[] = [];

  for (const tenant of tenants) {
    const ns = tenant.namespace;
    const meshed = isAddonEnabled(env, 'istiod') && isMeshedNamespace(env, ns);
    for (const s of tenant.services) {
      const image = images.get(s.image.repository);
      if (!image) throw new Error(`${env.name}: tenant "${ns}" service "${s.name}": image.repository: no image reference for "${s.image.repository}" (images/${env.name}/${s.image.repository}.yaml)`);
      const file = new OutputChart(scope, `tenant-${ns}-${s.name}`, { outputPath: `${tenantServicesPath(ns)}/${s.name}.yaml` });
      const awsIdentity = s.awsPermissions.length > 0 ? tenantServicePodIdentityId(ns, s.name) : undefined;
      const ms = new Microservice(file, 'service', {
        environment: env.name,
        namespace: ns,
        service: s,
        image: image.image,
        gateway,
        scraper: props.scraper,
        otlpHttpEndpoint: props.otlpHttpEndpoint,
        meshHbonePort: meshed && env.mesh.dataplaneMode === 'ambient' ? HBONE_PORT : undefined,
        podIdentityId: awsIdentity,
      });
      if (meshed) {
        const principals = [...s.callers]
          .sort()
          .map((c) => (c === GATEWAY_CALLER ? serviceAccountPrincipal(INGRESS_GATEWAY_NAMESPACE, INGRESS_GATEWAY_SERVICE_ACCOUNT) : serviceAccountPrincipal(ns, c)));
        if (principals.length > 0) {
          new AuthorizationPolicy(file, 'authorization-policy', {
            name: `${s.name}-callers`,
            namespace: ns,
            reason: `callers of ${s.name}: ${[...s.callers].sort().join(', ')}`,
            spec: { selector: { matchLabels: { 'app.kubernetes.io/name': s.name } }, action: 'ALLOW', rules: [{ from: [{ source: { principals } }], to: [{ operation: { ports: s.ports.map((p) => String(p.port)) } }] }] },
          });
        }
      }
      void ms;
      catalogFiles.push({ path: `${CATALOG_DIR}/${ns}/${s.name}.yaml`, content: stringify(catalogEntity({ environment: env.name, tenant: ns, service: s, siblings: tenant.services }), { lineWidth: 0 }) });
    }
    const apps = new OutputChart(scope, `apps-tenant-${ns}`, { outputPath: `kubernetes/apps/tenant-${ns}.yaml` });
    const project = new PlatformProject(apps, 'project', {
      env,
      name: tenantProjectName(ns),
      description: `Services of tenant ${ns} (golden path), rendered from its declarations`,
      sourceRepos: [env.gitops.repoUrl],
      destinationNamespaces: [ns],
    });
    project.project.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(PROJECTS_SYNC_WAVE));
    new PathApplication(apps, 'application', {
      env,
      name: `tenant-${ns}`,
      project: tenantProjectName(ns),
      path: tenantServicesPath(ns),
      namespace: ns,
      syncWave: props.syncWave,
      customResources: meshed,
      labels: { 'platform.io/tenant': ns },
    });
  }
  return { catalogFiles: catalogFiles.sort((a, b) => a.path.localeCompare(b.path)) };
}
