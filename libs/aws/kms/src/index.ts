export * from './key-purposes';
export * from './key-statements';
export * from './platform-kms-key';
