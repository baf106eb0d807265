export * from './permission-context';
export * from './permission-statements';
export * from './platform-pod-identities';
export * from './pod-identity-role';
