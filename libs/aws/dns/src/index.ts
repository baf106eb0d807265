export * from './domain-certificate';
export * from './hosted-zone';
