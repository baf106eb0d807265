import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CATALOG_RULES, validateCatalog } from './validate-catalog';

const root = mkdtempSync(join(tmpdir(), 'validate-catalog-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const entity = (kind: string, name: string, spec: Record<string, unknown>) => ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace: 'default' }, spec });
const group = entity('Group', 'shop', { type: 'team', children: [] });
const system = entity('System', 'shop', { owner: 'group:default/shop' });
const pg = entity('Resource', 'shop-pg', { type: 'database', owner: 'group:default/shop', system: 'system:default/shop' });
const api = entity('Component', 'orders-api', { type: 'service', lifecycle: 'production', owner: 'group:default/shop', system: 'system:default/shop', dependsOn: ['resource:default/shop-pg'] });

/** Writes `catalog/<file>` documents into a fresh tree and validates it. */
function check(files: Record<string, readonly object[]>) {
  const dir = mkdtempSync(join(root, 'env-'));
  for (const [file, docs] of Object.entries(files)) {
    mkdirSync(join(dir, 'catalog', 'shop'), { recursive: true });
    writeFileSync(join(dir, 'catalog', 'shop', file), docs.map((d) => stringify(d)).join('---\n'));
  }
  return validateCatalog(dir, 'dist/test', Object.keys(files).map((f) => `catalog/shop/${f}`).sort());
}

describe('validateCatalog', () => {
  it('accepts a catalog whose relations all resolve, and a tree without a catalog', () => {
    expect(check({ 'tenant.yaml': [group, system, pg], 'orders-api.yaml': [api] })).toEqual([]);
    expect(validateCatalog(root, 'dist/test', ['kubernetes/apps/root.yaml'])).toEqual([]);
  });

  it('CAT-002: names the relation whose target the catalog does not declare', () => {
    expect(check({ 'tenant.yaml': [group, system], 'orders-api.yaml': [api] })).toEqual([
      {
        file: 'dist/test/catalog/shop/orders-api.yaml',
        object: 'component:default/orders-api',
        path: 'spec.dependsOn[0]',
        rule: CATALOG_RULES.danglingRelation,
        message: expect.stringContaining('resource:default/shop-pg is not an entity of this catalog'),
      },
    ]);
  });

  it('CAT-002: resolves a short reference with the kind Backstage defaults the field to', () => {
    const shortOwner = entity('System', 'shop', { owner: 'shop' });
    expect(check({ 'tenant.yaml': [group, shortOwner] })).toEqual([]);
    const wrongKind = entity('System', 'shop', { owner: 'user:shop' });
    expect(check({ 'tenant.yaml': [group, wrongKind] }).map((f) => [f.rule, f.path])).toEqual([[CATALOG_RULES.danglingRelation, 'spec.owner']]);
  });

  it('CAT-001: rejects an entity the catalog model rejects, naming the file and the document', () => {
    const badName = entity('Resource', 'shop_pg!', { type: 'database', owner: 'group:default/shop' });
    const findings = check({ 'tenant.yaml': [group, system, badName] });
    expect(findings.map((f) => [f.rule, f.file, f.object, f.path])).toEqual([[CATALOG_RULES.invalidEntity, 'dist/test/catalog/shop/tenant.yaml', 'document 2', 'metadata.name']]);
    expect(findings[0]?.message).toBe('"shop_pg!" is not a valid entity name (Backstage FieldFormatEntityPolicy)');
    const noKind = { apiVersion: 'backstage.io/v1alpha1', metadata: { name: 'shop' } };
    expect(check({ 'tenant.yaml': [noKind] }).map((f) => [f.rule, f.object, f.message.startsWith('rejected by @backstage/catalog-model: ')])).toEqual([[CATALOG_RULES.invalidEntity, 'document 0', true]]);
    const badTag = { ...group, metadata: { ...group.metadata, tags: ['Spring Boot'] } };
    // Backstage does not ingest a rejected entity, so relations to it dangle too.
    expect(check({ 'tenant.yaml': [badTag, system] }).map((f) => [f.rule, f.path])).toEqual([
      [CATALOG_RULES.invalidEntity, 'metadata.tags[0]'],
      [CATALOG_RULES.danglingRelation, 'spec.owner'],
    ]);
  });

  it('CAT-003: reports an entity declared twice', () => {
    expect(check({ 'tenant.yaml': [group, system, pg], 'more.yaml': [pg] }).map((f) => [f.rule, f.object, f.message])).toEqual([
      [CATALOG_RULES.duplicateEntity, 'resource:default/shop-pg', 'entity resource:default/shop-pg is also declared in dist/test/catalog/shop/more.yaml'],
    ]);
  });
});
