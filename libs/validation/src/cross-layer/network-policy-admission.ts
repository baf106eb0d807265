import * as ipaddr from 'ipaddr.js';
import type { K8sDocument } from '../dist-tree';
import { compareCodeUnits } from '../ordering';
import { type KnownLabels, selectorMatches, type Tri, triAll, triAny } from './label-selector';
import type { ContainerPortRef } from './monitor-targets';
import { asObject as obj, asObjects as list } from './object-index';

type Obj = Record<string, unknown>;
const spec = (o: Obj): Obj => obj(o['spec']);

/** A CIDR block parsed by ipaddr.js. */
export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses `10.0.0.0/16` (or an IPv6 block); undefined when it is not a CIDR. */
export function parseCidr(text: unknown): Cidr | undefined {
  return typeof text === 'string' && ipaddr.isValidCIDR(text) ? ipaddr.parseCIDR(text) : undefined;
}

/** Whether block `outer` contains every address of block `inner` (same address family). */
function covers(outer: Cidr, inner: Cidr): boolean {
  return outer[0].kind() === inner[0].kind() && inner[1] >= outer[1] && inner[0].match(outer);
}

/** Whether two blocks share an address (CIDR blocks either nest or are disjoint). */
function overlaps(a: Cidr, b: Cidr): boolean {
  return covers(a, b) || covers(b, a);
}

/** The client pods whose connections a NetworkPolicy ingress rule must admit. */
export interface IngressClient {
  readonly namespace: string;
  /** Labels of the client's Namespace; `kubernetes.io/metadata.name` is always among them (the API server sets it). */
  readonly namespaceLabels: KnownLabels;
  readonly podLabels: KnownLabels;
  /**
   * Blocks the client pods' IPs lie in: the VPC CIDRs under the VPC CNI (pods get VPC addresses). Empty when unknown:
   * then only a `0.0.0.0/0` (or `::/0`) ipBlock without `except` is known to admit them.
   */
  readonly podCidrs: readonly Cidr[];
}

/** What the NetworkPolicies of a namespace decide for one target port of some pods. */
export interface IngressVerdict {
  /** The pods are isolated for ingress: some policy with policy type `Ingress` selects them. */
  readonly isolated: Tri;
  /** Some policy selecting the pods has an ingress rule admitting the client on the port (or the pods are not isolated). */
  readonly allowed: Tri;
  /** Names of the policies that certainly select the pods for ingress, sorted. */
  readonly isolatingPolicies: readonly string[];
}

/** Whether a policy has policy type `Ingress`: listed in `spec.policyTypes`, or that field unset (the API server then always adds `Ingress`). */
function hasIngressType(policy: Obj): boolean {
  const s = spec(policy);
  return Array.isArray(s['policyTypes']) ? s['policyTypes'].includes('Ingress') : true;
}

/**
 * Whether an `ipBlock` peer matches the client: it covers every pod CIDR and no `except` overlaps one (`yes`), it
 * overlaps none (`no`), else `maybe` (which address the pod gets is not in the tree).
 */
function ipBlockMatches(block: Obj, client: IngressClient): Tri {
  const cidr = parseCidr(block['cidr']);
  if (!cidr) return 'maybe';
  const except = (Array.isArray(block['except']) ? block['except'] : []).map(parseCidr);
  if (client.podCidrs.length === 0) return cidr[1] === 0 && except.length === 0 ? 'yes' : 'maybe';
  if (client.podCidrs.every((pod) => covers(cidr, pod) && except.every((e) => e !== undefined && !overlaps(e, pod)))) return 'yes';
  return client.podCidrs.some((pod) => overlaps(cidr, pod)) ? 'maybe' : 'no';
}

/**
 * Whether one `from` peer of a policy in `policyNamespace` matches the client: an `ipBlock` by address, a
 * `namespaceSelector` against the client Namespace's labels, a `podSelector` against the client pods (in the policy's
 * namespace when there is no `namespaceSelector`), both together when both are set.
 */
