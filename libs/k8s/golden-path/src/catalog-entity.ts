import { type ComponentEntity, entitySchemaValidator, stringifyEntityRef } from '@backstage/catalog-model';
import { GATEWAY_CALLER } from '@platform/config';
import type { ServiceDeclaration } from './microservice';

/** Folder of `dist/<env>/` holding the Backstage entities: outside `kubernetes/`, so no Application ever syncs it. */
export const CATALOG_DIR = 'catalog';

/** Backstage lifecycle of a platform-deployed service. @see https://backstage.io/docs/features/software-catalog/descriptor-format#speclifecycle-required */
export const CATALOG_LIFECYCLE = 'production';

/** Annotation the Backstage Kubernetes plugin matches workloads by (`app.kubernetes.io/name`-style label selector). @see https://backstage.io/docs/features/kubernetes/configuration#surfacing-your-kubernetes-components-as-part-of-an-entity */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION = 'backstage.io/kubernetes-label-selector';

export interface CatalogEntityProps {
  readonly environment: string;
  readonly tenant: string;
  readonly service: ServiceDeclaration;
  /** Every service of the tenant: the services that list this one as a caller are its dependencies. */
  readonly siblings: readonly ServiceDeclaration[];
}

const validate = entitySchemaValidator<ComponentEntity>();

/**
 * The Backstage `Component` of a service: owner = the tenant's group, system = the tenant,
 * `providesApis` for a service with routes or callers, `dependsOn` the services it calls and its
 * data resources. Checked against the catalog-model JSON schema.
 * @throws Error naming the service when the entity is rejected
 */
export function catalogEntity(props: CatalogEntityProps): ComponentEntity {
  const s = props.service;
  const calls = props.siblings.filter((o) => o.callers.includes(s.name)).map((o) => stringifyEntityRef({ kind: 'component', namespace: 'default', name: o.name }));
  const resources = [
    ...(s.database ? [`resource:default/${s.database.cluster}`] : []),
    ...(s.cache ? [`resource:default/${s.cache.instance}`] : []),
    ...[...new Set(s.topics.map((t) => t.cluster))].map((c) => `resource:default/${c}`),
  ];
  const provides = s.callers.length > 0 || s.routes.length > 0 ? [`api:default/${s.name}`] : [];
  const entity: ComponentEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: s.name,
      description: s.description,
      tags: [s.profile, s.rollout, ...(s.callers.includes(GATEWAY_CALLER) ? ['public'] : [])],
      annotations: { [KUBERNETES_LABEL_SELECTOR_ANNOTATION]: `app.kubernetes.io/name=${s.name}`, 'platform.io/environment': props.environment },
    },
    spec: {
      type: 'service',
      lifecycle: CATALOG_LIFECYCLE,
      owner: `group:default/${props.tenant}`,
      system: `system:default/${props.tenant}`,
      ...(provides.length > 0 ? { providesApis: provides } : {}),
      ...(calls.length + resources.length > 0 ? { dependsOn: [...calls, ...resources].sort() } : {}),
    },
  };
  try {
    return validate(entity);
  } catch (e) {
    throw new Error(`${props.environment}: tenant "${props.tenant}" service "${s.name}": Backstage entity rejected: ${(e as Error).message}`);
  }
}
