export * from './addon-declaration';
export * from './argocd';
export * from './baseline';
export * from './enabled';
export * from './ingress';
export * from './karpenter';
export * from './registry';
export * from './tekton';
