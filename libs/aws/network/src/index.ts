export * from './platform-network';
export * from './subnet-plan';
