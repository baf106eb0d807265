import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment } from '@marcbachmann/cel-js';
import { parseAllDocuments } from 'yaml';
import { walkYaml } from '../kubernetes/schema-registry';

type JsonSchema = Record<string, unknown>;

/** What an environment declares besides `object` and `variables`. */
export interface CelEnvironmentOptions {
  /** Declare `namespaceObject` (ValidatingAdmissionPolicy), typed as a core `Namespace`. @default false */
  readonly namespaceObject?: boolean;
}

/**
 * Declares the shape of Kubernetes objects to cel-js, so that CEL expressions over `object` are type-checked
 * against the kind they target: a misspelled field (`c.securityContext.privilegd`) or a wrong comparison
 * (`hostNetwork == 'true'`) fails `Environment.check`. Objects with `properties` become registered types, lists
 * `list<T>`, maps `map<string, T>`; int-or-string, quantities, `oneOf`/`anyOf` and preserve-unknown-fields nodes are
 * `dyn`. cel-js does not check the field inside `has()`. Schemas and environments are cached per kind.
 */
export class CelKindTyper {
  private readonly definitions: Record<string, JsonSchema>;
  private readonly crdFiles: string[];
  private readonly schemas = new Map<string, JsonSchema | undefined>();
  private readonly environments = new Map<string, Environment>();

  constructor(upstreamDir: string, kubeVersion = '1.34') {
    const file = join(upstreamDir, 'kubernetes', `v${kubeVersion}.0`, '_definitions.json');
    this.definitions = (JSON.parse(readFileSync(file, 'utf8')) as { definitions: Record<string, JsonSchema> }).definitions;
    this.crdFiles = walkYaml(join(upstreamDir, 'crds'));
  }

  /** The object schema of a kind: a core definition, or the served storage version of its CRD. */
  schemaOf(group: string, kind: string): JsonSchema | undefined {
    const key = `${group}/${kind}`;
    if (!this.schemas.has(key)) this.schemas.set(key, this.findSchema(group, kind));
    return this.schemas.get(key);
  }

  /**
   * {@link environmentFor} of a kind's schema, cached per kind, variables and options; undefined for an unknown kind.
   * `options.namespaceObject` also declares a ValidatingAdmissionPolicy's `namespaceObject` (a core `Namespace`).
   */
  environmentOf(group: string, kind: string, variables: readonly { readonly name: string; readonly expression: string }[] = [], options: CelEnvironmentOptions = {}): Environment | undefined {
    const key = `${group}/${kind}\u0000${JSON.stringify(variables)}\u0000${options.namespaceObject === true}`;
    const cached = this.environments.get(key);
    if (cached) return cached;
    const schema = this.schemaOf(group, kind);
    if (!schema) return undefined;
    const env = this.environmentFor(schema, variables, options.namespaceObject === true ? { namespaceObject: this.schemaOf('', 'Namespace') } : {});
    this.environments.set(key, env);
    return env;
  }

