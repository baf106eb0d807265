export * from './fixture-environment';
export * from './golden-path-fixture';
