import { argoGlob } from './argo-glob';

const matches = (pattern: string, text: string): boolean => argoGlob(pattern)(text);

describe('argoGlob (ArgoCD util/glob: gobwas/glob without separators)', () => {
  it('lets * and ** match any run of characters, / included, and ? exactly one', () => {
    expect(matches('*.yaml', 'a/b.yaml')).toBe(true);
    expect(matches('nested/*', 'nested/deeper/cm.yaml')).toBe(true);
    expect(matches('**/cm.yaml', 'a/b/cm.yaml')).toBe(true);
    expect(matches('*', 'https://kubernetes.default.svc')).toBe(true);
    expect(matches('https://github.com/acme/*', 'https://github.com/acme/gitops.git')).toBe(true);
    expect(matches('config?.json', 'config1.json')).toBe(true);
    expect(matches('config?.json', 'config.json')).toBe(false);
    expect(matches('a?b', 'a/b')).toBe(true);
  });

  it('matches {a,b} alternatives and [..] / [!..] classes, on the whole string', () => {
    expect(matches('{root-application.yaml,priority-classes.yaml}', 'priority-classes.yaml')).toBe(true);
    expect(matches('{root-application.yaml,priority-classes.yaml}', 'namespace.yaml')).toBe(false);
    expect(matches('{a,b}.yaml,c', 'a.yaml,c')).toBe(true);
    expect(matches('{objects.yaml,nested/*}', 'nested/cm.yaml')).toBe(true);
    expect(matches('[!n]*.yaml', 'namespace.yaml')).toBe(false);
    expect(matches('[!n]*.yaml', 'other.yaml')).toBe(true);
    expect(matches('[ab].yaml', 'b.yaml')).toBe(true);
    expect(matches('*.yaml', 'a.yaml.bak')).toBe(false);
    expect(matches('a.yaml', 'xa.yaml')).toBe(false);
  });

  it('treats regex metacharacters, dot files, a leading ! and extglob syntax literally', () => {
    expect(matches('a.b', 'axb')).toBe(false);
    expect(matches('*.yaml', '.hidden.yaml')).toBe(true);
    expect(matches('!x', '!x')).toBe(true);
    expect(matches('!x', 'y')).toBe(false);
    expect(matches('+(a)', '+(a)')).toBe(true);
    expect(matches('+(a)', 'aa')).toBe(false);
    expect(matches('(a|b)', 'a')).toBe(false);
    expect(matches('(a|b)', '(a|b)')).toBe(true);
    expect(matches('a\\*', 'a*')).toBe(true);
    expect(matches('a\\*', 'ab')).toBe(false);
  });

  it('matches the empty pattern (the core API group) only against the empty string', () => {
    expect(matches('', '')).toBe(true);
    expect(matches('', 'apps')).toBe(false);
    expect(matches('*', '')).toBe(true);
    expect(matches('a*', 'a')).toBe(true);
    expect(matches('*', '..')).toBe(true);
  });
});
