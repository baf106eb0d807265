export * from './cluster-baseline-addon';
export * from './contract-service-accounts';
export * from './default-storage-class';
export * from './namespace-network-policies';
export * from './platform-namespace';
export * from './pod-security';
export * from './priority-classes';
export * from './tenant-namespace';
