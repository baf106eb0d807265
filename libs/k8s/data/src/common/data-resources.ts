/** Requests of one container as the environment gives them (`data.*.resources`). */
export interface DataResources {
  /** CPU request, cores. */
  readonly cpu: number;
  /** Memory request and limit, MiB. */
  readonly memoryMiB: number;
}

/** Kubernetes `resources`: CPU and memory requested, memory limited to the request (a stateful pod is never OOM-killed by a neighbour's burst), no CPU limit (no throttling). */
export function containerResources(r: DataResources): { readonly requests: { readonly cpu: string; readonly memory: string }; readonly limits: { readonly memory: string } } {
  return { requests: { cpu: `${Math.round(r.cpu * 1000)}m`, memory: `${r.memoryMiB}Mi` }, limits: { memory: `${r.memoryMiB}Mi` } };
}

/** The zone label rack awareness and topology spread key on (well-known label set by the kubelet). */
export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

/** The `fromString` factory of a generated quantity class (each CRD import has its own). */
interface QuantityFactory<T> {
  fromString(value: string): T;
}

/** `containerResources` as a generated CRD binding's quantity classes (`XxxResourcesLimits`, `XxxResourcesRequests`). */
export function typedResources<L, R>(r: DataResources, limits: QuantityFactory<L>, requests: QuantityFactory<R>): { readonly requests: { readonly cpu: R; readonly memory: R }; readonly limits: { readonly memory: L } } {
  const plain = containerResources(r);
  return {
    requests: { cpu: requests.fromString(plain.requests.cpu), memory: requests.fromString(plain.requests.memory) },
    limits: { memory: limits.fromString(plain.limits.memory) },
  };
}
