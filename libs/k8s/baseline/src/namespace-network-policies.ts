import type { NetworkPeer, NetworkRule } from '@platform/k8s-core';
import { IntOrString, KubeNetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort } from '@platform/k8s-imports/k8s';
import { Construct } from 'constructs';

/** Selector of the cluster DNS pods (CoreDNS on EKS keeps the `kube-dns` label). */
export const KUBE_DNS_SELECTOR = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } } as const;

/** The addresses behind the declared peers `vpc` and `kubernetes-api`. */
export interface NetworkPeerAddresses {
  /** CIDR of the VPC (`network.vpcCidr`). */
  readonly vpcCidr: string;
  /** In-cluster address of the Kubernetes API (`kubernetesApiServiceIp(env)`, the first IP of `cluster.serviceIpv4Cidr`). */
  readonly kubernetesApiServiceIp: string;
}

export interface NamespaceNetworkPoliciesProps extends NetworkPeerAddresses {
  /** Environment name (`name`), the prefix of error messages. */
  readonly environment: string;
  /** Namespace of the policies. */
  readonly namespace: string;
  /** Prefix of the policy names, e.g. the add-on name; `''` for namespace-wide policies. */
  readonly namePrefix: string;
  /** Pods the policies select; `{}` selects the whole namespace. */
  readonly podSelector: Readonly<Record<string, string>>;
  /** Allowed ingress besides same-namespace traffic. */
  readonly ingress: readonly NetworkRule[];
  /** Allowed egress besides DNS and same-namespace traffic. */
  readonly egress: readonly NetworkRule[];
}

/** The NetworkPolicy peers of a declared peer (`vpc`, `anywhere`, `kubernetes-api`, a namespace, a CIDR). */
export function networkPolicyPeers(addresses: NetworkPeerAddresses, peer: NetworkPeer): NetworkPolicyPeer[] {
  if (peer === 'vpc') return [{ ipBlock: { cidr: addresses.vpcCidr } }];
  if (peer === 'anywhere') return [{ ipBlock: { cidr: '0.0.0.0/0' } }];
  if (peer === 'kubernetes-api') return [{ ipBlock: { cidr: `${addresses.kubernetesApiServiceIp}/32` } }, { ipBlock: { cidr: addresses.vpcCidr } }];
  if ('cidr' in peer) return [{ ipBlock: { cidr: peer.cidr } }];
  const namespaceSelector = { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } };
  return [peer.podLabels ? { namespaceSelector, podSelector: { matchLabels: { ...peer.podLabels } } } : { namespaceSelector }];
}

/** The NetworkPolicy ports of a declared rule (TCP unless stated). */
export function networkPolicyPorts(rule: NetworkRule): NetworkPolicyPort[] {
  return rule.ports.map((p) => ({ port: IntOrString.fromNumber(p.port), protocol: p.protocol ?? 'TCP' }));
}

/**
 * Default-deny (ingress and egress) for the selected pods, then explicit allows: DNS to
 * kube-system/kube-dns, traffic within the namespace, and the declared rules as policies whose
 * annotation says why (`allow-<direction>` for rules on every selected pod, `allow-<direction>-<pods.name>`
 * for rules scoped to a pod subset). NetworkPolicies are additive, so every allow widens only the deny.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
 * @throws Error naming the namespace when a rule has no ports
 */
export class NamespaceNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceNetworkPoliciesProps) {
    super(scope, id);
    const { environment, namespace } = props;
    const name = (suffix: string): string => (props.namePrefix ? `${props.namePrefix}-${suffix}` : suffix);
    const podSelector = { matchLabels: { ...props.podSelector } };
    const metadata = (suffix: string, why: string) => ({ name: name(suffix), namespace, annotations: { 'platform.io/reason': why } });

    new KubeNetworkPolicy(this, 'default-deny', {
      metadata: metadata('default-deny', 'default deny: every flow must be allowed explicitly'),
      spec: { podSelector, policyTypes: ['Ingress', 'Egress'] },
    });
    new KubeNetworkPolicy(this, 'allow-dns', {
      metadata: metadata('allow-dns-egress', 'name resolution through CoreDNS'),
      spec: {
        podSelector,
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': KUBE_DNS_SELECTOR.namespace } }, podSelector: { matchLabels: { ...KUBE_DNS_SELECTOR.podLabels } } }],
            ports: [
              { port: IntOrString.fromNumber(53), protocol: 'UDP' },
              { port: IntOrString.fromNumber(53), protocol: 'TCP' },
            ],
          },
        ],
      },
    });
    const sameNamespace = { podSelector: { matchLabels: { ...props.podSelector } } };
    new KubeNetworkPolicy(this, 'allow-same-namespace', {
      metadata: metadata('allow-same-namespace', 'components of one add-on talk to each other'),
      spec: { podSelector, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [sameNamespace] }], egress: [{ to: [sameNamespace] }] },
    });
    for (const [direction, rules] of [['ingress', props.ingress], ['egress', props.egress]] as const) {
      // one policy for the rules that apply to every selected pod, one per named pod subset
      const groups = new Map<string, { readonly labels: Readonly<Record<string, string>>; readonly rules: NetworkRule[] }>();
      for (const r of rules) {
        if (r.ports.length === 0) throw new Error(`${environment}: NamespaceNetworkPolicies ${namespace}: ${direction} rule "${r.description}" must list ports`);
        const key = r.pods ? r.pods.name : '';
        if (r.pods && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(r.pods.name)) {
          throw new Error(`${environment}: NamespaceNetworkPolicies ${namespace}: ${direction} rule "${r.description}": pods.name "${r.pods.name}" must be a DNS-1123 label`);
        }
        const group = groups.get(key) ?? { labels: r.pods?.labels ?? {}, rules: [] };
        if (r.pods && JSON.stringify(group.labels) !== JSON.stringify(r.pods.labels)) {
          throw new Error(`${environment}: NamespaceNetworkPolicies ${namespace}: pods "${r.pods.name}" is used with different labels`);
        }
        group.rules.push(r);
        groups.set(key, group);
      }
      for (const key of [...groups.keys()].sort()) {
        const group = groups.get(key) as { readonly labels: Readonly<Record<string, string>>; readonly rules: NetworkRule[] };
        const suffix = key ? `allow-${direction}-${key}` : `allow-${direction}`;
        const selected = { matchLabels: { ...props.podSelector, ...group.labels } };
        new KubeNetworkPolicy(this, suffix, {
          metadata: metadata(suffix, group.rules.map((r) => r.description).join('; ')),
          spec:
            direction === 'ingress'
              ? { podSelector: selected, policyTypes: ['Ingress'], ingress: group.rules.map((r) => ({ from: networkPolicyPeers(props, r.peer), ports: networkPolicyPorts(r) })) }
              : { podSelector: selected, policyTypes: ['Egress'], egress: group.rules.map((r) => ({ to: networkPolicyPeers(props, r.peer), ports: networkPolicyPorts(r) })) },
        });
      }
    }
  }
}
