import { type EnvironmentConfig, isAddonEnabled, isMeshedNamespace, type SynthesizedFile, tenantServicePodIdentityId } from '@platform/config';
import { OutputChart, type ServiceEndpoint } from '@platform/k8s-core';
import { gitOpsTarget, PathApplication, PlatformProject, PROJECTS_SYNC_WAVE } from '@platform/k8s-gitops';
import { HBONE_PORT } from '@platform/k8s-mesh';
import { EXTERNAL_SECRETS_NAMESPACE, EXTERNAL_SECRETS_SERVICE_ACCOUNT } from '@platform/k8s-security';
import type { Construct } from 'constructs';
import { stringify } from 'yaml';
import { CATALOG_DIR, catalogEntity, tenantCatalogEntities } from './catalog-entity';
import { DataCredentialAccess } from './data-credential-access';
import { DataSecretRequests, type SharedDataSecret } from './data-secret-requests';
import { type ImageReferences, imageSearchDirs, readImageReferences } from './image-reference';
import { Microservice, type ServiceIngress, type ServicePeer } from './microservice';
import { PART_OF_LABEL } from './microservice-pod';
import type { ServiceDeclaration } from './service-declaration';
import type { ServiceDataConnections } from './service-data-environment';
import { TenantDataCredentials } from './tenant-data-credentials';

/** Folder of `dist/<env>/` a tenant's services render into: `kubernetes/tenants/<tenant>/`. */
export function tenantServicesPath(tenant: string): string {
  return `kubernetes/tenants/${tenant}`;
}

/**
 * AppProject of a tenant's golden-path Application: the GitOps repo, the tenant namespace only, no
 * cluster-scoped kinds. Not the tenant's own `tenant-<tenant>` project (security layer), which denies
 * NetworkPolicies and AuthorizationPolicies to the team: these objects are rendered by the platform
 * from the reviewed declaration, so they sync under the platform's `services-<tenant>` project.
 */
export function tenantProjectName(tenant: string): string {
  return `services-${tenant}`;
}

export interface TenantServicesProps {
  readonly env: EnvironmentConfig;
  /** Sync wave of the tenant Applications: after every platform add-on. */
  readonly syncWave: number;
  /** Image references by ECR repository. @default read from `imageSearchDirs(env.gitops.basePath)` */
  readonly images?: ImageReferences;
  /** The mesh ingress gateway (mesh layer), required by services with a route. @default none */
  readonly ingress?: ServiceIngress;
  /** OTLP/HTTP endpoint of the collector (observability layer). @default none (no Java agent) */
  readonly otlpHttpEndpoint?: ServiceEndpoint;
  /** Pods scraping `/actuator/prometheus` (observability layer). @default none */
  readonly scraper?: ServicePeer;
  /**
   * Connections of a service's database, cache and topics (data layer: `DataServices.connect` with
   * the service's claims); throws naming what the environment does not declare. @default none (no data wiring)
   */
  readonly connectData?: (tenant: string, service: ServiceDeclaration) => ServiceDataConnections | undefined;
  /**
   * External Secrets (security layer `ExternalSecretsAddon`): a tenant whose services declare `secrets`
   * is registered as a consumer, so the `openbao` store admits its namespace and OpenBao lets it read
   * `<env>/<tenant>/*`; the data Secrets its services read (database, cache, Kafka credentials) are
   * copied into its namespace (ADR 0054). Required when a service declares secrets. @default none
   * (data Secrets of other namespaces stay in `Microservice.undeliveredSecrets`)
   */
  readonly externalSecrets?: SecretConsumerRegistry;
}

/**
 * The External Secrets add-on as the golden path uses it (`ExternalSecretsAddon`, structurally):
 * registers a namespace as an OpenBao consumer, and holds the platform side of the data-credential
 * copies in one of its manifest files (synced with the operator, before every tenant).
 */
export interface SecretConsumerRegistry {
  registerConsumer(namespace: string): void;
  manifestFile(file: string): Construct;
}

/** Manifest file of the external-secrets add-on holding the data-credential stores and grants. */
export const DATA_CREDENTIALS_MANIFEST = 'data-credentials';

/**
 * File of a tenant's data-credential copies in its folder: the dot keeps it apart from every
 * `<service>.yaml` (service names are DNS labels).
 */
export const TENANT_DATA_CREDENTIALS_FILE = 'shared.data-credentials.yaml';

export interface TenantServices {
  /** Backstage entities, `catalog/<tenant>/<service>.yaml` (outside `kubernetes/`: no Application syncs them). */
  readonly catalogFiles: readonly SynthesizedFile[];
  /** The rendered services by `<tenant>/<service>`. */
  readonly services: ReadonlyMap<string, Microservice>;
}

/**
 * The golden path of every tenant with services (ADRs 0040, 0042): per service a `Microservice` in
 * `kubernetes/tenants/<tenant>/<service>.yaml`; per tenant an AppProject `tenant-<tenant>` (the GitOps
 * repo, the tenant namespace, no cluster-scoped kinds) and a `PathApplication` in
 * `kubernetes/apps/tenant-<tenant>.yaml` at `syncWave`; the Backstage entities under `catalog/`. A
 * tenant with declared secrets is registered with `externalSecrets`, and the data Secrets its services
 * read are copied into its namespace (`shared.data-credentials.yaml`, with the stores and grants in
 * that add-on's `data-credentials` manifest): call this before the add-ons' Applications are rendered.
 * @throws Error naming environment, tenant and service when an image reference is missing or invalid,
 *   or a service declares secrets without `externalSecrets`
 */
