import type { EnvironmentConfig } from '@platform/config';
import type { ApplicationSpecSyncPolicy } from '@platform/k8s-imports/argoproj.io';

/** Retry with exponential backoff: 10s, 20s, 40s, ... capped at 3m, 5 attempts. @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/ */
export const SYNC_RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } as const;

export interface SyncPolicyOptions {
  /** Use server-side apply (large CRDs exceed the client-side last-applied annotation limit). */
  readonly serverSideApply?: boolean;
  /** Let ArgoCD create the destination namespace. @default false */
  readonly createNamespace?: boolean;
}

/** The Application sync policy of an environment (`argocd.syncPolicy`). */
export function applicationSyncPolicy(env: EnvironmentConfig, options: SyncPolicyOptions = {}): ApplicationSpecSyncPolicy {
  const syncOptions = ['PruneLast=true', 'ApplyOutOfSyncOnly=true'];
  if (options.createNamespace) syncOptions.push('CreateNamespace=true');
  if (options.serverSideApply) syncOptions.push('ServerSideApply=true');
  const { automated, prune, selfHeal } = env.argocd.syncPolicy;
  return {
    ...(automated ? { automated: { prune, selfHeal, allowEmpty: false } } : {}),
    syncOptions,
    retry: SYNC_RETRY,
  };
}
