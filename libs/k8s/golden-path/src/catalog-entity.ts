import { type ComponentEntity, type Entity, entitySchemaValidator, type GroupEntity, stringifyEntityRef, type SystemEntity } from '@backstage/catalog-model';
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

const validators = new Map<string, (e: unknown) => Entity>();
function validated<T extends Entity>(environment: string, what: string, entity: T): T {
  const v = validators.get(entity.kind) ?? entitySchemaValidator<Entity>();
  validators.set(entity.kind, v);
  try {
    return v(entity) as T;
  } catch (e) {
    throw new Error(`${environment}: ${what}: Backstage entity rejected: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The Backstage `Component` of a service (type `service`): owner = the tenant's Group, system = the
 * tenant's System, `dependsOn` the services it calls (those that list it in their `callers`) and its
 * data resources, the Kubernetes plugin annotations. Checked with `@backstage/catalog-model`'s entity schema.
 * @throws Error naming the environment, tenant and service when the entity is rejected
 */
export function catalogEntity(props: CatalogEntityProps): ComponentEntity {
  const s = props.service;
  // a service this one calls is one whose callers list it
  const calls = props.siblings.filter((o) => o.callers.includes(s.name)).map((o) => stringifyEntityRef({ kind: 'component', namespace: NS, name: o.name }));
  const resources = [
    ...(s.database ? [stringifyEntityRef({ kind: 'resource', namespace: NS, name: s.database.cluster })] : []),
    ...(s.cache ? [stringifyEntityRef({ kind: 'resource', namespace: NS, name: s.cache.instance })] : []),
    ...[...new Set(s.topics.map((t) => t.cluster))].map((c) => stringifyEntityRef({ kind: 'resource', namespace: NS, name: c })),
  ];
  const dependsOn = [...new Set([...calls, ...resources])].sort();
  return validated(props.environment, `tenant "${props.tenant}" service "${s.name}"`, {
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
      owner: stringifyEntityRef({ kind: 'group', namespace: NS, name: props.tenant }),
      system: stringifyEntityRef({ kind: 'system', namespace: NS, name: props.tenant }),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    },
  } satisfies ComponentEntity);
}

/** The tenant's `Group` (owner of its services; `owner` is the team's contact) and `System` (its services). */
export function tenantCatalogEntities(environment: string, tenant: string, owner: string): [GroupEntity, SystemEntity] {
  const group = validated(environment, `tenant "${tenant}" group`, {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: tenant, namespace: NS, description: `Team owning tenant ${tenant}` },
    spec: { type: 'team', profile: { email: owner }, children: [] },
  } satisfies GroupEntity);
  const system = validated(environment, `tenant "${tenant}" system`, {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: tenant, namespace: NS, description: `Services of tenant ${tenant} (golden path)`, annotations: { 'platform.io/environment': environment } },
    spec: { owner: stringifyEntityRef({ kind: 'group', namespace: NS, name: tenant }) },
  } satisfies SystemEntity);
  return [group, system];
}
