import { defineAddon } from './addon-declaration';

/** Karpenter's CRDs, split out so they sync in a wave before the controller (CRD-only chart, no pods). */
export const KARPENTER_CRD = defineAddon({
  name: 'karpenter-crd',
  description: 'Karpenter CRDs (NodePool, NodeClaim, EC2NodeClass)',
  layer: 'container-platform',
  optional: false,
  // same version as the karpenter chart (both are released together; Renovate groups them)
  chart: { key: 'karpenter-crd', repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter-crd', version: '1.14.1', images: [] },
});

/** The Karpenter controller with its EC2NodeClasses and NodePools. */
export const KARPENTER = defineAddon({
  name: 'karpenter',
  description: 'Node autoscaling: EC2NodeClass and NodePools from the karpenter config',
  layer: 'container-platform',
  optional: false,
  chart: { key: 'karpenter', repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter', version: '1.14.1', images: [{ path: 'controller.image' }] },
  podIdentities: [{ id: 'karpenter', namespace: 'karpenter', serviceAccount: 'karpenter', permissions: [{ kind: 'karpenter-controller' }], serviceAccountOwner: 'platform' }],
});
