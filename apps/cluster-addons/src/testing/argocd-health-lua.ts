import { LuaFactory } from 'wasmoon';

/** What an ArgoCD health check returns. @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks */
export interface HealthStatus {
  readonly status: string;
  readonly message?: string;
}

const factory = new LuaFactory();

/**
 * Runs an ArgoCD resource health check the way ArgoCD does: real Lua 5.4 (wasmoon) with the live
 * object as global `obj`, returning the `hs` table.
 */
export async function runHealthLua(script: string, obj: unknown): Promise<HealthStatus> {
  const lua = await factory.createEngine();
  try {
    lua.global.set('obj', obj);
    return (await lua.doString(script)) as HealthStatus;
  } finally {
    lua.global.close();
  }
}
