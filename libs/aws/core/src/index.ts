export * from './platform-stack';
export * from './provider-versions';
