/**
 * Typed subset of the external-dns chart 1.21.1 values (values.schema.json) the platform sets.
 * @see ../shared/upstream/charts/external-dns/1.21.1/values.schema.json
 */
export interface ExternalDnsValues {
  /** @see values.yaml `provider.name` */
  readonly provider: { readonly name: 'aws' };
  /** @see values.yaml `sources` */
  readonly sources: readonly ('service' | 'ingress')[];
  /** `sync` also deletes records it owns; `upsert-only` never deletes. @see values.yaml `policy` */
  readonly policy: 'sync' | 'upsert-only';
  /** @see values.yaml `registry` */
  readonly registry: 'txt';
  /** Ownership marker in TXT records: the cluster name. @see values.yaml `txtOwnerId` */
  readonly txtOwnerId: string;
  /** @see values.yaml `domainFilters` */
  readonly domainFilters: readonly string[];
  /** @see values.yaml `serviceAccount` */
  readonly serviceAccount: { readonly create: false; readonly name: string };
  /** Free-form list of container env vars. @see values.yaml `env` */
  readonly env: readonly { readonly name: string; readonly value: string }[];
  /** @see values.yaml `extraArgs` */
  readonly extraArgs: readonly string[];
  /** @see values.yaml `priorityClassName` */
  readonly priorityClassName: string;
  /** @see values.yaml `interval` */
  readonly interval: string;
  /** @see values.yaml `logFormat` */
  readonly logFormat: 'text' | 'json';
  /** @see values.yaml `resources` */
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly memory: string };
  };
}