  private findSchema(group: string, kind: string): JsonSchema | undefined {
    for (const def of Object.values(this.definitions)) {
      const gvks = def['x-kubernetes-group-version-kind'] as { group: string; kind: string }[] | undefined;
      if (gvks?.length === 1 && gvks[0].group === group && gvks[0].kind === kind) return def;
    }
    for (const path of this.crdFiles) {
      const text = readFileSync(path, 'utf8');
      if (!text.includes(group) || !text.includes(kind)) continue;
      for (const doc of parseAllDocuments(text)) {
        const crd = doc.toJS() as JsonSchema | null;
        const spec = (crd?.['spec'] ?? {}) as JsonSchema;
        if (crd?.['kind'] !== 'CustomResourceDefinition' || spec['group'] !== group || (spec['names'] as JsonSchema)['kind'] !== kind) continue;
        const versions = spec['versions'] as JsonSchema[];
        const version = versions.find((v) => v['storage'] === true) ?? versions[0];
        const schema = (version['schema'] as JsonSchema)['openAPIV3Schema'] as JsonSchema;
        // A custom resource's metadata is ObjectMeta.
        return { ...schema, properties: { ...(schema['properties'] as JsonSchema), metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' } } };
      }
    }
    return undefined;
  }

  /**
   * A cel-js environment where `object` has the kind's type, each of `extra` (e.g. `namespaceObject`) its schema's
   * type, and `variables` holds the given VAP variables, typed by their expressions (which may read `object` and
   * `extra`, not other variables: those are `dyn`).
   */
  environmentFor(schema: JsonSchema, variables: readonly { readonly name: string; readonly expression: string }[] = [], extra: Readonly<Record<string, JsonSchema | undefined>> = {}): Environment {
    const env = new Environment({ homogeneousAggregateLiterals: false });
    const registered = new Map<string, string>();
    const inProgress = new Set<string>();
    let anonymous = 0;
    const named = (key: string, name: string, node: JsonSchema): string => {
      const done = registered.get(key);
      if (done) return done;
      // A recursive type (JSONSchemaProps) is not declared further.
      if (inProgress.has(key)) return 'dyn';
      inProgress.add(key);
      const fields: Record<string, string> = {};
      for (const [field, sub] of Object.entries((node['properties'] ?? {}) as Record<string, JsonSchema>)) fields[field] = typeOf(sub, `${name}_${field}`);
      inProgress.delete(key);
      env.registerType(name, { schema: fields });
      registered.set(key, name);
      return name;
    };
    const typeOf = (node: JsonSchema, hint: string): string => {
      const ref = node['$ref'];
      if (typeof ref === 'string') {
        const defName = ref.split('/').pop() as string;
        const def = this.definitions[defName];
        if (!def) return 'dyn';
        return typeOf({ ...def, 'x-ref': defName }, `k8s.${defName.replace(/[^A-Za-z0-9]/g, '_')}`);
      }
      if (node['x-kubernetes-int-or-string'] || node['oneOf'] || node['anyOf'] || node['allOf']) return 'dyn';
      // Unknown fields are kept here, so the node has no closed shape.
      if (node['x-kubernetes-preserve-unknown-fields']) return 'dyn';
      switch (node['type']) {
        case 'string':
          return 'string';
        case 'integer':
          return 'int';
        case 'number':
          return 'double';
        case 'boolean':
          return 'bool';
        case 'array':
          return node['items'] ? `list<${typeOf(node['items'] as JsonSchema, `${hint}_item`)}>` : 'list<dyn>';
        default:
          break;
      }
      if (node['properties']) {
        const key = typeof node['x-ref'] === 'string' ? `ref:${node['x-ref']}` : `anon:${anonymous++}`;
        return named(key, typeof node['x-ref'] === 'string' ? hint : `crd.${hint.replace(/[^A-Za-z0-9_]/g, '_')}_${anonymous}`, node);
      }
      const additional = node['additionalProperties'];
      if (additional && typeof additional === 'object') return `map<string, ${typeOf(additional as JsonSchema, `${hint}_value`)}>`;
      return node['type'] === 'object' ? 'map<string, dyn>' : 'dyn';
    };
    env.registerVariable('object', typeOf(schema, 'Object'));
    for (const [name, extraSchema] of Object.entries(extra)) env.registerVariable(name, extraSchema ? typeOf(extraSchema, name.charAt(0).toUpperCase() + name.slice(1)) : 'dyn');
    if (variables.length > 0) {
      const fields: Record<string, string> = {};
      for (const v of variables) {
        const checked = env.check(v.expression);
        fields[v.name] = checked.valid && checked.type ? checked.type : 'dyn';
      }
      env.registerType('vap.Variables', { schema: fields });
      env.registerVariable('variables', 'vap.Variables');
    }
    return env;
  }
}
