import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv, { _, type ValidateFunction } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';
import { parseAllDocuments } from 'yaml';
import { CACHED_FORMATS_MODULE, CompiledSchemaCache, defaultSchemaCacheDir, parsedWithCache } from '../compiled-schema-cache';
import { compareCodeUnits } from '../ordering';
import { escapeRegExp } from '../regexp';
import { QUANTITY_PATTERN } from './k8s-names';
import { type CelRuleStats, type CelRuleTree, celRuleTree } from './crd-cel';
import { type CrdFileSummary, crdFileSummaries } from './crd-file-index';
import { type JsonSchema, type NormalizeStats, normalizeSchema, QUANTITY_DEFINITION } from './openapi-normalizer';

/** Default Kubernetes minor when neither `--kube-version` nor manifest.json says otherwise (EKS default, ADR 0002). */
export const DEFAULT_KUBE_VERSION = '1.34';

/** Absolute schema ids, so references resolve the same from every schema. */
const SCHEMA_BASE = 'https://schemas.platform.invalid';
const CORE_ID = `${SCHEMA_BASE}/k8s.json`;
const OBJECT_META_REF = `${CORE_ID}#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`;

/**
 * Ajv options of every registry (part of the compiled-validator cache key). Not `verbose`: findings take an error's
 * value from the validated object (`dataOf` in schema-findings.ts), and the generated code is a third smaller.
 */
const AJV_OPTIONS = { allErrors: true, verbose: false, strict: false, validateFormats: true, unicodeRegExp: true } as const;

/**
 * The formats Kubernetes OpenAPI schemas use that the API server checks: RFC 3339 `date-time` (ajv-formats),
 * `int32`/`int64` ranges, base64 `byte` and the resource quantity grammar.
 */
const KUBERNETES_FORMATS = {
  'date-time': fullFormats['date-time'],
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  quantity: QUANTITY_PATTERN,
} as const;

/** A compiled validator plus where its schema came from (for messages). */
export interface SchemaHandle {
  readonly validate: ValidateFunction;
  /** e.g. `kubernetes/v1.34.0/_definitions.json#io.k8s.api.apps.v1.Deployment` or `crds/karpenter/v1.14.1/...yaml`. */
  readonly source: string;
  /** The CRD's CEL rules (`x-kubernetes-validations`), when it has any. */
  readonly cel?: CelRuleTree;
  /** How the CRD version's CEL rules were classified (evaluated / skipped). */
  readonly celStats?: CelRuleStats;
  /** Go RE2 `pattern`s of this schema that JavaScript cannot compile, dropped from validation. */
  readonly droppedPatterns: readonly string[];
}

interface CrdVersionEntry {
  readonly crdName: string;
  /** `spec.scope` of the CRD. */
  readonly scope: 'Cluster' | 'Namespaced';
  readonly source: string;
  readonly served: boolean;
  readonly schema: unknown;
}

/**
 * The cluster-scoped kinds of the core API groups (`<group>/<kind>`, core group empty); every other core kind
 * is namespaced. The API definitions do not carry the scope.
 * @see https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.34/ (`kubectl api-resources --namespaced=false`)
 */
export const CLUSTER_SCOPED_CORE_KINDS: ReadonlySet<string> = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy',
  'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'certificates.k8s.io/CertificateSigningRequest',
  'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IngressClass',
  'networking.k8s.io/IPAddress',
  'networking.k8s.io/ServiceCIDR',
  'node.k8s.io/RuntimeClass',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'resource.k8s.io/DeviceClass',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/VolumeAttachment',
  'storage.k8s.io/VolumeAttributesClass',
  'storagemigration.k8s.io/StorageVersionMigration',
  'internal.apiserver.k8s.io/StorageVersion',
]);

export interface SchemaRegistryProps {
  /** Reference data folder (see SOURCES.md): `kubernetes/<version>/_definitions.json` and `crds/**.yaml`. */
  readonly upstreamDir: string;
  /** Kubernetes minor, `1.34` (a `v` prefix and a patch are accepted and ignored). */
  readonly kubeVersion: string;
  /**
   * Folder of the compiled-validator cache ({@link CompiledSchemaCache}); `null` compiles every time.
   * @default defaultSchemaCacheDir() (`node_modules/.cache/platform-schemas`, `PLATFORM_SCHEMA_CACHE=off` disables it)
   */
  readonly cacheDir?: string | null;
}

