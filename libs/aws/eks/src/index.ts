export * from './addon-catalog';
export * from './cluster-network-lookup';
export * from './eks-managed-addon';
export * from './karpenter-prerequisites';
export * from './platform-cluster';
export * from './pull-through-cache-access';
export * from './spot-service-linked-role';
export * from './system-node-group';
