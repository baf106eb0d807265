export * from './platform-stack';
export * from './policy-document';
export * from './provider-versions';
export * from './stable-logical-id';
