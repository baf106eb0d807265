import { z } from 'zod';
import * as ipaddr from 'ipaddr.js';
import { awsTagProblem } from '../aws-tags';
import { awsRegion, dnsDomain, emailAddress, iamPrincipalArn, ipv4Cidr, logRetentionDays, uniqueEntries } from './primitives';

/** Interface VPC endpoints a private cluster needs; names are the service suffix of `com.amazonaws.<region>.<name>`. */
export const INTERFACE_ENDPOINT_SERVICES = [
  'ec2',
  'ecr.api',
  'ecr.dkr',
  'eks',
  'eks-auth',
  'elasticloadbalancing',
  'kms',
  'logs',
  'sqs',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'sts',
] as const;

/**
 * Kubernetes minors the workspace can target: the one `cdk8s-plus-NN` in package.json (ADR 0002)
 * and the EKS add-on versions pinned in `libs/aws/eks` exist for these only. Adding a minor means
 * bumping cdk8s-plus and the add-on catalog together.
 */
export const SUPPORTED_KUBERNETES_MINORS = ['1.34'] as const;

/**
 * zod skips object-level refinements once any field of the object failed; cross-field rules pass
 * this so every bad field is reported in one run (ADR 0007). Such rules must guard what they read.
 */
export const RUN_ALWAYS = { when: (): boolean => true } as const;

export const awsSchema = z.strictObject({
  /** 12-digit AWS account id the environment is deployed into. */
  accountId: z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' }),
  /** Primary region. */
  region: awsRegion,
  /**
   * Account-wide IAM resources (one per account, not per environment), e.g. the EC2 Spot
   * service-linked role Karpenter needs to launch Spot capacity. `create` in exactly one
   * environment per account; `existing` in the others (or when the account already has them).
   * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/service-linked-roles-spot-instance-requests.html
   */
  accountIamResources: z.enum(['create', 'existing']),
});

