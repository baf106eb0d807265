export * from './karpenter-addon';
export * from './karpenter-crd-addon';
export * from './karpenter-node-class';
export * from './karpenter-node-pool';
export * from './karpenter-values';
export * from './builds-pool';
