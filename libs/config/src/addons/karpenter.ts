import { defineAddon } from './addon-declaration';

const KARPENTER_REPO = 'public.ecr.aws/karpenter';
const KARPENTER_VERSION = '1.14.1';

/** Karpenter's CRDs, split out so they sync in a wave before the controller (CRD-only chart, no pods). */
export const KARPENTER_CRD = defineAddon({
  name: 'karpenter-crd',
  description: 'Karpenter CRDs (NodePool, NodeClaim, EC2NodeClass)',
  layer: 'container-platform',
  optional: false,
  chart: { key: 'karpenter-crd', repoURL: KARPENTER_REPO, chart: 'karpenter-crd', version: KARPENTER_VERSION, images: [] },
});

/** The Karpenter controller with its EC2NodeClasses and NodePools. */
export const KARPENTER = defineAddon({
  name: 'karpenter',
  description: 'Node autoscaling: EC2NodeClass and NodePools from the karpenter config',
  layer: 'container-platform',
  optional: false,
  chart: { key: 'karpenter', repoURL: KARPENTER_REPO, chart: 'karpenter', version: KARPENTER_VERSION, images: [{ path: 'controller.image' }] },
  podIdentities: [{ id: 'karpenter', namespace: 'karpenter', serviceAccount: 'karpenter', permissions: [{ kind: 'karpenter-controller' }], serviceAccountOwner: 'platform' }],
});
