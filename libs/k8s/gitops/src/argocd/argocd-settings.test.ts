import { LuaFactory } from 'wasmoon';
import { APPLICATION_HEALTH_LUA, TEKTON_CONFIG_HEALTH_LUA } from './argocd-settings';

interface Health {
  readonly status: string;
  readonly message: string;
}

const lua = new LuaFactory();

/** Runs an ArgoCD health check in real Lua 5.4 (wasmoon), with the live object as global `obj`, as ArgoCD does. */
async function runHealthLua(script: string, obj: unknown): Promise<Health> {
  const engine = await lua.createEngine();
  try {
    engine.global.set('obj', obj);
    return (await engine.doString(script)) as Health;
  } finally {
    engine.global.close();
  }
}

const ready = (status: string, reason?: string, message?: string) => ({
  status: { conditions: [{ type: 'ComponentsReady', status: 'True' }, { type: 'Ready', status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) }] },
});

describe('TektonConfig health check', () => {
  it('is Progressing without status, while Ready is Unknown, and while components are still being installed', async () => {
    expect(await runHealthLua(TEKTON_CONFIG_HEALTH_LUA, {})).toEqual({ status: 'Progressing', message: 'waiting for the Ready condition' });
    expect((await runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('Unknown', 'Reconciling'))).status).toBe('Progressing');
    // the operator reports reason Error during every install: MarkComponentNotReady
    expect(await runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'Error', 'Ready: Components not ready'))).toEqual({ status: 'Progressing', message: 'Ready: Components not ready' });
  });

  it('is Healthy once Ready is True', async () => {
    expect((await runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('True'))).status).toBe('Healthy');
  });

  it('is Degraded when Ready is False with a terminal reason, with the operator message', async () => {
    expect(await runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'Error', 'Ready: PreReconciliation failed'))).toEqual({ status: 'Degraded', message: 'Ready: PreReconciliation failed' });
    expect((await runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'InstallerSetFailed', 'TektonInstallerSet pipeline-main-static failed'))).status).toBe('Degraded');
    expect((await runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'Error'))).status).toBe('Degraded');
    // a False Ready with another reason is not known to be terminal
    expect((await runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'Upgrading'))).status).toBe('Progressing');
  });
});

describe('Application health check', () => {
  it('passes the child Application health through, Progressing until it has one', async () => {
    expect(await runHealthLua(APPLICATION_HEALTH_LUA, {})).toEqual({ status: 'Progressing', message: '' });
    expect(await runHealthLua(APPLICATION_HEALTH_LUA, { status: { health: { status: 'Degraded', message: 'x' } } })).toEqual({ status: 'Degraded', message: 'x' });
    expect(await runHealthLua(APPLICATION_HEALTH_LUA, { status: { health: { status: 'Healthy' } } })).toEqual({ status: 'Healthy', message: '' });
  });
});
