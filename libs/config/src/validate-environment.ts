import type { z } from 'zod';
import { cidrsOverlap } from './cidr';
import { ConfigError } from './config-error';
import { type EnvironmentConfig, environmentSchema } from './environment-schema';

/** Formats a zod issue path as `network.publicAccessCidrs[0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

function issueLines(label: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${label}: ${formatIssuePath(issue.path) || '(root)'}: ${issue.message}`);
}

/**
 * Validates one environment declaration.
 * @param label the environment name used in messages (the folder name, in case `name` itself is invalid)
 * @throws ConfigError listing every invalid field as `<env>: <path>: <message>`
 */
export function parseEnvironment(label: string, input: unknown): EnvironmentConfig {
  const result = environmentSchema.safeParse(input);
  if (!result.success) throw new ConfigError(issueLines(label, result.error));
  if (result.data.name !== label) {
    throw new ConfigError([`${label}: name: is "${result.data.name}" but the environment folder is "${label}"; make them equal`]);
  }
  return result.data as EnvironmentConfig;
}

/**
 * Rules that span environments: unique names, and no overlapping VPC CIDRs between environments
 * that share an account and region (they could never be peered or share a Transit Gateway), and at
 * most one environment per account and region creating the GuardDuty detector.
 * @throws ConfigError listing every violation
 */
export function validateEnvironmentSet(envs: readonly EnvironmentConfig[]): void {
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const env of envs) {
    if (seen.has(env.name)) issues.push(`${env.name}: name: is used by more than one environment; names must be unique`);
    seen.add(env.name);
  }
  for (let i = 0; i < envs.length; i++) {
    for (let j = i + 1; j < envs.length; j++) {
      const a = envs[i];
      const b = envs[j];
      if (a.aws.accountId !== b.aws.accountId || a.aws.region !== b.aws.region) continue;
      if (cidrsOverlap(a.network.vpcCidr, b.network.vpcCidr)) {
        issues.push(
          `${b.name}: network.vpcCidr: ${b.network.vpcCidr} overlaps ${a.name}'s ${a.network.vpcCidr} in account ${a.aws.accountId} ${a.aws.region}; pick a disjoint range`,
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

export { cidrsOverlap };
