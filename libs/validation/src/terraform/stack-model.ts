import type { TerraformStackFile } from '../dist-tree';

type Json = Record<string, unknown>;

/** Read access to one synthesized stack (cdk.tf.json). */
export class StackModel {
  constructor(public readonly file: TerraformStackFile) {}

  get json(): Json {
    return this.file.json;
  }

  /** `terraform` block. */
  get terraform(): Json {
    return (this.json['terraform'] ?? {}) as Json;
  }

  /** Every `[type, name, body]` of `resource` (or `data` when `data` is true), in file order. */
  blocks(data = false): [string, string, Json][] {
    const root = (this.json[data ? 'data' : 'resource'] ?? {}) as Record<string, Record<string, Json>>;
    return Object.entries(root).flatMap(([type, byName]) => Object.entries(byName ?? {}).map(([name, body]) => [type, name, body] as [string, string, Json]));
  }

  /** Resources of one type: `[name, body]`. */
  resources(type: string): [string, Json][] {
    const byName = ((this.json['resource'] ?? {}) as Record<string, Record<string, Json>>)[type] ?? {};
    return Object.entries(byName);
  }

  has(section: 'resource' | 'data', type: string, name: string): boolean {
    const root = (this.json[section] ?? {}) as Record<string, Record<string, unknown>>;
    return !!root[type] && Object.prototype.hasOwnProperty.call(root[type], name);
  }

  /** Names declared in `variable`, `locals`, `module` or `output`. */
  names(section: 'variable' | 'locals' | 'module' | 'output'): Set<string> {
    const value = this.json[section];
    const maps = Array.isArray(value) ? value : value ? [value] : [];
    return new Set(maps.flatMap((m) => Object.keys((m ?? {}) as Json)));
  }

  /** Provider blocks: `[provider name, config]` (a provider may be configured several times with aliases). */
  providers(): [string, Json][] {
    const root = (this.json['provider'] ?? {}) as Record<string, Json | Json[]>;
    return Object.entries(root).flatMap(([name, cfg]) => asList(cfg).map((c) => [name, c] as [string, Json]));
  }
}

/** Nested blocks appear as a list of objects or as one object in Terraform JSON: always a list. */
export function asList(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object') as Json[];
  return value && typeof value === 'object' ? [value as Json] : [];
}

/** `true` or `"true"` (Terraform converts the string). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