/** A string AWS accepts as a tag value (character set and length, see `AWS_TAG_CHARACTERS`). */
const awsTagValue = z.string().superRefine((value, ctx) => {
  const problem = awsTagProblem('value', value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const tagsSchema = z.strictObject({
  /** Short organization slug; prefixes every shared name (cluster, buckets, roles). */
  organization: z.string().regex(/^[a-z][a-z0-9]{1,11}$/, { message: 'must be 2-12 lower-case letters or digits' }),
  /** Owning team, e-mail or distribution list. Becomes the `Owner` tag (AWS tag characters only, see `awsTagProblem`). */
  owner: awsTagValue.min(2),
  /** Finance cost centre. Becomes the `CostCenter` tag. */
  costCenter: z.string().regex(/^[A-Za-z0-9-]{2,32}$/, { message: 'must be 2-32 letters, digits or dashes' }),
});

/**
 * The subnet layout cuts the VPC into halves and quarters, then each tier into the next power of
 * two of the AZ count: the public and intra subnets are `/(vpcPrefix + 3 + ceil(log2(azCount)))`.
 * @see libs/aws/network/src/subnet-plan.ts for the layout itself
 */
export function smallestSubnetPrefix(vpcPrefix: number, azCount: number): number {
  return vpcPrefix + 3 + Math.ceil(Math.log2(azCount));
}

/** AWS refuses subnets smaller than /28. @see https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html */
export const MIN_SUBNET_PREFIX = 28;

/**
 * Why `vpcCidr` (prefix `vpcPrefix`) cannot hold the subnets of `azCount` AZs, or `undefined` when it
 * can. The schema is the one place of this rule: `planSubnets` (libs/aws/network) trusts a validated CIDR.
 */
export function vpcTooSmallForAzs(vpcCidr: string, vpcPrefix: number, azCount: number): string | undefined {
  const smallest = smallestSubnetPrefix(vpcPrefix, azCount);
  if (smallest <= MIN_SUBNET_PREFIX) return undefined;
  const needed = MIN_SUBNET_PREFIX - (smallest - vpcPrefix);
  return `${vpcCidr} is too small for ${azCount} AZs: public and intra subnets would be /${smallest}, below the AWS minimum /${MIN_SUBNET_PREFIX}; use a /${needed} or larger, or fewer AZs (network.azCount)`;
}

export const networkSchema = z
  .strictObject({
    /** VPC IPv4 CIDR; subnet sizes are derived from it (see `smallestSubnetPrefix`). */
    vpcCidr: ipv4Cidr,
    /** Number of availability zones to spread subnets over; the region must have at least this many. */
    azCount: z.number().int().min(2).max(6),
    /** `single`: one NAT gateway (cheap, zonal SPOF). `perAz`: one per AZ (resilient). */
    natGateways: z.enum(['single', 'perAz']),
    /** VPC flow log retention in CloudWatch Logs, days. */
    flowLogRetentionDays: logRetentionDays,
    /** Interface endpoints to create for private cluster traffic, each at most once. */
    interfaceEndpoints: z.array(z.enum(INTERFACE_ENDPOINT_SERVICES)),
  })
  .superRefine(
    (n, ctx) => {
      // Runs even when other network fields failed (RUN_ALWAYS), so it guards every field it reads.
      const prefix = typeof n.vpcCidr === 'string' && ipaddr.IPv4.isValidCIDR(n.vpcCidr) ? ipaddr.IPv4.parseCIDR(n.vpcCidr)[1] : undefined;
      const azCountValid = Number.isInteger(n.azCount) && n.azCount >= 2 && n.azCount <= 6;
      const tooSmall = prefix !== undefined && azCountValid ? vpcTooSmallForAzs(n.vpcCidr, prefix, n.azCount) : undefined;
      if (tooSmall) ctx.addIssue({ code: 'custom', path: ['vpcCidr'], message: tooSmall });
      if (Array.isArray(n.interfaceEndpoints)) {
        n.interfaceEndpoints.forEach((service, i) => {
          if (n.interfaceEndpoints.indexOf(service) !== i) {
            ctx.addIssue({ code: 'custom', path: ['interfaceEndpoints', i], message: `"${service}" is listed twice; list each endpoint once` });
          }
        });
      }
    },
    RUN_ALWAYS,
  );

/** EKS default quota of nodes per managed node group. @see https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html */
export const MAX_NODES_PER_MANAGED_NODE_GROUP = 450;

export const nodeGroupSchema = z
  .strictObject({
    /** EKS managed node group AMI family. */
    amiType: z.enum(['AL2023_x86_64_STANDARD', 'AL2023_ARM_64_STANDARD', 'BOTTLEROCKET_x86_64', 'BOTTLEROCKET_ARM_64']),
    /** Instance types in order of preference; all should share vCPU/memory so the group scales evenly. */
    instanceTypes: z.array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: 'must be an EC2 instance type' })).min(1),
    /** Fewest nodes, count; keep >= 2 so system add-ons survive a node loss. */
    minSize: z.number().int().min(1),
    /** Initial node count; EKS keeps it afterwards unless the group is resized. */
    desiredSize: z.number().int().min(1),
    /** Most nodes, count; EKS allows at most `MAX_NODES_PER_MANAGED_NODE_GROUP`. */
    maxSize: z.number().int().min(1).max(MAX_NODES_PER_MANAGED_NODE_GROUP, { message: `must be at most ${MAX_NODES_PER_MANAGED_NODE_GROUP} (EKS service quota "Nodes per managed node group"); use Karpenter pools for more capacity` }),
    /** Root volume size, GiB (gp3, encrypted). */
    diskSizeGiB: z.number().int().min(20).max(1000),
  })
  .superRefine((g, ctx) => {
    if (g.minSize > g.desiredSize || g.desiredSize > g.maxSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['desiredSize'],
        message: `must satisfy minSize <= desiredSize <= maxSize (got ${g.minSize} <= ${g.desiredSize} <= ${g.maxSize})`,
      });
    }
  });