/** Splits `apps/v1` into group `apps`, version `v1`; `v1` into group `` (core), version `v1`. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/**
 * Schemas for every Kubernetes kind: core kinds from the target minor's API definitions, custom
 * resources from the CRDs in `<upstream>/crds` (and CRDs rendered in the tree itself). Nothing is
 * compiled up front: a kind's validator is compiled on first use and cached for the process and, as Ajv
 * standalone code keyed by the schema's content, across processes ({@link CompiledSchemaCache}); CRD
 * files are parsed only when their text mentions the kind and group that is asked for, found through cached
 * per-file summaries ({@link crdFileSummaries}) without reading the others (the parsed documents are cached
 * across processes by the file's content too).
 */
export class SchemaRegistry {
  public readonly kubeVersion: string;
  /** Patterns dropped from the core API definitions (shared by every core kind). */
  public readonly stats: NormalizeStats = { droppedPatterns: 0, droppedPatternList: [] };
  private readonly ajv: Ajv;
  private readonly cache: CompiledSchemaCache;
  private readonly cacheDir: string | undefined;
  /** SHA-256 of the normalized core definitions: part of every key, since CRD schemas reference ObjectMeta. */
  private coreHash = '';
  /** The normalized core definitions, added to Ajv only when something is compiled (validators from the cache need none). */
  private coreSchema: JsonSchema | undefined;
  private readonly upstreamDir: string;
  private readonly coreFile: string;
  private coreIndex: Map<string, string> | undefined;
  private readonly crdIndex = new Map<string, CrdVersionEntry>();
  /** group/kind -> served version names (for "wrong version" messages). */
  private readonly crdVersions = new Map<string, string[]>();
  private readonly compiled = new Map<string, SchemaHandle | string>();
  private crdFiles: { path: string; text?: string; parsed: boolean; summary?: CrdFileSummary }[] | undefined;

