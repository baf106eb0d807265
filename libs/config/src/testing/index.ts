export * from './fixture-environment';
