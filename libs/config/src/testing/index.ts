export * from './fixture-environment';
export * from './golden-path-fixture';
export * from './config-issues';
