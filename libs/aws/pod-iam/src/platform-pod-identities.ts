import { DataAwsKmsAlias } from '@cdktn/provider-aws/lib/data-aws-kms-alias';
import { DataAwsRoute53Zone } from '@cdktn/provider-aws/lib/data-aws-route53-zone';
import { AWS_PARTITION, iamArn, regionalArn } from '@platform/aws-core';
import { bucketKeyPurpose, KMS_KEY_PURPOSES } from '@platform/aws-kms';
import {
  alertsTopicArn,
  type BucketPurpose,
  bucketName,
  clusterName,
  ecrRepositoryName,
  type EnvironmentConfig,
  interruptionQueueName,
  karpenterNodeRoleName,
  kmsAlias,
  type PodIdentityEntry,
} from '@platform/config';
import { Construct } from 'constructs';
import type { PermissionContext } from './permission-context';
import { permissionStatements } from './permission-statements';
import { PodIdentityRole } from './pod-identity-role';

export interface PlatformPodIdentitiesProps {
  readonly env: EnvironmentConfig;
  /** The workload identities to create: the environment's `podIdentityContract(env)` (only enabled add-ons). */
  readonly entries: readonly PodIdentityEntry[];
}

/**
 * A `PodIdentityRole` for every entry of `entries`, keyed by entry id. Resource
 * names come from the naming contract; generated ARNs are looked up only when an entry needs them:
 * KMS keys by alias (`alias/<cluster>/<purpose>`, created by the cluster and storage stacks) and the
 * hosted zone by `dns.hostedZoneId`, or by `dns.domain` when the dns stack created it.
 * @throws Error naming the entry when two entries share an id or a namespace/service account
 */
export class PlatformPodIdentities extends Construct {
  public readonly identities: Readonly<Record<string, PodIdentityRole>>;

  constructor(scope: Construct, id: string, props: PlatformPodIdentitiesProps) {
    super(scope, id);
    const { env } = props;
    const cluster = clusterName(env);
    const aliases = new Map<string, DataAwsKmsAlias>();
    const keyArn = (purpose: string): string => {
      let alias = aliases.get(purpose);
      if (!alias) {
        alias = new DataAwsKmsAlias(this, `kms-${purpose}`, { name: kmsAlias(env, purpose) });
        aliases.set(purpose, alias);
      }
      return alias.targetKeyArn;
    };
    let zone: DataAwsRoute53Zone | undefined;
    const ctx: PermissionContext = {
      partition: AWS_PARTITION,
      accountId: env.aws.accountId,
      region: env.aws.region,
      clusterName: cluster,
      clusterArn: regionalArn(env.aws, 'eks', `cluster/${cluster}`),
      interruptionQueueArn: regionalArn(env.aws, 'sqs', interruptionQueueName(env)),
      karpenterNodeRoleArn: iamArn(env.aws.accountId, `role/${karpenterNodeRoleName(env)}`),
      ecrRepositoriesArn: regionalArn(env.aws, 'ecr', `repository/${ecrRepositoryName(env, '*')}`),
      hostedZoneArn: () => {
        if (env.dns.hostedZoneId) return `arn:${AWS_PARTITION}:route53:::hostedzone/${env.dns.hostedZoneId}`;
        zone ??= new DataAwsRoute53Zone(this, 'hosted-zone', { name: env.dns.domain, privateZone: false });
        return zone.arn;
      },
      ebsKeyArn: () => keyArn(KMS_KEY_PURPOSES.ebs),
      unsealKeyArn: () => keyArn(KMS_KEY_PURPOSES.openbaoUnseal),
      bucketName: (purpose: BucketPurpose) => bucketName(env, purpose),
      bucketKeyArn: (purpose: BucketPurpose) => keyArn(bucketKeyPurpose(purpose)),
      alertsTopicArn: alertsTopicArn(env),
      alertsKeyArn: () => keyArn(KMS_KEY_PURPOSES.alerts),
    };

    const identities: Record<string, PodIdentityRole> = {};
    const serviceAccounts = new Set<string>();
    for (const entry of props.entries) {
      const sa = `${entry.namespace}/${entry.serviceAccount}`;
      if (identities[entry.id]) throw new Error(`${env.name}: pod identity contract lists entry id "${entry.id}" twice`);
      if (serviceAccounts.has(sa)) throw new Error(`${env.name}: pod identity entry "${entry.id}" reuses service account ${sa}; one association per service account`);
      serviceAccounts.add(sa);
      identities[entry.id] = new PodIdentityRole(this, entry.id, {
        env,
        entry,
        statements: entry.permissions.flatMap((p) => permissionStatements(ctx, p, entry.id)),
      });
    }
    this.identities = identities;
  }
}