export function buildTenantServices(scope: Construct, props: TenantServicesProps): TenantServices {
  const { env } = props;
  const gitops = gitOpsTarget(env);
  const tenants = env.tenants.filter((t) => t.services.length > 0);
  const images = props.images ?? readImageReferences(imageSearchDirs(env.gitops.basePath), env.name, tenants.flatMap((t) => t.services.map((s) => s.image.repository)));
  const catalogFiles: SynthesizedFile[] = [];
  const services = new Map<string, Microservice>();
  const dataCredentials: { namespace: string; secrets: SharedDataSecret[] }[] = [];

  for (const tenant of tenants) {
    const ns = tenant.namespace;
    const meshed = isAddonEnabled(env, 'istiod') && isMeshedNamespace(env, ns);
    const withSecrets = tenant.services.find((s) => s.secrets.length > 0);
    if (withSecrets) {
      if (!props.externalSecrets) throw new Error(`${env.name}: tenant "${ns}" service "${withSecrets.name}" secrets: delivered by External Secrets from OpenBao; set addons.enabled.external-secrets (and openbao, cert-manager) to true or remove the secrets`);
      props.externalSecrets.registerConsumer(ns);
    }
    const dataSecrets = props.externalSecrets ? new DataSecretRequests(ns) : undefined;
    for (const s of tenant.services) {
      const image = images.get(s.image.repository);
      if (!image) throw new Error(`${env.name}: tenant "${ns}" service "${s.name}" image.repository: no image reference for "${s.image.repository}" (images/${env.name}/${s.image.repository}.yaml)`);
      const file = new OutputChart(scope, `tenant-${ns}-${s.name}`, { outputPath: `${tenantServicesPath(ns)}/${s.name}.yaml` });
      const ms = new Microservice(file, 'service', {
        environment: env.name,
        namespace: ns,
        service: s,
        image: image.image,
        ingress: props.ingress,
        scraper: props.scraper,
        otlpHttpEndpoint: props.otlpHttpEndpoint,
        meshHbonePort: meshed && env.mesh.dataplaneMode === 'ambient' ? HBONE_PORT : undefined,
        runbookBaseUrl: env.observability.runbookBaseUrl,
        podIdentityId: s.awsPermissions.length > 0 ? tenantServicePodIdentityId(ns, s.name) : undefined,
        dataConnections: props.connectData?.(ns, s),
        dataSecrets,
      });
      services.set(`${ns}/${s.name}`, ms);
      catalogFiles.push({ path: `${CATALOG_DIR}/${ns}/${s.name}.yaml`, content: stringify(catalogEntity({ environment: env.name, tenant: ns, service: s, siblings: tenant.services }), { lineWidth: 0 }) });
    }
    const shared = dataSecrets?.list() ?? [];
    if (shared.length > 0) {
      const file = new OutputChart(scope, `tenant-${ns}-data-credentials`, { outputPath: `${tenantServicesPath(ns)}/${TENANT_DATA_CREDENTIALS_FILE}` });
      new TenantDataCredentials(file, 'data-credentials', { namespace: ns, secrets: shared, labels: { [PART_OF_LABEL]: ns, 'app.kubernetes.io/managed-by': 'platform' } });
      dataCredentials.push({ namespace: ns, secrets: shared });
    }
    catalogFiles.push({ path: `${CATALOG_DIR}/${ns}/tenant.yaml`, content: tenantCatalogEntities(env.name, ns, tenant.owner, tenant.services).map((e) => stringify(e, { lineWidth: 0 })).join('---\n') });
    const apps = new OutputChart(scope, `apps-tenant-${ns}`, { outputPath: `kubernetes/apps/tenant-${ns}.yaml` });
    const project = new PlatformProject(apps, 'project', {
      gitops,
      name: tenantProjectName(ns),
      description: `Services of tenant ${ns} (golden path), rendered from its declarations`,
      sourceRepos: [gitops.repoUrl],
      destinationNamespaces: [ns],
    });
    project.project.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(PROJECTS_SYNC_WAVE));
    new PathApplication(apps, 'application', {
      gitops,
      name: `tenant-${ns}`,
      project: tenantProjectName(ns),
      path: tenantServicesPath(ns),
      namespace: ns,
      syncWave: props.syncWave,
      // Rollout, HTTPRoute, ServiceMonitor, PrometheusRule, AuthorizationPolicy: CRDs of platform add-ons
      customResources: true,
      labels: { 'platform.io/tenant': ns },
    });
  }
  if (props.externalSecrets && dataCredentials.length > 0) {
    new DataCredentialAccess(props.externalSecrets.manifestFile(DATA_CREDENTIALS_MANIFEST), 'data-credentials', {
      tenants: dataCredentials,
      controllerServiceAccount: { namespace: EXTERNAL_SECRETS_NAMESPACE, name: EXTERNAL_SECRETS_SERVICE_ACCOUNT },
    });
  }
  return { catalogFiles: catalogFiles.sort((a, b) => a.path.localeCompare(b.path)), services };
}
