export * from './platform-dns';
