import { DataAwsKmsAlias } from '@cdktn/provider-aws/lib/data-aws-kms-alias';
import { DataAwsRoute53Zone } from '@cdktn/provider-aws/lib/data-aws-route53-zone';
import { AWS_PARTITION, iamArn, regionalArn } from '@platform/aws-core';
import { bucketKeyPurpose, KMS_KEY_PURPOSES } from '@platform/aws-kms';
import type { BucketPurpose, PodIdentityEntry } from '@platform/config';
import { Construct } from 'constructs';
import type { PermissionContext } from './permission-context';
import { permissionStatements } from './permission-statements';
import { PodIdentityRole } from './pod-identity-role';

/** The environment's public hosted zone, as the dns stack leaves it. */
export interface HostedZoneRef {
  /** Its id when it exists outside Terraform (`dns.hostedZoneId`). @default looked up by `domain` */
  readonly id?: string;
  /** The zone's domain (`dns.domain`), looked up when there is no `id` (the dns stack created the zone). */
  readonly domain: string;
}

export interface PlatformPodIdentitiesProps {
  /** Account of the cluster and every named resource. */
  readonly accountId: string;
  /** Region of the cluster and every regional resource. */
  readonly region: string;
  /** The cluster name (`clusterName(env)`). */
  readonly clusterName: string;
  /** Name of the Karpenter interruption queue, `interruptionQueueName(env)`. */
  readonly interruptionQueueName: string;
  /** Name of the Karpenter node role, `karpenterNodeRoleName(env)`. */
  readonly karpenterNodeRoleName: string;
  /** Repository-name pattern of the application images, `ecrRepositoryName(env, '*')` (`<org>/<env>/*`). */
  readonly ecrRepositoryPattern: string;
  /** The hosted zone DNS permissions are scoped to. */
  readonly hostedZone: HostedZoneRef;
  /** Name of each purpose bucket, `bucketName(env, purpose)`. */
  readonly bucketNames: Readonly<Record<BucketPurpose, string>>;
  /** The KMS alias of a key purpose, `(purpose) => kmsAlias(env, purpose)`: keys are looked up by alias. */
  readonly keyAliasName: (purpose: string) => string;
  /** ARN of the alerts topic, `alertsTopicArn(env)`. */
  readonly alertsTopicArn: string;
  /** The IAM role name of an entry, `(entry) => podIdentityRoleName(env, entry)`. */
  readonly roleNameOf: (entry: PodIdentityEntry) => string;
  /** The workload identities to create: the environment's `podIdentityContract(env)` (only enabled add-ons). */
  readonly entries: readonly PodIdentityEntry[];
}

/**
 * A `PodIdentityRole` for every entry of `entries`, keyed by entry id. Resource
 * names come from the naming contract; generated ARNs are looked up only when an entry needs them:
 * KMS keys by alias (`keyAliasName(purpose)`, created by the cluster and storage stacks) and the
 * hosted zone by `hostedZone.id`, or by `hostedZone.domain` when the dns stack created it.
 * @throws Error naming the entry when two entries share an id or a namespace/service account (the
 *   contract is derived, not validated by the schema: this construct is the one place of the rule)
 */
export class PlatformPodIdentities extends Construct {
  public readonly identities: Readonly<Record<string, PodIdentityRole>>;

  constructor(scope: Construct, id: string, props: PlatformPodIdentitiesProps) {
    super(scope, id);
    const cluster = props.clusterName;
    const account = { accountId: props.accountId, region: props.region };
    const aliases = new Map<string, DataAwsKmsAlias>();
    const keyArn = (purpose: string): string => {
      let alias = aliases.get(purpose);
      if (!alias) {
        alias = new DataAwsKmsAlias(this, `kms-${purpose}`, { name: props.keyAliasName(purpose) });
        aliases.set(purpose, alias);
      }
      return alias.targetKeyArn;
    };
    let zone: DataAwsRoute53Zone | undefined;
    const ctx: PermissionContext = {
      partition: AWS_PARTITION,
      accountId: props.accountId,
      region: props.region,
      clusterName: cluster,
      clusterArn: regionalArn(account, 'eks', `cluster/${cluster}`),
      interruptionQueueArn: regionalArn(account, 'sqs', props.interruptionQueueName),
      karpenterNodeRoleArn: iamArn(props.accountId, `role/${props.karpenterNodeRoleName}`),
      ecrRepositoriesArn: regionalArn(account, 'ecr', `repository/${props.ecrRepositoryPattern}`),
      hostedZoneArn: () => {
        if (props.hostedZone.id) return `arn:${AWS_PARTITION}:route53:::hostedzone/${props.hostedZone.id}`;
        zone ??= new DataAwsRoute53Zone(this, 'hosted-zone', { name: props.hostedZone.domain, privateZone: false });
        return zone.arn;
      },
      ebsKeyArn: () => keyArn(KMS_KEY_PURPOSES.ebs),
      unsealKeyArn: () => keyArn(KMS_KEY_PURPOSES.openbaoUnseal),
      bucketName: (purpose: BucketPurpose) => props.bucketNames[purpose],
      bucketKeyArn: (purpose: BucketPurpose) => keyArn(bucketKeyPurpose(purpose)),
      alertsTopicArn: props.alertsTopicArn,
      alertsKeyArn: () => keyArn(KMS_KEY_PURPOSES.alerts),
    };

    const identities: Record<string, PodIdentityRole> = {};
    const serviceAccounts = new Set<string>();
    for (const entry of props.entries) {
      const sa = `${entry.namespace}/${entry.serviceAccount}`;
      if (identities[entry.id]) throw new Error(`${this.node.path}: entries list the pod identity entry id "${entry.id}" twice`);
      if (serviceAccounts.has(sa)) throw new Error(`${this.node.path}: pod identity entry "${entry.id}" reuses service account ${sa}; one association per service account`);
      serviceAccounts.add(sa);
      identities[entry.id] = new PodIdentityRole(this, entry.id, {
        ...account,
        clusterName: cluster,
        roleName: props.roleNameOf(entry),
        entry,
        statements: entry.permissions.flatMap((p) => permissionStatements(ctx, p, entry.id)),
      });
    }
    this.identities = identities;
  }
}
