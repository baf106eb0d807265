import type { z } from 'zod';
import { cidrsOverlap, nextFreeCidr } from './cidr';
import { ConfigError } from './config-error';
import { unknownKeyMessage } from './did-you-mean';
import { type EnvironmentConfig, environmentSchema } from './environment-schema';
import { serviceIssueContext } from './schema/golden-path';

/** Formats a zod issue path as `network.publicAccessCidrs[0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

function issueLines(label: string, error: z.ZodError, input: unknown): string[] {
  // golden path: a field error of a tenant service also names the tenant and the service
  return error.issues.map((issue) => `${label}: ${formatIssuePath(issue.path) || '(root)'}${serviceIssueContext(input, issue.path, issue.message)}: ${issue.message}`);
}

/**
 * Parse-time error map: an unknown key names the closest valid key and lists the valid ones (zod's
 * default is `Unrecognized key: "argcd"` alone). Other issues keep their messages.
 */
function explainUnknownKeys(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  return unknownKeyMessage(issue.keys, validKeysOf(issue.inst));
}

/** Keys an object schema declares, or the values of a record's enum key (`z.partialRecord(z.enum(...))`). */
function validKeysOf(inst: unknown): string[] {
  const def = (inst as { _zod?: { def?: { shape?: Record<string, unknown>; keyType?: { options?: unknown[] } } } } | undefined)?._zod?.def;
  if (def?.shape) return Object.keys(def.shape);
  return (def?.keyType?.options ?? []).map(String);
}

/**
 * Validates one environment declaration.
 * @param label the environment name used in messages (the folder name, in case `name` itself is invalid)
 * @throws ConfigError listing every invalid field as `<env>: <path>: <message>`
 */
export function parseEnvironment(label: string, input: unknown): EnvironmentConfig {
  const result = environmentSchema.safeParse(input, { error: explainUnknownKeys });
  if (!result.success) throw new ConfigError(issueLines(label, result.error, input));
  if (result.data.name !== label) {
    throw new ConfigError([`${label}: name: is "${result.data.name}" but the environment folder is "${label}"; make them equal`]);
  }
  return result.data as EnvironmentConfig;
}

/** The file an environment is declared in, for messages. */
export function environmentFile(name: string): string {
  return `environments/${name}/env.ts`;
}

export interface EnvironmentSetOptions {
  /**
   * The environment being synthesized (or added). A conflict between it and another environment is
   * reported on it, naming the other one and its file, because its file is the one being worked on;
   * a conflict between two others is reported on the later of the two in name order.
   */
  readonly focus?: string;
}

/**
 * Rules that span environments: unique names; among environments that share an account and region,
 * disjoint VPC CIDRs (they could never be peered or share a Transit Gateway) and at most one
 * GuardDuty detector creator; among environments that share an account, one creator of the
 * account-wide IAM resources, distinct `dns.domain`s (a second public zone for the same name in one
 * account is never the delegated one) and distinct `argocd.sso.clientId`s and
 * `observability.grafana.sso.clientId`s (one OIDC client per ArgoCD and per Grafana: a shared client
 * accepts one environment's tokens in the other).
 * Each issue starts with the environment to edit and names the other environment and its file.
 * @throws ConfigError listing every violation
 */
export function validateEnvironmentSet(envs: readonly EnvironmentConfig[], options: EnvironmentSetOptions = {}): void {
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const env of envs) {
    if (seen.has(env.name)) issues.push(`${env.name}: name: is used by more than one environment; names must be unique`);
    seen.add(env.name);
  }
  /** [blamed, other]: the focus environment when it is one of the two, else the later name. */
  const order = (a: EnvironmentConfig, b: EnvironmentConfig): [EnvironmentConfig, EnvironmentConfig] => {
    if (a.name === options.focus) return [a, b];
    if (b.name === options.focus) return [b, a];
    return a.name <= b.name ? [b, a] : [a, b];
  };
  for (let i = 0; i < envs.length; i++) {
    for (let j = i + 1; j < envs.length; j++) {
      const [env, other] = order(envs[i], envs[j]);
      if (env.aws.accountId !== other.aws.accountId) continue;
      const account = `account ${env.aws.accountId}`;
      const otherAt = `${other.name} (${environmentFile(other.name)})`;
      if (env.aws.region === other.aws.region && cidrsOverlap(env.network.vpcCidr, other.network.vpcCidr)) {
        const free = nextFreeCidr(
          env.network.vpcCidr,
          envs.filter((e) => e.name !== env.name).map((e) => e.network.vpcCidr),
        );
        issues.push(
          `${env.name}: network.vpcCidr: ${env.network.vpcCidr} overlaps ${other.network.vpcCidr} of ${otherAt} in ${account} ${env.aws.region}; ` +
            `VPCs of one account and region must be disjoint: set a free range${free ? ` such as ${free}` : ''} in ${environmentFile(env.name)}`,
        );
      }
      if (env.dns.domain === other.dns.domain) {
        issues.push(
          `${env.name}: dns.domain: "${env.dns.domain}" is also the domain of ${otherAt} in ${account}; ` +
            `each environment needs its own domain (its own Route53 zone, certificate and hostnames): set e.g. "${suggestDomain(env.name, other)}" in ${environmentFile(env.name)}`,
        );
      }
      if (env.argocd.sso.clientId === other.argocd.sso.clientId) {
        issues.push(
          `${env.name}: argocd.sso.clientId: "${env.argocd.sso.clientId}" is also the OIDC client of ${otherAt} in ${account}; ` +
            `register a client for ${env.name} at the provider (e.g. "argocd-${env.name}") and set it in ${environmentFile(env.name)}`,
        );
      }
      if (env.observability.grafana.sso.clientId === other.observability.grafana.sso.clientId) {
        issues.push(
          `${env.name}: observability.grafana.sso.clientId: "${env.observability.grafana.sso.clientId}" is also the OIDC client of ${otherAt} in ${account}; ` +
            `register a client for ${env.name} at the provider (e.g. "grafana-${env.name}") and set it in ${environmentFile(env.name)}`,
        );
      }
    }
  }
  const iamOwners = new Map<string, string>();
  for (const env of envs) {
    if (env.aws.accountIamResources !== 'create') continue;
    const owner = iamOwners.get(env.aws.accountId);
    if (owner) {
      issues.push(
        `${env.name}: aws.accountIamResources: ${owner} already creates the account-wide IAM resources of account ${env.aws.accountId} (IAM is global); set 'existing'`,
      );
    } else {
      iamOwners.set(env.aws.accountId, env.name);
    }
  }
  const detectorOwners = new Map<string, string>();
  for (const env of envs) {
    if (env.audit.guardDutyDetector !== 'create') continue;
    const key = `${env.aws.accountId} ${env.aws.region}`;
    const owner = detectorOwners.get(key);
    if (owner) {
      issues.push(
        `${env.name}: audit.guardDutyDetector: ${owner} already creates the GuardDuty detector of account ${key} (one per account and region); set 'existing'`,
      );
    } else {
      detectorOwners.set(key, env.name);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
}

/** `staging.platform.acme.example` of `staging` -> `qa.platform.acme.example` for `qa`; else `<name>.<domain>`. */
export function suggestDomain(name: string, from: Pick<EnvironmentConfig, 'name' | 'dns'>): string {
  const labels = from.dns.domain.split('.');
  return labels[0] === from.name ? [name, ...labels.slice(1)].join('.') : `${name}.${from.dns.domain}`;
}

export { cidrsOverlap };