  /** @throws Error naming the missing `_definitions.json` and how to fetch it */
  constructor(props: SchemaRegistryProps) {
    this.upstreamDir = props.upstreamDir;
    const minor = /^v?(\d+\.\d+)/.exec(props.kubeVersion)?.[1];
    if (!minor) throw new Error(`--kube-version: "${props.kubeVersion}" is not a Kubernetes version like 1.34`);
    this.kubeVersion = minor;
    const candidates = [`v${minor}.0`, `${minor}.0`].map((d) => join(props.upstreamDir, 'kubernetes', d, '_definitions.json'));
    const found = candidates.find((c) => existsSync(c));
    if (!found) {
      throw new Error(
        `no Kubernetes ${minor} API definitions: ${candidates[0]} not found (fetch them with tools/scripts/fetch-upstream.sh, or pass --kube-version)`,
      );
    }
    this.coreFile = found;
    this.ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, formats: _`require(${CACHED_FORMATS_MODULE})` } });
    for (const [name, format] of Object.entries(KUBERNETES_FORMATS)) this.ajv.addFormat(name, format);
    this.cacheDir = props.cacheDir === undefined ? defaultSchemaCacheDir() : (props.cacheDir ?? undefined);
    this.cache = new CompiledSchemaCache({
      dir: this.cacheDir,
      ajv: this.ajv,
      formats: KUBERNETES_FORMATS,
      salt: `kubernetes\0${JSON.stringify(AJV_OPTIONS)}\0${Object.entries(KUBERNETES_FORMATS).map(([n, f]) => `${n}=${describeFormat(f)}`).join('\0')}`,
    });
  }

  /** Registers CRDs rendered in the tree, so their instances validate against them. */
  addCustomResourceDefinition(crd: Record<string, unknown>, source: string): void {
    this.indexCrd(crd, source);
  }

  /**
   * A validator for one core API definition (e.g. `io.k8s.api.core.v1.ResourceRequirements`), used to
   * type well-known Helm values such as `resources` and `affinity`.
   * @param asList validate a list of that definition
   */
  definitionValidator(definition: string, asList = false): ValidateFunction | undefined {
    this.core();
    const ref = `${CORE_ID}#/definitions/${definition}`;
    // The same key as the core kind's validator in resolve(): one definition, one cached function.
    if (!asList) return this.cache.validator(this.cache.key(`${this.coreHash}\0${ref}`), () => this.withCore().getSchema(ref));
    return this.cache.validator(this.cache.key(`${this.coreHash}\0list\0${ref}`), () => {
      const ajv = this.withCore();
      const id = `${SCHEMA_BASE}/list/${definition}.json`;
      if (!ajv.getSchema(id)) ajv.addSchema({ $id: id, type: 'array', items: { $ref: ref } });
      return ajv.getSchema(id);
    });
  }

  /**
   * Whether a kind is cluster-scoped or namespaced: core kinds from {@link CLUSTER_SCOPED_CORE_KINDS}, custom
   * resources from their CRD's `spec.scope`. `undefined` when the kind is unknown (K8S-SCHEMA-000 reports it).
   */
  scopeOf(apiVersion: string, kind: string): 'Cluster' | 'Namespaced' | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    if (this.core().has(`${group}/${version}/${kind}`)) return CLUSTER_SCOPED_CORE_KINDS.has(`${group}/${kind}`) ? 'Cluster' : 'Namespaced';
    return this.crd(group, version, kind)?.scope;
  }

  /** The validator for a kind, or a message saying why there is none (`no schema for ...`). */
  validatorFor(apiVersion: string, kind: string): SchemaHandle | string {
    const key = `${apiVersion}/${kind}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const result = this.resolve(apiVersion, kind);
    this.compiled.set(key, result);
    return result;
  }

  private resolve(apiVersion: string, kind: string): SchemaHandle | string {
    const { group, version } = splitApiVersion(apiVersion);
    const gvk = `${group}/${version}/${kind}`;
    const coreDef = this.core().get(gvk);
    if (coreDef) {
      const ref = `${CORE_ID}#/definitions/${coreDef}`;
      const validate = this.cache.validator(this.cache.key(`${this.coreHash}\0${ref}`), () => this.withCore().getSchema(ref));
      if (!validate) return `no schema for ${apiVersion}/${kind} (definition ${coreDef} failed to compile)`;
      return { validate, source: `${relative(this.upstreamDir, this.coreFile)}#${coreDef}`, droppedPatterns: this.stats.droppedPatternList ?? [] };
    }
    const entry = this.crd(group, version, kind);
    if (!entry) {
      const versions = this.crdVersions.get(`${group}/${kind}`);
      const hint = versions
        ? ` (the CRD serves ${versions.join(', ')})`
        : group === '' || !group.includes('.')
          ? ` (not a Kubernetes ${this.kubeVersion} kind)`
          : ` (no CRD for ${group} ${kind} in ${join(this.upstreamDir, 'crds')}; add it to the reference data)`;
      return `no schema for ${apiVersion}/${kind}${hint}`;
    }
    if (!entry.served) return `${apiVersion}/${kind}: version ${version} is not served by CRD ${entry.crdName} (${entry.source})`;
    const id = `${SCHEMA_BASE}/crd/${gvk}.json`;
    const kindStats: NormalizeStats = { droppedPatterns: 0, droppedPatternList: [] };
    const schema = normalizeSchema(entry.schema, `${CORE_ID}#/definitions/`, kindStats, true);
    const celStats: CelRuleStats = { supported: 0, extension: 0, transition: 0 };
    const cel = celRuleTree(entry.schema, celStats);
    const props = (schema['properties'] as Record<string, JsonSchema> | undefined) ?? {};
    // The API server validates apiVersion, kind and metadata of every custom resource itself.
    schema['properties'] = { ...props, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { $ref: OBJECT_META_REF } };
    const crdSchema = { ...schema, $id: id };
    const validate = this.cache.validator(this.cache.key(`${this.coreHash}\0${JSON.stringify(crdSchema)}`), () => {
      return this.withCore().addSchema(crdSchema).getSchema(id);
    });
    if (!validate) return `no schema for ${apiVersion}/${kind} (CRD ${entry.crdName} failed to compile)`;
    return { validate, source: entry.source, cel, celStats, droppedPatterns: kindStats.droppedPatternList ?? [] };
  }

  /** The Ajv instance with the core definitions added (once), for compiling. */
  private withCore(): Ajv {
    if (this.coreSchema) {
      this.ajv.addSchema(this.coreSchema);
      this.coreSchema = undefined;
    }
    return this.ajv;
  }

  private core(): Map<string, string> {
    if (this.coreIndex) return this.coreIndex;
    const raw = JSON.parse(readFileSync(this.coreFile, 'utf8')) as { definitions: Record<string, Record<string, unknown>> };
    const definitions: Record<string, JsonSchema> = {};
    const index = new Map<string, string>();
    for (const [name, def] of Object.entries(raw.definitions)) {
      definitions[name] = normalizeSchema(def, `${CORE_ID}#/definitions/`, this.stats, true);
      const gvks = def['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined;
      if (gvks?.length === 1) index.set(`${gvks[0].group}/${gvks[0].version}/${gvks[0].kind}`, name);
    }
    // resource.Quantity is a string with the quantity grammar (or a plain number).
    definitions[QUANTITY_DEFINITION] = { anyOf: [{ type: 'string', format: 'quantity' }, { type: 'number' }] };
    this.coreSchema = { $id: CORE_ID, definitions };
    this.coreHash = createHash('sha256').update(JSON.stringify(definitions)).digest('hex');
    this.coreIndex = index;
    return index;
  }

  private crd(group: string, version: string, kind: string): CrdVersionEntry | undefined {
    const key = `${group}/${version}/${kind}`;
    if (this.crdIndex.has(key)) return this.crdIndex.get(key);
    // first the files whose summary names the kind and group, then (a stale summary) every other file
    if (!this.parseCrdFiles(group, kind, key, true)) this.parseCrdFiles(group, kind, key, false);
    return this.crdIndex.get(key);
  }

  /** Parses the unparsed CRD files that mention `group` and `kind` until one defines `key`; true when found. */
  private parseCrdFiles(group: string, kind: string, key: string, bySummary: boolean): boolean {
    const kindPattern = new RegExp(`^\\s*kind:\\s*["']?${escapeRegExp(kind)}["']?\\s*$`, 'm');
    for (const file of this.files()) {
      if (file.parsed) continue;
      if (bySummary && file.summary && !(file.summary.kinds.includes(kind) && file.summary.groups.includes(group))) continue;
      file.text ??= readFileSync(file.path, 'utf8');
      if (!file.text.includes(group) || !kindPattern.test(file.text)) continue;
      file.parsed = true;
      const values = parsedWithCache(this.cacheDir, 'crd documents', file.text, (text) => parseAllDocuments(text).map((doc) => doc.toJS() as Record<string, unknown> | null));
      for (const value of values) {
        if (value?.['kind'] === 'CustomResourceDefinition') this.indexCrd(value, relative(this.upstreamDir, file.path));
      }
      file.text = undefined;
      if (this.crdIndex.has(key)) return true;
    }
    return false;
  }

  private files(): { path: string; text?: string; parsed: boolean; summary?: CrdFileSummary }[] {
    if (!this.crdFiles) {
      const root = join(this.upstreamDir, 'crds');
      const paths = existsSync(root) ? walkYaml(root) : [];
      // without a cache folder, summarizing would read every file each time: search them as they come instead
      const summaries = this.cacheDir === undefined ? [] : crdFileSummaries(paths, this.cacheDir);
      this.crdFiles = paths.map((path, i) => ({ path, parsed: false, summary: summaries[i] }));
    }
    return this.crdFiles;
  }

  private indexCrd(crd: Record<string, unknown>, source: string): void {
    const spec = (crd['spec'] ?? {}) as Record<string, unknown>;
    const names = (spec['names'] ?? {}) as Record<string, unknown>;
    const group = String(spec['group'] ?? '');
    const kind = String(names['kind'] ?? '');
    const crdName = String((crd['metadata'] as Record<string, unknown> | undefined)?.['name'] ?? `${names['plural']}.${group}`);
    const legacy = (spec['validation'] as Record<string, unknown> | undefined)?.['openAPIV3Schema'];
    const versions = (spec['versions'] as Record<string, unknown>[] | undefined) ?? [{ name: spec['version'], served: true }];
    const served: string[] = [];
    for (const v of versions) {
      const name = String(v['name']);
      const schema = (v['schema'] as Record<string, unknown> | undefined)?.['openAPIV3Schema'] ?? legacy ?? {};
      if (v['served'] !== false) served.push(name);
      this.crdIndex.set(`${group}/${name}/${kind}`, { crdName, scope: spec['scope'] === 'Cluster' ? 'Cluster' : 'Namespaced', source, served: v['served'] !== false, schema });
    }
    this.crdVersions.set(`${group}/${kind}`, served);
  }
}

/** A format's definition as text, so a changed format function or pattern is a new cache key. */
function describeFormat(format: unknown): string {
  if (format instanceof RegExp || typeof format === 'function') return String(format);
  if (typeof format === 'object' && format !== null) return Object.entries(format).map(([k, v]) => `${k}:${String(v)}`).join(',');
  return String(format);
}

/** Every `*.yaml`/`*.yml` below `dir`, in code-unit order of the names (locale-independent). */
export function walkYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => compareCodeUnits(a.name, b.name))
    .flatMap((e) => (e.isDirectory() ? walkYaml(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}
