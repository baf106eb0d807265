import { parse } from 'yaml';
import { type FalcoRule, platformFalcoRules, renderFalcoRules } from './falco-rules';

const props = { platformNamespaces: ['argocd', 'cert-manager'], databaseNamespaces: ['databases'], internalCidrs: ['10.0.0.0/16', '172.20.0.0/16'], openbaoTokenReaders: ['external-secrets', 'openbao'] };
const rules = (items = platformFalcoRules(props)) => items.filter((i): i is FalcoRule => 'rule' in i);

describe('platformFalcoRules', () => {
  it('renders the four platform detections, each tagged platform + MITRE, with lists before their first use', () => {
    const items = platformFalcoRules(props);
    expect(rules(items).map((r) => [r.rule, r.priority])).toEqual([
      ['Platform shell in a platform namespace', 'WARNING'],
      ['Platform write below /etc', 'ERROR'],
      ['Platform OpenBao token read outside External Secrets', 'CRITICAL'],
      ['Platform unexpected egress from a database namespace', 'CRITICAL'],
    ]);
    for (const r of rules(items)) expect(r.tags.some((t) => t.startsWith('mitre_')) && r.tags[0] === 'platform').toBe(true);
    const names = items.map((i) => ('list' in i ? i.list : 'macro' in i ? i.macro : i.rule));
    for (const r of rules(items)) {
      for (const used of r.condition.match(/platform_[a-z_]+/g) ?? []) expect([r.rule, names.indexOf(used) >= 0 && names.indexOf(used) < names.indexOf(r.rule)]).toEqual([r.rule, true]);
    }
  });

  it('scopes each rule: shells to platform namespaces, egress to database namespaces outside the internal CIDRs except S3 backups, token reads outside ESO and OpenBao', () => {
    const [shell, etc, token, egress] = rules();
    expect(shell.condition).toBe('spawned_process and platform_container and proc.name in (platform_shell_binaries) and k8s.ns.name in (platform_namespaces)');
    expect(etc.condition).toContain('open_write and platform_container and fd.name startswith /etc/');
    expect(token.condition).toContain('not k8s.ns.name in (platform_openbao_token_readers)');
    expect(egress.condition).toContain('k8s.ns.name in (platform_database_namespaces) and not fd.snet in ("10.0.0.0/16", "172.20.0.0/16")');
    expect(egress.condition).toContain('not (fd.sport = 443 and proc.name in (platform_database_backup_processes))');
    const lists = Object.fromEntries(platformFalcoRules(props).flatMap((i) => ('list' in i ? [[i.list, i.items]] : [])));
    expect(lists['platform_namespaces']).toEqual(['argocd', 'cert-manager']);
    expect(lists['platform_openbao_token_readers']).toEqual(['external-secrets', 'openbao']);
  });

  it('leaves the egress rule out without database namespaces, and refuses empty lists Falco would reject', () => {
    expect(rules(platformFalcoRules({ ...props, databaseNamespaces: [] })).map((r) => r.rule)).not.toContain('Platform unexpected egress from a database namespace');
    expect(() => platformFalcoRules({ ...props, platformNamespaces: [] })).toThrow('platformFalcoRules: platformNamespaces must not be empty');
  });

  it('renders a YAML list Falco reads, deterministically', () => {
    const text = renderFalcoRules(platformFalcoRules(props));
    expect(parse(text)).toEqual(platformFalcoRules(props));
    expect(renderFalcoRules(platformFalcoRules({ ...props, platformNamespaces: ['cert-manager', 'argocd'] }))).toBe(text);
  });
});
