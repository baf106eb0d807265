import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { CloudTrailAudit, EcrPullThroughCache, EcrRepositories, GuardDutyDetector, GuardDutyFindingAlerts } from '@platform/aws-audit';
import { accessLogBucketName, PULL_THROUGH_UPSTREAMS, type PullThroughUpstream } from '@platform/config';
import type { Construct } from 'constructs';

/**
 * State `audit`: CloudTrail, GuardDuty (EKS audit logs + runtime monitoring; findings of MEDIUM or higher to the alerts topic), the ECR repositories and
 * the ECR pull-through caches of upstream registries the image policies do not allow directly.
 */
export class AuditStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { env } = props;
    new CloudTrailAudit(this, 'cloudtrail', { env, accessLogBucketName: accessLogBucketName(env) });
    new GuardDutyDetector(this, 'guardduty', { env });
    new GuardDutyFindingAlerts(this, 'guardduty-alerts', { env });
    new EcrRepositories(this, 'ecr', { env });
    for (const upstream of Object.keys(PULL_THROUGH_UPSTREAMS) as PullThroughUpstream[]) {
      new EcrPullThroughCache(this, `ecr-cache-${upstream}`, { env, upstream, maxImageCount: env.ecr.maxImageCount });
    }
  }
}
