import { stringify } from 'yaml';

/**
 * Typed Falco rules-file items. Conditions may use the macros of Falco's default ruleset
 * (`spawned_process`, `container`, `open_read`, `open_write`, `outbound`), which Falco loads before the
 * custom rules in `/etc/falco/rules.d`.
 * @see https://falco.org/docs/concepts/rules/basic-elements/
 * @see https://github.com/falcosecurity/rules/blob/main/rules/falco_rules.yaml (default macros)
 */

/** Falco rule priorities, most severe first. @see https://falco.org/docs/concepts/rules/basic-elements/#priority */
export const FALCO_RULE_PRIORITIES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG'] as const;
export type FalcoRulePriority = (typeof FALCO_RULE_PRIORITIES)[number];

/** A named list, referenced in conditions as `(<name>)`. */
export interface FalcoList {
  readonly list: string;
  readonly items: readonly string[];
}

/** A named condition fragment. */
export interface FalcoMacro {
  readonly macro: string;
  readonly condition: string;
}

/** One detection rule. */
export interface FalcoRule {
  readonly rule: string;
  readonly desc: string;
  readonly condition: string;
  /** Output line; `%field` placeholders are filled from the event. */
  readonly output: string;
  readonly priority: FalcoRulePriority;
  /** Always `platform` plus the area and the MITRE ATT&CK tactic/technique. */
  readonly tags: readonly string[];
}

export type FalcoRulesItem = FalcoList | FalcoMacro | FalcoRule;

/** Shell binaries (the default ruleset's `shell_binaries`, restated so the platform rule does not change with it). */
export const SHELL_BINARIES: readonly string[] = ['ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash'];
/** Files OpenBao/Vault CLIs and agents keep a client token in (`bao login` writes `~/.vault-token`). @see https://openbao.org/docs/commands/token-helper/ */
export const OPENBAO_TOKEN_FILES: readonly string[] = ['.vault-token', '.bao-token'];
/** Processes of the CloudNativePG Barman Cloud plugin that archive WAL and base backups to S3 over HTTPS. */
export const DATABASE_BACKUP_PROCESSES: readonly string[] = ['barman-cloud-wal-archive', 'barman-cloud-backup', 'barman-cloud-wal-restore', 'barman-cloud-restore', 'plugin-barman-cloud'];

export interface PlatformFalcoRulesProps {
  /** Namespaces of the platform add-ons (no interactive shell expected there). */
  readonly platformNamespaces: readonly string[];
  /** Namespaces of the database workloads; the egress rule is rendered only when non-empty. */
  readonly databaseNamespaces: readonly string[];
  /** CIDRs inside the cluster and the VPC (VPC CIDR, Service CIDR); egress elsewhere from a database is unexpected. */
  readonly internalCidrs: readonly string[];
  /** Namespaces allowed to read OpenBao tokens: External Secrets Operator and OpenBao itself. */
  readonly openbaoTokenReaders: readonly string[];
}

const quoted = (items: readonly string[]): string => items.map((i) => `"${i}"`).join(', ');
const POD = 'ns=%k8s.ns.name pod=%k8s.pod.name container=%container.name image=%container.image.repository:%container.image.tag';

/**
 * The platform's own detections, with lists and macros first (Falco resolves names in file order):
 * a shell in a platform namespace, a write below `/etc` in any container, egress from a database namespace to
 * anywhere outside the cluster and the VPC (except the S3 backup tooling over HTTPS), and a read of an OpenBao
 * token file by a pod outside External Secrets and OpenBao.
 * @throws Error when a namespace list the rules need is empty (Falco rejects `in ()`)
 */
export function platformFalcoRules(props: PlatformFalcoRulesProps): FalcoRulesItem[] {
  for (const [field, list] of [['platformNamespaces', props.platformNamespaces], ['internalCidrs', props.internalCidrs], ['openbaoTokenReaders', props.openbaoTokenReaders]] as const) {
    if (list.length === 0) throw new Error(`platformFalcoRules: ${field} must not be empty`);
  }
  const items: FalcoRulesItem[] = [
    { list: 'platform_namespaces', items: [...props.platformNamespaces].sort() },
    { list: 'platform_shell_binaries', items: SHELL_BINARIES },
    { list: 'platform_openbao_token_files', items: OPENBAO_TOKEN_FILES },
    { list: 'platform_openbao_token_readers', items: [...props.openbaoTokenReaders].sort() },
    { macro: 'platform_container', condition: 'container and k8s.ns.name exists' },
    {
      rule: 'Platform shell in a platform namespace',
      desc: 'An interactive or scripted shell started in a container of a platform add-on namespace; platform workloads never need one (kubectl exec, a compromised process).',
      condition: 'spawned_process and platform_container and proc.name in (platform_shell_binaries) and k8s.ns.name in (platform_namespaces)',
      output: `Shell in platform namespace (${POD} shell=%proc.name cmdline=%proc.cmdline parent=%proc.pname user=%user.name)`,
      priority: 'WARNING',
      tags: ['platform', 'shell', 'mitre_execution', 'T1059'],
    },
    {
      rule: 'Platform write below /etc',
      desc: 'A container process opened a file below /etc for writing: configuration tampering or persistence (images are immutable; configuration comes from ConfigMaps and Secrets).',
      condition: 'open_write and platform_container and fd.name startswith /etc/',
      output: `File below /etc opened for writing (${POD} file=%fd.name proc=%proc.cmdline user=%user.name)`,
      priority: 'ERROR',
      tags: ['platform', 'filesystem', 'mitre_persistence', 'T1546'],
    },
    {
      rule: 'Platform OpenBao token read outside External Secrets',
      desc: 'A pod outside External Secrets and OpenBao read an OpenBao client token file: token theft gives the token owner\'s secrets.',
      condition: 'open_read and platform_container and fd.filename in (platform_openbao_token_files) and not k8s.ns.name in (platform_openbao_token_readers)',
      output: `OpenBao token file read (${POD} file=%fd.name proc=%proc.cmdline user=%user.name)`,
      priority: 'CRITICAL',
      tags: ['platform', 'secrets', 'mitre_credential_access', 'T1552'],
    },
  ];
  if (props.databaseNamespaces.length > 0) {
    items.splice(4, 0, { list: 'platform_database_namespaces', items: [...props.databaseNamespaces].sort() }, { list: 'platform_database_backup_processes', items: DATABASE_BACKUP_PROCESSES });
    items.push({
      rule: 'Platform unexpected egress from a database namespace',
      desc: 'A database pod connected outside the cluster and the VPC; only the Barman Cloud backup tooling reaches S3 over HTTPS (data exfiltration, a reverse shell).',
      condition:
        `outbound and platform_container and k8s.ns.name in (platform_database_namespaces) and not fd.snet in (${quoted(props.internalCidrs)}) ` +
        'and not (fd.sport = 443 and proc.name in (platform_database_backup_processes))',
      output: `Unexpected egress from database namespace (${POD} connection=%fd.name proc=%proc.cmdline)`,
      priority: 'CRITICAL',
      tags: ['platform', 'network', 'mitre_exfiltration', 'T1041'],
    });
  }
  return items;
}

/** A rules file as Falco reads it: a YAML list of items (deterministic key order). */
export function renderFalcoRules(items: readonly FalcoRulesItem[]): string {
  return stringify(items, { lineWidth: 0 });
}
