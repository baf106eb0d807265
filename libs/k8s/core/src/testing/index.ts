export * from './test-declaration';
