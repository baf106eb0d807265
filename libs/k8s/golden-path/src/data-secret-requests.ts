/** A Secret of a data namespace that a tenant's workloads read, and the keys they read of it. */
export interface SharedDataSecret {
  /** Namespace of the Secret (the data service's: `databases`, `caches`, `kafka`). */
  readonly namespace: string;
  /** Secret name; also the name of its copy in the tenant namespace. */
  readonly name: string;
  /** Keys read, sorted. */
  readonly keys: readonly string[];
}

/** Hands out the tenant-namespace name of a Secret of another namespace, recording that it must be delivered there. */
export interface DataSecretDelivery {
  /** @returns the name of the copy in the tenant namespace */
  deliver(source: { readonly namespace: string; readonly name: string }, key: string): string;
}

/**
 * The data Secrets a tenant's services read (their database, cache and Kafka credentials), collected
 * while the services render; each is copied once into the tenant namespace under its own name,
 * with the union of the keys its readers use (ADR 0054).
 */
export class DataSecretRequests implements DataSecretDelivery {
  private readonly requests = new Map<string, { namespace: string; name: string; keys: Set<string> }>();

  /** @param tenant the tenant namespace the copies land in (error messages) */
  constructor(private readonly tenant: string) {}

  /** @throws Error when two namespaces hold a Secret of the same name (their copies would collide) */
  public deliver(source: { readonly namespace: string; readonly name: string }, key: string): string {
    const existing = this.requests.get(source.name);
    if (existing && existing.namespace !== source.namespace) {
      throw new Error(`tenant "${this.tenant}": Secrets ${existing.namespace}/${source.name} and ${source.namespace}/${source.name} would both be copied to ${this.tenant}/${source.name}; rename one of the data services`);
    }
    const entry = existing ?? { namespace: source.namespace, name: source.name, keys: new Set<string>() };
    entry.keys.add(key);
    this.requests.set(source.name, entry);
    return source.name;
  }

  /** The requested Secrets, sorted by namespace and name. */
  public list(): SharedDataSecret[] {
    return [...this.requests.values()]
      .map((r) => ({ namespace: r.namespace, name: r.name, keys: [...r.keys].sort() }))
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  }
}
