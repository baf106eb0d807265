
/** EKS managed add-ons the platform installs. */
export const EKS_ADDON_NAMES = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent', 'coredns', 'aws-ebs-csi-driver', 'snapshot-controller', 'metrics-server'] as const;
export type EksAddonName = (typeof EKS_ADDON_NAMES)[number];

/**
 * Exact EKS managed add-on versions per Kubernetes minor (never "latest": an add-on upgrade is a
 * reviewed one-line change here, staged through dev first). Refresh with
 * `aws eks describe-addon-versions --kubernetes-version <minor> --addon-name <name>`.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html#add-ons-aws-ebs-csi-driver
 * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html
 * @see https://docs.aws.amazon.com/eks/latest/userguide/csi-snapshot-controller.html (installs the snapshot.storage.k8s.io CRDs Velero's CSI path needs, ADR 0035)
 * @see https://docs.aws.amazon.com/eks/latest/userguide/community-addons.html#kubernetes-metrics-server
 */
export const EKS_ADDON_VERSIONS: Readonly<Record<string, Readonly<Record<EksAddonName, string>>>> = {
  '1.34': {
    'vpc-cni': 'v1.20.4-eksbuild.2',
    'kube-proxy': 'v1.34.0-eksbuild.2',
    'eks-pod-identity-agent': 'v1.3.9-eksbuild.3',
    coredns: 'v1.12.4-eksbuild.1',
    'aws-ebs-csi-driver': 'v1.54.0-eksbuild.1',
    'snapshot-controller': 'v8.3.0-eksbuild.1',
    'metrics-server': 'v0.8.0-eksbuild.2',
  },
};

/**
 * vpc-cni configuration values: enforce Kubernetes NetworkPolicy with the VPC CNI's eBPF network
 * policy agent (the value is a string in the add-on's configuration schema).
 * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html
 */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: 'true' } as const;

/**
 * aws-ebs-csi-driver configuration values: the controller adds `volumeTags` (the mandatory cost-allocation tags,
 * `mandatoryTags(env)`: Environment, Owner, CostCenter, ManagedBy, Organization) to every volume and snapshot it
 * creates; the provider's `default_tags` never reach resources created by a controller.
 * @see https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/tagging.md
 * @see https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html (`aws eks describe-addon-configuration --addon-name aws-ebs-csi-driver`)
 */
export function ebsCsiDriverConfiguration(volumeTags: Readonly<Record<string, string>>): { readonly controller: { readonly extraVolumeTags: Readonly<Record<string, string>> } } {
  return { controller: { extraVolumeTags: { ...volumeTags } } };
}

/**
 * The pinned version of an add-on for a Kubernetes minor (`cluster.version`). The schema accepts only
 * `SUPPORTED_KUBERNETES_MINORS` (a broader rule: the cdk8s-plus minor too); this is the catalog's own
 * rule, for any caller: a minor it has no row for.
 * @throws Error naming `kubernetesVersion` and its value when the catalog has no entry for that minor
 */
export function eksAddonVersion(kubernetesVersion: string, addon: EksAddonName): string {
  const versions = EKS_ADDON_VERSIONS[kubernetesVersion];
  if (!versions) {
    throw new Error(
      `kubernetesVersion is ${kubernetesVersion} but EKS_ADDON_VERSIONS pins add-ons only for ${Object.keys(EKS_ADDON_VERSIONS).join(', ')}; add that minor to the catalog`,
    );
  }
  return versions[addon];
}