export const clusterSchema = z
  .strictObject({
    /** EKS Kubernetes minor; one of `SUPPORTED_KUBERNETES_MINORS` (the cdk8s-plus minor, ADR 0002). */
    version: z.enum(SUPPORTED_KUBERNETES_MINORS, {
      message: `must be a supported Kubernetes minor (${SUPPORTED_KUBERNETES_MINORS.join(', ')}): the workspace's cdk8s-plus-NN and the pinned EKS add-on versions exist only for those`,
    }),
    /** Whether the public API endpoint is enabled; the private endpoint is always on. */
    endpointPublicAccess: z.boolean(),
    /** CIDRs allowed to reach the public endpoint; required when it is on, never 0.0.0.0/0. */
    publicAccessCidrs: z.array(ipv4Cidr),
    /** Principals granted AmazonEKSClusterAdminPolicy through access entries, each once. */
    adminPrincipalArns: z.array(iamPrincipalArn).min(1).superRefine(uniqueEntries('admin principal')),
    /**
     * Kubernetes Service CIDR (`kubernetes_network_config.service_ipv4_cidr`); the API server's
     * in-cluster address is its first IP, which NetworkPolicies must allow (the VPC CNI enforces
     * egress before kube-proxy translates the ClusterIP). Must not overlap the VPC.
     * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html
     */
    serviceIpv4Cidr: ipv4Cidr,
    /**
     * Networks (VPN, Transit Gateway peers) allowed to reach the private API endpoint on 443 through
     * the cluster security group; how admins run kubectl when the public endpoint is off.
     */
    privateAccessCidrs: z.array(ipv4Cidr).superRefine(uniqueEntries('CIDR')),
    /** Control-plane log retention, days. */
    logRetentionDays: logRetentionDays,
    /** The managed, on-demand node group that runs system add-ons (Karpenter, CoreDNS, ArgoCD). */
    systemNodeGroup: nodeGroupSchema,
  })
  .superRefine(
    (c, ctx) => {
      // Runs even when other cluster fields failed (RUN_ALWAYS), so it guards every field it reads.
      if (typeof c.endpointPublicAccess !== 'boolean' || !Array.isArray(c.publicAccessCidrs) || !Array.isArray(c.privateAccessCidrs)) return;
      if (c.endpointPublicAccess && c.publicAccessCidrs.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['publicAccessCidrs'], message: 'must list at least one CIDR when endpointPublicAccess is true' });
      }
      if (!c.endpointPublicAccess && c.publicAccessCidrs.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['publicAccessCidrs'], message: 'must be empty when endpointPublicAccess is false' });
      }
      c.publicAccessCidrs.forEach((cidr, i) => {
        if (cidr.endsWith('/0')) {
          ctx.addIssue({ code: 'custom', path: ['publicAccessCidrs', i], message: `"${cidr}" opens the API to the internet; list office/VPN CIDRs` });
        }
      });
      c.privateAccessCidrs.forEach((cidr, i) => {
        if (cidr.endsWith('/0')) {
          ctx.addIssue({ code: 'custom', path: ['privateAccessCidrs', i], message: `"${cidr}" is not a private admin network; list VPN/Transit Gateway CIDRs` });
        }
      });
      if (typeof c.serviceIpv4Cidr === 'string' && ipaddr.IPv4.isValidCIDR(c.serviceIpv4Cidr)) {
        const [addr, prefix] = ipaddr.IPv4.parseCIDR(c.serviceIpv4Cidr);
        const rfc1918 = (['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const).some((r) => addr.match(ipaddr.IPv4.parseCIDR(r)));
        if (prefix < 12 || prefix > 24 || !rfc1918) {
          ctx.addIssue({ code: 'custom', path: ['serviceIpv4Cidr'], message: `"${c.serviceIpv4Cidr}" must be a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (EKS requirement)` });
        }
      }
    },
    RUN_ALWAYS,
  );

export const dnsSchema = z.strictObject({
  /** Environment domain, e.g. `dev.platform.example.com`. Ingress hosts and the ACM certificate hang off it. */
  domain: dnsDomain,
  /** Existing Route53 hosted zone id; when absent a zone is created. */
  hostedZoneId: z
    .string()
    .regex(/^Z[A-Z0-9]{8,31}$/, { message: 'must be a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ' })
    .optional(),
});

