/**
 * How an add-on's namespace is secured by the cluster baseline. Types only: the baseline renders
 * the Namespace, its Pod Security Admission labels and its NetworkPolicies from these declarations.
 */

/** Pod Security Standard levels. @see https://kubernetes.io/docs/concepts/security/pod-security-standards/ */
export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

/** A weaker level than `restricted`, with the reason recorded on the Namespace. */
export interface PodSecurityException {
  readonly level: Exclude<PodSecurityLevel, 'restricted'>;
  /** Why the add-on cannot run restricted; rendered as annotation `platform.io/psa-exception-reason`. */
  readonly reason: string;
}

/**
 * A peer of a NetworkPolicy rule.
 * - `vpc`: the VPC CIDR (EKS control-plane ENIs, i.e. the API server and its webhook calls, nodes,
 *   and load balancer ENIs reaching `ip` targets).
 * - `anywhere`: 0.0.0.0/0 (AWS public API endpoints, chart and git repositories).
 * - `kubernetes-api`: the API server as pods dial it: the ClusterIP of the `kubernetes` Service
 *   (`kubernetesApiServiceIp(env)`/32, first IP of `cluster.serviceIpv4Cidr`) and the VPC CIDR (the
 *   EKS control-plane ENIs it is DNATed to). The VPC CNI network policy agent evaluates egress before
 *   kube-proxy's DNAT, so the ClusterIP itself must be allowed.
 * - `{ namespace }`: every pod of that namespace, or only the pods matching `podLabels`.
 * - `{ cidr }`: one IPv4 block, e.g. a link-local agent address.
 */
export type NetworkPeer = 'vpc' | 'anywhere' | 'kubernetes-api' | { readonly namespace: string; readonly podLabels?: Readonly<Record<string, string>> } | { readonly cidr: string };

/** A named subset of the namespace's pods a rule applies to. */
export interface NetworkRulePods {
  /** Suffix of the policy name (`allow-<direction>-<name>`), DNS-1123 label. */
  readonly name: string;
  /** Pod labels (matchLabels), added to the namespace's podSelector. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface NetworkPort {
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

/** One allowed flow on top of the namespace's default deny. */
export interface NetworkRule {
  /** Why the flow is needed; rendered into the policy's annotation. */
  readonly description: string;
  readonly peer: NetworkPeer;
  readonly ports: readonly NetworkPort[];
  /** Only these pods of the namespace get the flow (rendered as their own policy). @default every selected pod */
  readonly pods?: NetworkRulePods;
}

/** A namespace an add-on runs in, as the cluster baseline renders it. */
export interface AddonNamespace {
  readonly name: string;
  /**
   * Who creates the Namespace object: `baseline` (the cluster baseline renders it with PSA labels)
   * or `external` (exists before GitOps: `kube-system` from EKS, `argocd` from the bootstrap).
   * @default 'baseline'
   */
  readonly managedBy?: 'baseline' | 'external';
  /** @default restricted */
  readonly podSecurity?: PodSecurityException;
  /**
   * Extra labels of the Namespace object (only when `managedBy` is `baseline`), e.g. a label an
   * admission webhook's `namespaceSelector` keys on. @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** False when the add-on runs no pods here (it only places objects); no NetworkPolicies are rendered for it. @default true */
  readonly workloads?: boolean;
  /**
   * Pods the NetworkPolicies select. Omit to select every pod of the namespace; set it in shared
   * namespaces (kube-system) so the default deny only covers the add-on's own pods.
   */
  readonly podSelector?: Readonly<Record<string, string>>;
  /** Allowed ingress besides same-namespace traffic. @default [] */
  readonly ingress?: readonly NetworkRule[];
  /**
   * Allowed egress besides DNS to kube-system/kube-dns and same-namespace traffic. When the add-on
   * runs as a pod identity here, the baseline adds `EGRESS_POD_IDENTITY_AGENT` for every selected
   * pod unless this list already has a rule to the agent (e.g. one scoped with `pods`). @default []
   */
  readonly egress?: readonly NetworkRule[];
}

/**
 * Egress to the Kubernetes API server: HTTPS to the `kubernetes.default` ClusterIP and to the EKS
 * control-plane ENIs in the VPC (peer `kubernetes-api`).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html (egress to the service CIDR)
 */
export const EGRESS_KUBE_API: NetworkRule = { description: 'Kubernetes API server (kubernetes Service ClusterIP and EKS control-plane ENIs)', peer: 'kubernetes-api', ports: [{ port: 443 }] };

/** Egress to AWS APIs (public endpoints or interface VPC endpoints), HTTPS only. */
export const EGRESS_AWS_APIS: NetworkRule = { description: 'AWS APIs over HTTPS (STS, EC2, SQS, ELB, Route 53, ECR, Pod Identity agent via node)', peer: 'anywhere', ports: [{ port: 443 }] };

/**
 * Egress to the EKS Pod Identity Agent (hostNetwork DaemonSet on every node) from which the AWS SDK
 * fetches the pod's credentials; a default-deny egress policy blocks it otherwise.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html
 */
export const EGRESS_POD_IDENTITY_AGENT: NetworkRule = { description: 'EKS Pod Identity Agent (credentials for the pod identity)', peer: { cidr: '169.254.170.23/32' }, ports: [{ port: 80 }] };

/** Ingress from the API server to an admission webhook port. */
export function ingressWebhook(port: number): NetworkRule {
  return { description: `admission webhook calls from the API server on ${port}`, peer: 'vpc', ports: [{ port }] };
}
