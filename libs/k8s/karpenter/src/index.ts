export * from './karpenter/karpenter-addon';
export * from './karpenter-crd/karpenter-crd-addon';
export * from './karpenter/karpenter-node-class';
export * from './karpenter/karpenter-node-pool';
export * from './karpenter/karpenter-values';
export * from './karpenter/builds-pool';
