import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { CloudTrailAudit, EcrPullThroughCache, EcrRepositories, GuardDutyDetector, GuardDutyFindingAlerts } from '@platform/aws-audit';
import { KMS_KEY_PURPOSES } from '@platform/aws-kms';
import {
  accessLogBucketName,
  alertsTopicArn,
  bucketName,
  clusterName,
  ecrRepositoryName,
  kmsAlias,
  PULL_THROUGH_UPSTREAMS,
  type PullThroughUpstream,
  pullThroughCredentialSecretName,
  pullThroughRepositoryPrefix,
} from '@platform/config';
import type { Construct } from 'constructs';

/**
 * State `audit`: CloudTrail, GuardDuty (EKS audit logs + runtime monitoring; findings of MEDIUM or higher to the alerts topic), the ECR repositories and
 * the ECR pull-through caches of upstream registries the image policies do not allow directly.
 */
export class AuditStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { env } = props;
    const name = clusterName(env);
    new CloudTrailAudit(this, 'cloudtrail', {
      accountId: env.aws.accountId,
      region: env.aws.region,
      trailName: name,
      bucketName: bucketName(env, 'cloudtrail'),
      keyAliasName: kmsAlias(env, KMS_KEY_PURPOSES.cloudtrail),
      retentionDays: env.audit.cloudTrailRetentionDays,
      transitionToInfrequentAccessDays: env.storage.transitionToInfrequentAccessDays,
      accessLogBucketName: accessLogBucketName(env),
    });
    new GuardDutyDetector(this, 'guardduty', { mode: env.audit.guardDutyDetector, findingPublishingFrequency: env.audit.guardDutyFindingFrequency, runtimeMonitoring: env.audit.guardDutyRuntimeMonitoring });
    new GuardDutyFindingAlerts(this, 'guardduty-alerts', { clusterName: name, alertsTopicArn: alertsTopicArn(env) });
    new EcrRepositories(this, 'ecr', {
      accountId: env.aws.accountId,
      keyAliasName: kmsAlias(env, KMS_KEY_PURPOSES.ecr),
      environmentName: env.name,
      repositories: env.ecr.repositories.map((repo) => ({ id: repo, name: ecrRepositoryName(env, repo) })),
      maxImageCount: env.ecr.maxImageCount,
    });
    for (const upstream of Object.keys(PULL_THROUGH_UPSTREAMS) as PullThroughUpstream[]) {
      new EcrPullThroughCache(this, `ecr-cache-${upstream}`, {
        upstream,
        repositoryPrefix: pullThroughRepositoryPrefix(env, upstream),
        credentialSecretName: pullThroughCredentialSecretName(env, upstream),
        environmentName: env.name,
        maxImageCount: env.ecr.maxImageCount,
      });
    }
  }
}
