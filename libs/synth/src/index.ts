export * from './atomic-directory';
export * from './environment-loader';
export * from './manifest';
export * from './synth-environment';
export * from './diff';
export * from './gitops-repo';
export * from './publish';