export const storageSchema = z.strictObject({
  /** Loki chunks retention, days. */
  logsRetentionDays: z.number().int().min(1).max(3650),
  /** Tempo traces retention, days. */
  tracesRetentionDays: z.number().int().min(1).max(3650),
  /** Mimir blocks retention, days. */
  metricsRetentionDays: z.number().int().min(1).max(3650),
  /** Backups (CloudNativePG, Velero) retention, days. */
  backupsRetentionDays: z.number().int().min(1).max(3650),
  /**
   * Days before objects move to STANDARD_IA. S3 requires at least 30: `SecureBucket` (libs/aws/storage)
   * refuses less, naming the bucket and the value; that construct is the one place of the rule, since
   * it is also built with values that never pass through this schema.
   */
  transitionToInfrequentAccessDays: z.number().int().positive(),
  /** When set, backups are replicated to this region. */
  backupReplicaRegion: awsRegion.optional(),
});

export const auditSchema = z.strictObject({
  /** CloudTrail object retention in its bucket, days. */
  cloudTrailRetentionDays: z.number().int().min(90).max(3650),
  /** GuardDuty finding publishing frequency. */
  guardDutyFindingFrequency: z.enum(['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS']),
  /**
   * GuardDuty allows one detector per account and region. `create`: this environment owns the
   * detector and its EKS features. `existing`: another environment in the same account and region
   * owns it (e.g. dev and staging sharing an account); this one only checks that it exists.
   * @default 'create'
   */
  guardDutyDetector: z.enum(['create', 'existing']).default('create'),
  /**
   * GuardDuty Runtime Monitoring with EKS add-on management: GuardDuty installs its runtime agent (EKS add-on
   * `aws-guardduty-agent`, a host-access DaemonSet in namespace `amazon-guardduty`) on every node. With
   * `guardDutyDetector: 'existing'` it states what the owning environment's detector runs. Gatekeeper excludes the
   * agent's namespace while it is on.
   * @default true
   */
  guardDutyRuntimeMonitoring: z.boolean().default(true),
});

export const ecrSchema = z.strictObject({
  /** Application image repositories (names, without the organization prefix). */
  repositories: z
    .array(z.string().regex(/^[a-z0-9]+([._-][a-z0-9]+)*$/, { message: 'must be an ECR repository name' }))
    .superRefine(uniqueEntries('repository')),
  /** Untagged/old images kept per repository. */
  maxImageCount: z.number().int().min(1).max(1000),
});

/**
 * Upper bound of every USD amount of the budget section: far above any real platform budget, and
 * low enough that an amount always renders as a plain decimal (JavaScript switches to exponent
 * notation from 1e21, which AWS Budgets rejects). A typo such as `1e30` is an error, not a budget.
 */
export const MAX_BUDGET_USD = 10_000_000;

/** A USD amount of at least one cent and at most `MAX_BUDGET_USD`. */
const usdAmount = z
  .number()
  .min(0.01, { message: 'must be at least 0.01 USD' })
  .max(MAX_BUDGET_USD, { message: `must be at most ${MAX_BUDGET_USD} USD (MAX_BUDGET_USD); check for a typo such as 1e30` });

export const budgetSchema = z.strictObject({
  /** Monthly cost budget, USD, 0.01 to `MAX_BUDGET_USD`. */
  monthlyLimitUsd: usdAmount,
  /** Notification thresholds as a percentage of the limit (actual spend). */
  thresholdsPercent: z
    .array(z.number().positive().max(1000))
    .min(1)
    .max(4, { message: 'at most 4 thresholds: AWS Budgets allows 5 notifications per budget and one is the FORECASTED notification' })
    .superRefine(uniqueEntries('threshold')),
  /** E-mail addresses notified at each threshold and for cost anomalies. */
  recipients: z.array(emailAddress).min(1),
  /** Anomaly alert when the absolute impact exceeds this many USD, 0.01 to `MAX_BUDGET_USD`. */
  anomalyThresholdUsd: usdAmount,
});
