import { PlatformStack, type PlatformStackProps } from '@platform/aws-core';
import { CloudTrailAudit, EcrRepositories, GuardDutyDetector } from '@platform/aws-audit';
import { accessLogBucketName } from '@platform/config';
import type { Construct } from 'constructs';

/** State `audit`: CloudTrail, GuardDuty (EKS audit logs + runtime monitoring) and the ECR repositories. */
export class AuditStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { env } = props;
    new CloudTrailAudit(this, 'cloudtrail', { env, accessLogBucketName: accessLogBucketName(env) });
    new GuardDutyDetector(this, 'guardduty', { env });
    new EcrRepositories(this, 'ecr', { env });
  }
}
