export * from './platform-network';
export * from './subnet-plan';
export * from './vpc-endpoints';
export * from './vpc-flow-logs';
