export * from './access-log-bucket';
export * from './backup-replication';
export * from './platform-storage';
export * from './retention';
export * from './secure-bucket';
