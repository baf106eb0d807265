import type { K8sDocument } from '../dist-tree';
import { describeObject } from '../dist-tree';
import { type Finding, joinPath } from '../finding';
import { dns1123LabelProblem, labelValueProblem, objectNameProblem, qualifiedKeyProblem } from './k8s-names';
import { podSpecOf } from './pod-templates';
import { ajvFindings, SCHEMA_RULES } from './schema-findings';
import { evaluateCelRules } from './crd-cel';
import { constraintCrdOf } from './gatekeeper-constraint-crd';
import type { SchemaHandle, SchemaRegistry } from './schema-registry';

/** Rule ids of the object family (besides the schema rules). */
export const OBJECT_RULES = {
  name: 'K8S-NAME-001',
  labels: 'K8S-META-001',
  duplicate: 'K8S-OBJ-001',
  token: 'K8S-OBJ-002',
} as const;

const TOKEN = /\$\{Token\[|#\{Token\[|\$\{TfToken\[/;

/**
 * Validates every object: its schema (core kinds at the target minor, custom resources against the
 * CRD version they use; unknown fields rejected), names (RFC 1123), label and annotation keys, label
 * values, container/volume names, duplicates, and unresolved CDK tokens. The CRD's CEL rules
 * (`x-kubernetes-validations`) are evaluated where cel-js supports them (K8S-SCHEMA-005).
 * @param used collects the schema handles used (for the summary: CEL rule and dropped pattern counts)
 */
export function validateObjects(docs: readonly K8sDocument[], registry: SchemaRegistry, used?: Set<SchemaHandle>): Finding[] {
  const findings: Finding[] = [];
  for (const doc of docs) {
    if (doc.object['kind'] === 'CustomResourceDefinition' && String(doc.object['apiVersion']).startsWith('apiextensions.k8s.io/')) {
      registry.addCustomResourceDefinition(doc.object, doc.file);
    }
    // Gatekeeper creates a constraint CRD per template at runtime: its Constraints validate against the derived one.
    if (doc.object['kind'] === 'ConstraintTemplate' && String(doc.object['apiVersion']).startsWith('templates.gatekeeper.sh/')) {
      const crd = constraintCrdOf(doc.object);
      if (crd) registry.addCustomResourceDefinition(crd, doc.file);
    }
  }
  const seen = new Map<string, string>();
  for (const doc of docs) {
    const { object, file } = doc;
    const id = describeObject(object);
    const apiVersion = String(object['apiVersion']);
    const kind = String(object['kind']);
    const handle = registry.validatorFor(apiVersion, kind);
    if (typeof handle === 'string') {
      findings.push({ file, object: id, path: '-', rule: SCHEMA_RULES.noSchema, message: handle });
    } else {
      used?.add(handle);
      if (!handle.validate(object)) findings.push(...ajvFindings(handle.validate.errors, { file, object: id, root: object }));
      // CRD CEL rules run on schema-valid objects (on invalid ones they would only repeat the schema errors).
      else if (handle.cel) findings.push(...evaluateCelRules(handle.cel, object, { file, object: id }));
    }
    findings.push(...metadataFindings(file, id, kind, object));
    findings.push(...podFindings(file, id, object));
    findings.push(...tokenFindings(file, id, object, ''));
    const key = `${splitGroup(apiVersion)}/${kind}/${id.split(' ')[1]}`;
    const first = seen.get(key);
    if (first) findings.push({ file, object: id, path: 'metadata.name', rule: OBJECT_RULES.duplicate, message: `duplicate object, also rendered in ${first}` });
    else seen.set(key, file);
  }
  return findings;
}

function splitGroup(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function metadataFindings(file: string, object: string, kind: string, o: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const meta = o['metadata'];
  if (!meta || typeof meta !== 'object') {
    return [{ file, object, path: 'metadata', rule: SCHEMA_RULES.missingRequired, message: 'missing required field "metadata"' }];
  }
  const m = meta as Record<string, unknown>;
  if (typeof m['name'] !== 'string' || m['name'] === '') {
    out.push({ file, object, path: 'metadata.name', rule: SCHEMA_RULES.missingRequired, message: 'missing required field "name" (generateName is not supported for GitOps-managed objects)' });
  } else {
    const problem = objectNameProblem(kind, m['name']);
    if (problem) out.push({ file, object, path: 'metadata.name', rule: OBJECT_RULES.name, message: problem });
  }
  if (typeof m['namespace'] === 'string') {
    const problem = dns1123LabelProblem(m['namespace']);
    if (problem) out.push({ file, object, path: 'metadata.namespace', rule: OBJECT_RULES.name, message: `namespace ${problem}` });
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = m[field];
    if (!map || typeof map !== 'object') continue;
    for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
      const path = joinPath(`metadata.${field}`, k);
      const keyProblem = qualifiedKeyProblem(k);
      if (keyProblem) out.push({ file, object, path, rule: OBJECT_RULES.labels, message: keyProblem });
      if (field === 'labels' && typeof v === 'string') {
        const valueProblem = labelValueProblem(v);
        if (valueProblem) out.push({ file, object, path, rule: OBJECT_RULES.labels, message: valueProblem });
      }
    }
  }
  return out;
}

/** Container, init container, ephemeral container and volume names must be RFC 1123 labels. */
function podFindings(file: string, object: string, o: Record<string, unknown>): Finding[] {
  const pod = podSpecOf(o);
  if (!pod) return [];
  const out: Finding[] = [];
  for (const field of ['containers', 'initContainers', 'ephemeralContainers', 'volumes'] as const) {
    const list = pod.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c: unknown, i: number) => {
      const name = c && typeof c === 'object' ? (c as Record<string, unknown>)['name'] : undefined;
      if (typeof name !== 'string') return;
      const problem = dns1123LabelProblem(name);
      if (problem) out.push({ file, object, path: `${pod.path}.${field}[${i}].name`, rule: OBJECT_RULES.name, message: problem });
    });
  }
  return out;
}

function tokenFindings(file: string, object: string, value: unknown, path: string): Finding[] {
  if (typeof value === 'string') {
    return TOKEN.test(value) ? [{ file, object, path: path || '-', rule: OBJECT_RULES.token, message: `unresolved CDK token in ${JSON.stringify(value.slice(0, 80))}` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => tokenFindings(file, object, v, joinPath(path, i)));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => tokenFindings(file, object, v, joinPath(path, k)));
  return [];
}
