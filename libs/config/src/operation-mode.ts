import type { EnvironmentConfig } from './environment-schema';

/** One AppProject sync window as ArgoCD takes it (`spec.syncWindows[]`). */
export interface ArgoSyncWindow {
  readonly kind: 'allow' | 'deny';
  readonly schedule: string;
  readonly duration: string;
  readonly manualSync: boolean;
  readonly applications: readonly string[];
  readonly timeZone: 'UTC';
}

/**
 * The emergency freeze: a deny window that opens every minute for an hour, so it is always active, on
 * every Application, manual syncs included. ArgoCD then applies nothing until the window is removed.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync_windows/
 */
export const FREEZE_SYNC_WINDOW: ArgoSyncWindow = { kind: 'deny', schedule: '* * * * *', duration: '1h', manualSync: false, applications: ['*'], timeZone: 'UTC' };

/** How ArgoCD syncs in an environment, from `operations.mode` (ADR 0038). */
export interface ArgoSyncBehaviour {
  /** Delete live objects that left Git (autopilot only: in supervised mode a human prunes). */
  readonly prune: boolean;
  /** Revert changes made in the cluster (both modes; in supervised mode only inside the allow windows). */
  readonly selfHeal: boolean;
}

/** Prune and self-heal of automated sync: `autopilot` both, `supervised` self-heal only. */
export function argoSyncBehaviour(env: Pick<EnvironmentConfig, 'operations'>): ArgoSyncBehaviour {
  return { prune: env.operations.mode === 'autopilot', selfHeal: true };
}

/**
 * Sync windows of an AppProject: the declared `operations.syncWindows` (supervised mode), plus
 * {@link FREEZE_SYNC_WINDOW} when `operations.freeze` is on and the project is `freezable`. The root
 * app's project stays unfrozen, so lifting the freeze is a Git change the root Application can still sync.
 */
export function argoSyncWindows(env: Pick<EnvironmentConfig, 'operations'>, options: { readonly freezable: boolean }): ArgoSyncWindow[] {
  const declared = env.operations.syncWindows.map((w): ArgoSyncWindow => ({ kind: w.kind, schedule: w.schedule, duration: w.duration, manualSync: w.manualSync, applications: ['*'], timeZone: 'UTC' }));
  return env.operations.freeze && options.freezable ? [...declared, FREEZE_SYNC_WINDOW] : declared;
}