function peerMatches(peer: Obj, policyNamespace: string, client: IngressClient): Tri {
  if (peer['ipBlock'] !== undefined) return ipBlockMatches(obj(peer['ipBlock']), client);
  const nsSelector = peer['namespaceSelector'];
  const podSelector = peer['podSelector'];
  // a peer with neither field is rejected by the API server
  if (nsSelector === undefined && podSelector === undefined) return 'maybe';
  const namespace: Tri = nsSelector !== undefined && nsSelector !== null ? selectorMatches(nsSelector, client.namespaceLabels) : client.namespace === policyNamespace ? 'yes' : 'no';
  return triAll([namespace, podSelector !== undefined && podSelector !== null ? selectorMatches(podSelector, client.podLabels) : 'yes']);
}

/** A NetworkPolicy port value: a number, or a named container port (a digit string counts as a number). */
function policyPortValue(v: unknown): number | string | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return /^\d+$/.test(v) ? Number(v) : v;
  return undefined;
}

/**
 * Whether one `ports[]` entry covers the target: the protocol matches (default TCP), and no `port` (every port), a
 * number equal to the target's (or a `port`..`endPort` range holding it), or a named port that is the target container
 * port's name. A number against a target known only by name, or a name against a target known only by number on pods
 * the tree does not render, is `maybe`.
 */
function portCovers(entry: Obj, port: ContainerPortRef, protocol: string): Tri {
  if ((typeof entry['protocol'] === 'string' ? entry['protocol'] : 'TCP') !== protocol) return 'no';
  const value = policyPortValue(entry['port']);
  if (value === undefined) return 'yes';
  if (typeof value === 'number') {
    if (port.number === undefined) return 'maybe';
    const end = typeof entry['endPort'] === 'number' ? entry['endPort'] : value;
    return port.number >= value && port.number <= end ? 'yes' : 'no';
  }
  if (port.name !== undefined || port.podPortsKnown) return value === port.name ? 'yes' : 'no';
  return 'maybe';
}

/**
 * What the Kubernetes NetworkPolicies of the target pods' namespace decide for a connection from `client` to `port`
 * of the pods with `pods` labels. A pod is isolated for ingress when any policy whose `policyTypes` include `Ingress`
 * (default: always) selects it (`spec.podSelector`, `{}` = every pod); an isolated pod admits the connection when some
 * policy selecting it has an ingress rule whose `from` matches the client (absent or empty: every source) and whose
 * `ports` cover the port (absent or empty: every port). Policies are additive; there is no deny rule.
 * @param policies the `networking.k8s.io/v1` NetworkPolicies of the pods' namespace
 * @param protocol the connection's protocol @default 'TCP'
 * @returns three-valued verdicts, `maybe` where the tree does not show enough (see `label-selector.ts`)
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export function ingressVerdict(policies: readonly K8sDocument[], pods: KnownLabels, port: ContainerPortRef, client: IngressClient, protocol = 'TCP'): IngressVerdict {
  const ingress = policies.filter((p) => p.object['apiVersion'] === 'networking.k8s.io/v1' && hasIngressType(p.object));
  const selects = ingress.map((p) => selectorMatches(spec(p.object)['podSelector'], pods));
  const allowed = ingress.map((p, i) => {
    const ns = String(obj(p.object['metadata'])['namespace'] ?? 'default');
    const rules = list(spec(p.object)['ingress']).map((rule) => {
      const from = list(rule['from']);
      const ports = list(rule['ports']);
      return triAll([from.length === 0 ? 'yes' : triAny(from.map((peer) => peerMatches(peer, ns, client))), ports.length === 0 ? 'yes' : triAny(ports.map((e) => portCovers(e, port, protocol)))]);
    });
    return triAll([selects[i] as Tri, triAny(rules)]);
  });
  const isolated = triAny(selects);
  return {
    isolated,
    allowed: isolated === 'no' ? 'yes' : triAny(allowed),
    isolatingPolicies: ingress.filter((_, i) => selects[i] === 'yes').map((p) => String(obj(p.object['metadata'])['name'])).sort(compareCodeUnits),
  };
}
