import { AWS_PARTITION } from '@platform/config';

/** The AWS partition every environment runs in: defined with the other cross-layer names in `@platform/config`. */
export { AWS_PARTITION };

/** IAM policy grammar version. @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html */
export const IAM_POLICY_VERSION = '2012-10-17';

/** A principal block of a resource or trust policy. */
export type PolicyPrincipal = '*' | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[]; readonly Federated?: string };

/** One statement of an IAM identity, resource, trust or key policy, in the AWS JSON vocabulary. */
export interface PolicyStatement {
  /** Statement id: PascalCase, unique in the document. */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  /** Exact actions (`service:Action`); `Allow` statements never use a `*` wildcard. */
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  /** `{ operator: { conditionKey: value(s) } }`, e.g. `{ Bool: { 'aws:SecureTransport': 'false' } }`. */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * Serializes statements as a policy JSON string. Terraform tokens (e.g. a key ARN) may appear as
 * string values: they resolve to `${...}` interpolations inside the string. Wildcard actions are
 * refused in `Allow` statements; a `Deny` may use one (e.g. `s3:*` in the TLS-only guard), which
 * only ever narrows access.
 * @param context where the policy is built (an environment name or a construct path), prefixed to error messages (`<context>: ...`)
 * @throws Error naming the context (when given) and the statement when a Sid repeats or an Allow action contains `*`
 */
export function policyJson(statements: readonly PolicyStatement[], context?: string): string {
  const prefix = context === undefined ? '' : `${context}: `;
  const sids = new Set<string>();
  for (const s of statements) {
    if (sids.has(s.Sid)) throw new Error(`${prefix}policy statement Sid "${s.Sid}" is used twice; Sids must be unique`);
    sids.add(s.Sid);
    const actions = typeof s.Action === 'string' ? [s.Action] : s.Action;
    const wildcard = actions.find((a) => a.includes('*'));
    if (wildcard && s.Effect === 'Allow') throw new Error(`${prefix}policy statement "${s.Sid}" allows the wildcard action "${wildcard}"; list exact actions`);
  }
  return JSON.stringify({ Version: IAM_POLICY_VERSION, Statement: statements });
}

/**
 * Denies every request to `resources` that does not use TLS (`aws:SecureTransport` false).
 * @param actions the service's actions, typically `s3:*` or `sqs:*` (a wildcard is safe in a Deny)
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export function denyInsecureTransport(actions: readonly string[], resources: readonly string[]): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: actions,
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Trust policy letting one AWS service assume a role, optionally with extra conditions (confused-deputy guards). */
export function serviceTrustPolicy(
  service: string,
  actions: readonly string[] = ['sts:AssumeRole'],
  condition?: PolicyStatement['Condition'],
): string {
  return policyJson([{ Sid: 'ServiceAssumeRole', Effect: 'Allow', Principal: { Service: service }, Action: actions, ...(condition ? { Condition: condition } : {}) }]);
}

/** `arn:aws:iam::aws:policy/<name>`: an AWS managed policy. */
export function awsManagedPolicyArn(name: string): string {
  return `arn:${AWS_PARTITION}:iam::aws:policy/${name}`;
}

/**
 * The AWS account and primary region resources are created in: the environment's `aws` section
 * satisfies it, and so does any construct's props holding these two fields.
 */
export interface AwsAccountRegion {
  /** 12-digit AWS account id. */
  readonly accountId: string;
  /** Region code, e.g. `eu-west-1` (commercial partition only, see `AWS_PARTITION`). */
  readonly region: string;
}

/** `arn:aws:<service>:<region>:<account>:<resource>` in the given account and region. */
export function regionalArn(target: AwsAccountRegion, service: string, resource: string): string {
  return `arn:${AWS_PARTITION}:${service}:${target.region}:${target.accountId}:${resource}`;
}

/** `arn:aws:iam::<account>:<resource>`: IAM is global (no region). */
export function iamArn(accountId: string, resource: string): string {
  return `arn:${AWS_PARTITION}:iam::${accountId}:${resource}`;
}

/** `arn:aws:iam::<account>:root`: the account itself, to delegate key access to IAM policies. */
export function accountRootArn(accountId: string): string {
  return iamArn(accountId, 'root');
}
