import { componentEntityV1alpha1Validator, type Entity, entitySchemaValidator, groupEntityV1alpha1Validator, parseEntityRef, resourceEntityV1alpha1Validator, stringifyEntityRef, systemEntityV1alpha1Validator } from '@backstage/catalog-model';
import { fixtureEnvironment, goldenPathPatch } from '@platform/config/testing';
import { CATALOG_RESOURCE_TYPES, catalogEntity, entityRef, tenantCatalogEntities } from './catalog-entity';
import type { ServiceDeclaration } from './service-declaration';

const env = fixtureEnvironment(goldenPathPatch() as never);
const shop = env.tenants.find((t) => t.services.length > 0);
if (!shop) throw new Error('fixture: the golden path patch declares tenant shop with services');
const [storefront, orders] = [...shop.services].sort((a, b) => (a.name < b.name ? 1 : -1)) as [ServiceDeclaration, ServiceDeclaration];
// Both services use the same Postgres cluster; orders-api also a cache and two topics of one Kafka cluster.
const services: ServiceDeclaration[] = [
  { ...storefront, database: { cluster: 'shop-pg', database: 'catalog', access: 'readOnly' } } as ServiceDeclaration,
  { ...orders, database: { cluster: 'shop-pg', database: 'orders', access: 'readWrite' }, cache: { instance: 'shop-cache' }, topics: [{ cluster: 'shop-events', topic: 'orders.placed', access: 'produce' }, { cluster: 'shop-events', topic: 'orders.paid', access: 'consume' }] } as ServiceDeclaration,
];
const components = services.map((service) => catalogEntity({ environment: 'test', tenant: shop.namespace, service, siblings: services }));
const tenantEntities = tenantCatalogEntities('test', shop.namespace, shop.owner, services);
const all: Entity[] = [...components, ...tenantEntities];

describe('Backstage catalog entities of a tenant', () => {
  it('writes references in the form @backstage/catalog-model writes and reads', () => {
    expect(entityRef('resource', 'shop-pg')).toBe(stringifyEntityRef({ kind: 'Resource', namespace: 'default', name: 'shop-pg' }));
    expect(parseEntityRef(entityRef('group', 'shop'))).toEqual({ kind: 'group', namespace: 'default', name: 'shop' });
  });

  it('emits one Resource per data-layer resource the services use, typed by engine, owned by the tenant', () => {
    const resources = tenantEntities.filter((e) => e.kind === 'Resource');
    expect(resources.map((e) => [e.metadata.name, e.spec.type, e.spec.owner, e.spec.system])).toEqual([
      ['shop-cache', CATALOG_RESOURCE_TYPES.redis, 'group:default/shop', 'system:default/shop'],
      ['shop-events', CATALOG_RESOURCE_TYPES.kafka, 'group:default/shop', 'system:default/shop'],
      ['shop-pg', CATALOG_RESOURCE_TYPES.postgres, 'group:default/shop', 'system:default/shop'],
    ]);
  });

  it('leaves no dangling relation: every owner, system and dependsOn names an entity of the tenant catalog', () => {
    const known = new Set(all.map((e) => stringifyEntityRef(e)));
    const targets = all.flatMap((e) => [e.spec?.['owner'], e.spec?.['system'], ...((e.spec?.['dependsOn'] as string[] | undefined) ?? [])]).filter((t): t is string => typeof t === 'string');
    expect(targets.length).toBeGreaterThan(6);
    expect(targets.filter((t) => !known.has(stringifyEntityRef(parseEntityRef(t))))).toEqual([]);
    expect(components.find((c) => c.metadata.name === 'orders-api')?.spec.dependsOn).toEqual(['resource:default/shop-cache', 'resource:default/shop-events', 'resource:default/shop-pg']);
  });

  it('passes the envelope schema and the kind validators of @backstage/catalog-model', async () => {
    const validate = entitySchemaValidator<Entity>();
    for (const e of all) expect(validate(e)).toBe(e);
    const kindValidators = { Component: componentEntityV1alpha1Validator, Group: groupEntityV1alpha1Validator, System: systemEntityV1alpha1Validator, Resource: resourceEntityV1alpha1Validator };
    for (const e of all) await expect(kindValidators[e.kind as keyof typeof kindValidators].check(e)).resolves.toBe(true);
  });
});
