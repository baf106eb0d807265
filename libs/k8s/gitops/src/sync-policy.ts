import type { ArgoSyncBehaviour } from '@platform/config';
import type { ApplicationSpecSyncPolicy } from '@platform/k8s-imports/argoproj.io';

/** Retry with exponential backoff: 10s, 20s, 40s, ... capped at 3m, 5 attempts. @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/ */
export const SYNC_RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } as const;

/**
 * Retry of Applications holding custom resources: their CRDs may be installed by an operator after
 * its own Application is healthy (e.g. the Tekton operator installs the Pipelines CRDs once the
 * TektonConfig reconciles), so the first attempts can fail for minutes: 30s, 1m, 2m, ... capped at
 * 5m, 10 attempts (about 35 minutes).
 */
export const SYNC_RETRY_CUSTOM_RESOURCES = { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '5m' } } as const;

export interface SyncPolicyOptions {
  /**
   * Use server-side apply: no 256 KiB `last-applied-configuration` annotation and field ownership,
   * so fields set by controllers (CRD conversion caBundle, webhook caBundle) are not reverted.
   * @default false
   */
  readonly serverSideApply?: boolean;
  /** Let ArgoCD create the destination namespace. @default false */
  readonly createNamespace?: boolean;
  /**
   * The Application holds custom resources whose CRD may not exist yet at dry-run time: adds
   * `SkipDryRunOnMissingResource=true` and uses `SYNC_RETRY_CUSTOM_RESOURCES`.
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#skip-dry-run-for-new-custom-resources-types
   * @default false
   */
  readonly customResources?: boolean;
  /**
   * The Application has `ignoreDifferences`: adds `RespectIgnoreDifferences=true`, so a sync does not
   * overwrite the ignored fields either (without it they are only hidden from the diff).
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#respect-ignore-difference-configs
   * @default false
   */
  readonly respectIgnoreDifferences?: boolean;
}

/**
 * The Application sync policy of an environment: automated, with prune and self-heal as `behaviour` says
 * (`argoSyncBehaviour` of `operations.mode`, ADR 0038); in supervised mode the AppProject's allow windows
 * bound when automated sync runs. Sync options `PruneLast` and `ApplyOutOfSyncOnly` always, the others as
 * `options` asks; retry {@link SYNC_RETRY}, or {@link SYNC_RETRY_CUSTOM_RESOURCES} for custom resources.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
 */
export function applicationSyncPolicy(behaviour: ArgoSyncBehaviour, options: SyncPolicyOptions = {}): ApplicationSpecSyncPolicy {
  const syncOptions = ['PruneLast=true', 'ApplyOutOfSyncOnly=true'];
  if (options.createNamespace) syncOptions.push('CreateNamespace=true');
  if (options.serverSideApply) syncOptions.push('ServerSideApply=true');
  if (options.customResources) syncOptions.push('SkipDryRunOnMissingResource=true');
  if (options.respectIgnoreDifferences) syncOptions.push('RespectIgnoreDifferences=true');
  const { prune, selfHeal } = behaviour;
  return {
    automated: { prune, selfHeal, allowEmpty: false },
    syncOptions,
    retry: options.customResources ? SYNC_RETRY_CUSTOM_RESOURCES : SYNC_RETRY,
  };
}
