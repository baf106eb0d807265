export * from './argocd-settings';
export * from './argocd-values';
export * from './helm-application';
export * from './root-application';
export * from './sync-policy';
export * from './platform-project';
