// Types only: the entities are checked with @backstage/catalog-model by `nx validate` (rules CAT-001/CAT-002), so a
// synth does not load the catalog model and its ajv/lodash (docs/performance.md).
import type { ComponentEntity, GroupEntity, ResourceEntity, SystemEntity } from '@backstage/catalog-model';
import { GATEWAY_CALLER } from '@platform/config';
import type { ServiceDeclaration } from './service-declaration';

/** Folder of `dist/<env>/` holding the Backstage entities: outside `kubernetes/`, so no Application ever syncs it. */
export const CATALOG_DIR = 'catalog';

/** Backstage lifecycle of a platform-deployed service. @see https://backstage.io/docs/features/software-catalog/descriptor-format#speclifecycle-required */
export const CATALOG_LIFECYCLE = 'production';

/** Annotations the Backstage Kubernetes plugin finds a component's workloads by. @see https://backstage.io/docs/features/kubernetes/configuration#surfacing-your-kubernetes-components-as-part-of-an-entity */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION = 'backstage.io/kubernetes-label-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** Catalog namespace of the entities (one catalog per environment). */
const NS = 'default';

export interface CatalogEntityProps {
  readonly environment: string;
  readonly tenant: string;
  readonly service: ServiceDeclaration;
  /** Every service of the tenant: the ones this service lists as callers depend on it. */
  readonly siblings: readonly ServiceDeclaration[];
}

/**
 * A full entity reference `<kind>:<namespace>/<name>`, kind in lower case: the form `stringifyEntityRef` of
 * `@backstage/catalog-model` writes and `parseEntityRef` reads (checked by `nx validate`, CAT-002).
 * @see https://backstage.io/docs/features/software-catalog/references
 */
export function entityRef(kind: 'component' | 'group' | 'resource' | 'system', name: string): string {
  return `${kind}:${NS}/${name}`;
}

/**
 * The Backstage `Component` of a service (type `service`): owner = the tenant's Group, system = the
 * tenant's System, `dependsOn` the services it calls (those that list it in their `callers`) and its
 * data resources, the Kubernetes plugin annotations. Checked by `nx validate` with `@backstage/catalog-model`.
 */
export function catalogEntity(props: CatalogEntityProps): ComponentEntity {
  const s = props.service;
  // a service this one calls is one whose callers list it
  const calls = props.siblings.filter((o) => o.callers.includes(s.name)).map((o) => entityRef('component', o.name));
  const resources = dataResourcesOf([s]).map((r) => entityRef('resource', r.name));
  const dependsOn = [...new Set([...calls, ...resources])].sort();
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: s.name,
      namespace: NS,
      description: s.description,
      tags: [s.profile, s.rollout, ...(s.callers.includes(GATEWAY_CALLER) ? ['public'] : [])],
      annotations: {
        [KUBERNETES_LABEL_SELECTOR_ANNOTATION]: `app.kubernetes.io/name=${s.name}`,
        [KUBERNETES_NAMESPACE_ANNOTATION]: props.tenant,
        'platform.io/environment': props.environment,
      },
    },
    spec: {
      type: 'service',
      lifecycle: CATALOG_LIFECYCLE,
      owner: entityRef('group', props.tenant),
      system: entityRef('system', props.tenant),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    },
  } satisfies ComponentEntity;
}

/** Backstage `spec.type` of a data-layer resource a service depends on. @see https://backstage.io/docs/features/software-catalog/descriptor-format#kind-resource */
export const CATALOG_RESOURCE_TYPES = { postgres: 'database', redis: 'cache', kafka: 'kafka-cluster' } as const;

const RESOURCE_DESCRIPTIONS: Readonly<Record<keyof typeof CATALOG_RESOURCE_TYPES, string>> = {
  postgres: 'PostgreSQL cluster (CloudNativePG, data layer)',
  redis: 'Redis cache (Redis operator, data layer)',
  kafka: 'Kafka cluster (Strimzi, data layer)',
};

interface DataResource {
  readonly name: string;
  readonly engine: keyof typeof CATALOG_RESOURCE_TYPES;
}

/** The data-layer resources the services use (Postgres clusters, Redis caches, Kafka clusters), once each, sorted by name. */
function dataResourcesOf(services: readonly ServiceDeclaration[]): DataResource[] {
  const all = services.flatMap((s): DataResource[] => [
    ...(s.database ? [{ name: s.database.cluster, engine: 'postgres' as const }] : []),
    ...(s.cache ? [{ name: s.cache.instance, engine: 'redis' as const }] : []),
    ...s.topics.map((t) => ({ name: t.cluster, engine: 'kafka' as const })),
  ]);
  const unique = new Map(all.map((r) => [`${r.engine}/${r.name}`, r]));
  return [...unique.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.engine < b.engine ? -1 : a.engine > b.engine ? 1 : 0));
}

/**
 * The tenant's `Group` (owner of its services; `owner` is the team's contact), its `System` (its services),
 * and a `Resource` per data-layer resource its services depend on, so every `dependsOn` of a Component
 * names an entity of the catalog.
 */
export function tenantCatalogEntities(environment: string, tenant: string, owner: string, services: readonly ServiceDeclaration[]): [GroupEntity, SystemEntity, ...ResourceEntity[]] {
  const group = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: tenant, namespace: NS, description: `Team owning tenant ${tenant}` },
    spec: { type: 'team', profile: { email: owner }, children: [] },
  } satisfies GroupEntity;
  const system = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: tenant, namespace: NS, description: `Services of tenant ${tenant} (golden path)`, annotations: { 'platform.io/environment': environment } },
    spec: { owner: entityRef('group', tenant) },
  } satisfies SystemEntity;
  const resources = dataResourcesOf(services).map(
    (r) =>
      ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: r.name,
          namespace: NS,
          description: RESOURCE_DESCRIPTIONS[r.engine],
          annotations: { 'platform.io/environment': environment },
        },
        spec: { type: CATALOG_RESOURCE_TYPES[r.engine], owner: entityRef('group', tenant), system: entityRef('system', tenant) },
      }) satisfies ResourceEntity,
  );
  return [group, system, ...resources];
}
