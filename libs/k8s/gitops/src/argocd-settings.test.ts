import { APPLICATION_HEALTH_LUA, TEKTON_CONFIG_HEALTH_LUA } from './argocd-settings';

interface Health {
  readonly status: string;
  readonly message: string;
}

/**
 * Runs an ArgoCD health check by translating the small Lua subset the platform's checks use
 * (assignments, `if/elseif/end`, `for _, x in ipairs(...) do`, `~=`/`==` against `nil`,
 * `and`/`or`, `string.find(s, literal, 1, true)`) to JavaScript. Anything else fails the
 * translation, so a check that grows beyond the subset is noticed here.
 */
function runHealthLua(lua: string, obj: unknown): Health {
  const js = lua
    .split('\n')
    .map((line) => {
      let l = line
        .replace(/string\.find\(([^,]+), ("[^"]*"), 1, true\)/g, '((String($1).indexOf($2) >= 0) ? 1 : null)')
        .replace(/~= nil/g, '!= null')
        .replace(/== nil/g, '== null')
        .replace(/~=/g, '!==')
        .replace(/ and /g, ' && ')
        .replace(/ or /g, ' || ');
      l = l.replace(/^(\s*)hs = \{\}$/, '$1const hs = {};');
      l = l.replace(/^(\s*)for _, (\w+) in ipairs\((.+)\) do$/, '$1for (const $2 of $3) {');
      l = l.replace(/^(\s*)elseif (.+) then$/, '$1} else if ($2) {');
      l = l.replace(/^(\s*)if (.+) then$/, '$1if ($2) {');
      l = l.replace(/^(\s*)else$/, '$1} else {');
      l = l.replace(/^(\s*)end$/, '$1}');
      if (/\b(then|do|local|function|elseif|nil|not)\b|\.\./.test(l.replace(/"[^"]*"/g, '""'))) throw new Error(`untranslated Lua: ${line}`);
      return l;
    })
    .join('\n');
  return new Function('obj', js)(obj) as Health;
}

const ready = (status: string, reason?: string, message?: string) => ({ status: { conditions: [{ type: 'ComponentsReady', status: 'True' }, { type: 'Ready', status, reason, message }] } });

describe('TektonConfig health check', () => {
  it('is Progressing without status, while Ready is Unknown, and while components are still being installed', () => {
    expect(runHealthLua(TEKTON_CONFIG_HEALTH_LUA, {})).toEqual({ status: 'Progressing', message: 'waiting for the Ready condition' });
    expect(runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('Unknown', 'Reconciling')).status).toBe('Progressing');
    // the operator reports reason Error during every install: MarkComponentNotReady
    expect(runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'Error', 'Ready: Components not ready'))).toEqual({ status: 'Progressing', message: 'Ready: Components not ready' });
  });

  it('is Healthy once Ready is True', () => {
    expect(runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('True')).status).toBe('Healthy');
  });

  it('is Degraded when Ready is False with a terminal reason, with the operator message', () => {
    expect(runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'Error', 'Ready: PreReconciliation failed'))).toEqual({ status: 'Degraded', message: 'Ready: PreReconciliation failed' });
    expect(runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'InstallerSetFailed', 'TektonInstallerSet pipeline-main-static failed')).status).toBe('Degraded');
    expect(runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'Error')).status).toBe('Degraded');
    // a False Ready with another reason is not known to be terminal
    expect(runHealthLua(TEKTON_CONFIG_HEALTH_LUA, ready('False', 'Upgrading')).status).toBe('Progressing');
  });
});

describe('Application health check', () => {
  it('passes the child Application health through, Progressing until it has one', () => {
    expect(runHealthLua(APPLICATION_HEALTH_LUA, {})).toEqual({ status: 'Progressing', message: '' });
    expect(runHealthLua(APPLICATION_HEALTH_LUA, { status: { health: { status: 'Degraded', message: 'x' } } })).toEqual({ status: 'Degraded', message: 'x' });
    expect(runHealthLua(APPLICATION_HEALTH_LUA, { status: { health: { status: 'Healthy' } } })).toEqual({ status: 'Healthy', message: '' });
  });
});
