import type { EnvironmentConfig } from '@platform/config';
import type { NetworkPeer, NetworkRule } from '@platform/k8s-core';
import { IntOrString, KubeNetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort } from 'cdk8s-plus-34/lib/imports/k8s';
import { Construct } from 'constructs';

/** Selector of the cluster DNS pods (CoreDNS on EKS keeps the `kube-dns` label). */
export const KUBE_DNS_SELECTOR = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } } as const;

export interface NamespaceNetworkPoliciesProps {
  readonly env: EnvironmentConfig;
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

function peerOf(env: EnvironmentConfig, peer: NetworkPeer): NetworkPolicyPeer {
  if (peer === 'vpc') return { ipBlock: { cidr: env.network.vpcCidr } };
  if (peer === 'anywhere') return { ipBlock: { cidr: '0.0.0.0/0' } };
  if ('cidr' in peer) return { ipBlock: { cidr: peer.cidr } };
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } } };
}

function portsOf(rule: NetworkRule): NetworkPolicyPort[] {
  return rule.ports.map((p) => ({ port: IntOrString.fromNumber(p.port), protocol: p.protocol ?? 'TCP' }));
}

/**
 * Default-deny (ingress and egress) for the selected pods, then explicit allows: DNS to
 * kube-system/kube-dns, traffic within the namespace, and each declared rule as its own policy
 * whose annotation says why. NetworkPolicies are additive, so every allow widens only the deny.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
 * @throws Error naming the namespace when a rule has no ports
 */
export class NamespaceNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceNetworkPoliciesProps) {
    super(scope, id);
    const { env, namespace } = props;
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
      if (rules.length === 0) continue;
      for (const r of rules) {
        if (r.ports.length === 0) throw new Error(`${env.name}: NamespaceNetworkPolicies ${namespace}: ${direction} rule "${r.description}" must list ports`);
      }
      new KubeNetworkPolicy(this, `allow-${direction}`, {
        metadata: metadata(`allow-${direction}`, rules.map((r) => r.description).join('; ')),
        spec:
          direction === 'ingress'
            ? { podSelector, policyTypes: ['Ingress'], ingress: rules.map((r) => ({ from: [peerOf(env, r.peer)], ports: portsOf(r) })) }
            : { podSelector, policyTypes: ['Egress'], egress: rules.map((r) => ({ to: [peerOf(env, r.peer)], ports: portsOf(r) })) },
      });
    }
  }
}
