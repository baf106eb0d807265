import * as ipaddr from 'ipaddr.js';
import * as semver from 'semver';
import { z } from 'zod';

/**
 * CloudWatch Logs accepts only these retention values (days).
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const logRetentionDays = z
  .number()
  .int()
  .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
    message: `must be a CloudWatch Logs retention value (${LOG_RETENTION_DAYS.join(', ')})`,
  });

/** Commercial AWS region code, e.g. `eu-west-1`. */
export const awsRegion = z
  .string()
  .regex(/^(us|eu|ap|ca|sa|me|af|il|mx)-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d$/, {
    message: 'must be an AWS region code such as eu-west-1',
  });

/** An IPv4 CIDR in canonical form (host bits zero), e.g. `10.20.0.0/16`. */
export const ipv4Cidr = z.string().superRefine((value, ctx) => {
  if (!ipaddr.IPv4.isValidCIDR(value)) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an IPv4 CIDR such as 10.0.0.0/16` });
    return;
  }
  const [addr, prefix] = ipaddr.IPv4.parseCIDR(value);
  const network = ipaddr.IPv4.networkAddressFromCIDR(value);
  if (network.toString() !== addr.toString()) {
    ctx.addIssue({ code: 'custom', message: `"${value}" has host bits set; use ${network.toString()}/${prefix}` });
  }
});

/** An exact semantic version (no range, no `*`), optionally `v`-prefixed as some charts publish. */
export const exactVersion = z.string().refine((v) => semver.valid(v) !== null, {
  message: 'must be an exact version such as 1.2.3 (no ranges, no wildcards)',
});

export const emailAddress = z.email({ message: 'must be an e-mail address' });

/**
 * An IAM role or user ARN. STS session ARNs (`assumed-role/...`) are rejected: EKS CreateAccessEntry
 * accepts only IAM principals.
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html
 */
export const iamPrincipalArn = z
  .string()
  .regex(/^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, {
    message: 'must be an IAM role or user ARN such as arn:aws:iam::123456789012:role/PlatformAdmin (EKS access entries reject STS session ARNs)',
  });

/** RFC 1123 DNS subdomain used for the environment domain, e.g. `dev.example.com`. */
export const dnsDomain = z
  .string()
  .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: 'must be a lower-case DNS domain such as dev.example.com',
  });

/**
 * `refine` for lists whose entries must be unique: one issue per repeated entry, at its index.
 * @param what how to name the entry in the message, e.g. `"admin principal"`
 */
export function uniqueEntries<T>(what: string) {
  return (list: readonly T[], ctx: z.RefinementCtx): void => {
    list.forEach((item, i) => {
      if (list.indexOf(item) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${what} ${JSON.stringify(item)} is listed twice; list each once` });
    });
  };
}

