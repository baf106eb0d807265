import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import type { Finding } from '../finding';

/** Rule ids of the Backstage catalog entities under `dist/<env>/catalog/` (ADR 0040). */
export const CATALOG_RULES = {
  /** A document is not an entity `@backstage/catalog-model`'s entity schema accepts (`entitySchemaValidator`), or a field format its `FieldFormatEntityPolicy` rejects (name, namespace, labels, annotations, tags). */
  invalidEntity: 'CAT-001',
  /** A relation field names an entity that is not in the environment's catalog, or is not an entity reference. */
  danglingRelation: 'CAT-002',
  /** Two documents declare the same entity (`kind:namespace/name`). */
  duplicateEntity: 'CAT-003',
} as const;

/** Folder of `dist/<env>/` holding the catalog entities (the golden path's `CATALOG_DIR`). */
const CATALOG_FILE = /^catalog\/.+\.ya?ml$/;

/**
 * Relation fields of the built-in kinds and the kind a reference without one defaults to.
 * @see https://backstage.io/docs/features/software-catalog/descriptor-format
 */
const RELATION_FIELDS: readonly { readonly field: string; readonly defaultKind?: string }[] = [
  { field: 'owner', defaultKind: 'group' },
  { field: 'system', defaultKind: 'system' },
  { field: 'domain', defaultKind: 'domain' },
  { field: 'subcomponentOf', defaultKind: 'component' },
  { field: 'parent', defaultKind: 'group' },
  { field: 'children', defaultKind: 'group' },
  { field: 'memberOf', defaultKind: 'group' },
  { field: 'providesApis', defaultKind: 'api' },
  { field: 'consumesApis', defaultKind: 'api' },
  { field: 'dependsOn' },
  { field: 'dependencyOf' },
];

interface CatalogDocument {
  readonly file: string;
  readonly entity: Entity;
}

type CatalogModel = typeof import('@backstage/catalog-model');

/**
 * The field formats Backstage's `FieldFormatEntityPolicy` enforces at ingestion (name, namespace, labels,
 * annotations, tags), with the same validator functions (`makeValidator`), synchronously.
 * @see https://backstage.io/docs/features/software-catalog/descriptor-format#common-to-all-kinds-the-metadata
 */
function fieldFormatErrors(model: CatalogModel, entity: Entity): { path: string; message: string }[] {
  const v = model.makeValidator();
  const m = entity.metadata;
  const errors: { path: string; message: string }[] = [];
  const check = (ok: boolean, path: string, what: string, value: unknown) => {
    if (!ok) errors.push({ path, message: `${JSON.stringify(value)} is not a valid ${what} (Backstage FieldFormatEntityPolicy)` });
  };
  check(v.isValidEntityName(m.name), 'metadata.name', 'entity name', m.name);
  if (m.namespace !== undefined) check(v.isValidNamespace(m.namespace), 'metadata.namespace', 'namespace', m.namespace);
  for (const [k, value] of Object.entries(m.labels ?? {})) {
    check(v.isValidLabelKey(k), `metadata.labels[${JSON.stringify(k)}]`, 'label key', k);
    check(v.isValidLabelValue(value), `metadata.labels[${JSON.stringify(k)}]`, 'label value', value);
  }
  for (const [k, value] of Object.entries(m.annotations ?? {})) {
    check(v.isValidAnnotationKey(k), `metadata.annotations[${JSON.stringify(k)}]`, 'annotation key', k);
    check(v.isValidAnnotationValue(value), `metadata.annotations[${JSON.stringify(k)}]`, 'annotation value', value);
  }
  for (const [i, tag] of (m.tags ?? []).entries()) check(v.isValidTag(tag), `metadata.tags[${i}]`, 'tag', tag);
  return errors;
}

/**
 * Checks the Backstage entities of `<root>/catalog/**` with `@backstage/catalog-model` (loaded only when the
 * tree has a catalog): CAT-001 the entity schema, CAT-002 every relation resolves to an entity of the same
 * catalog (Backstage would show a broken link), CAT-003 no entity declared twice.
 * @param root absolute `dist/<env>`
 * @param displayRoot how the folder is named in findings
 * @param files every file of the tree, relative POSIX paths
 */
export function validateCatalog(root: string, displayRoot: string, files: readonly string[]): Finding[] {
  const catalogFiles = files.filter((f) => CATALOG_FILE.test(f));
  if (catalogFiles.length === 0) return [];
  const model = require('@backstage/catalog-model') as CatalogModel;
  const validate = model.entitySchemaValidator<Entity>();
  const findings: Finding[] = [];
  const documents: CatalogDocument[] = [];
  for (const relPath of catalogFiles) {
    const file = `${displayRoot}/${relPath}`;
    for (const [index, doc] of parseAllDocuments(readFileSync(join(root, relPath), 'utf8'), { uniqueKeys: true }).entries()) {
      if (doc.errors.length > 0) {
        findings.push({ file, object: `document ${index}`, path: '-', rule: CATALOG_RULES.invalidEntity, message: `not YAML: ${doc.errors[0]?.message ?? ''}` });
        continue;
      }
      let entity: Entity;
      try {
        entity = validate(doc.toJS());
      } catch (e) {
        findings.push({ file, object: `document ${index}`, path: '-', rule: CATALOG_RULES.invalidEntity, message: `rejected by @backstage/catalog-model: ${(e as Error).message}` });
        continue;
      }
      const formatErrors = fieldFormatErrors(model, entity);
      for (const { path, message } of formatErrors) findings.push({ file, object: `document ${index}`, path, rule: CATALOG_RULES.invalidEntity, message });
      if (formatErrors.length === 0) documents.push({ file, entity });
    }
  }
  const refOf = (e: Entity): string => model.stringifyEntityRef(e);
  const declared = new Map<string, string>();
  for (const { file, entity } of documents) {
    const ref = refOf(entity);
    const first = declared.get(ref);
    if (first !== undefined) findings.push({ file, object: ref, path: 'metadata.name', rule: CATALOG_RULES.duplicateEntity, message: `entity ${ref} is also declared in ${first}` });
    else declared.set(ref, file);
  }
  for (const { file, entity } of documents) {
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    for (const { field, defaultKind } of RELATION_FIELDS) {
      const value = spec[field];
      const targets = Array.isArray(value) ? value : value === undefined ? [] : [value];
      for (const [i, target] of targets.entries()) {
        const path = Array.isArray(value) ? `spec.${field}[${i}]` : `spec.${field}`;
        let ref: string;
        try {
          ref = model.stringifyEntityRef(model.parseEntityRef(String(target), { defaultKind, defaultNamespace: entity.metadata.namespace ?? model.DEFAULT_NAMESPACE }));
        } catch (e) {
          findings.push({ file, object: refOf(entity), path, rule: CATALOG_RULES.danglingRelation, message: `not an entity reference: ${(e as Error).message}` });
          continue;
        }
        if (!declared.has(ref)) {
          findings.push({ file, object: refOf(entity), path, rule: CATALOG_RULES.danglingRelation, message: `${ref} is not an entity of this catalog; Backstage shows the relation as broken. Declare it under catalog/ or drop the relation.` });
        }
      }
    }
  }
  return findings;
}
