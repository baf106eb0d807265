import { PlatformStack, STATE_KEY_PURPOSE } from '@platform/aws-core';
import { StateBackend } from '@platform/aws-state';
import { accessLogBucketName, clusterName, type EnvironmentConfig, kmsAlias, stateBucketName } from '@platform/config';
import type { Construct } from 'constructs';

export interface BootstrapStackProps {
  readonly env: EnvironmentConfig;
}

/**
 * State `bootstrap`: the Terraform state bucket, its CMK and the access-log bucket. Like every
 * stack it declares the S3 backend (key `<env>/bootstrap.tfstate`) and so keeps its state in the
 * bucket it creates. The first apply, before that bucket exists, goes through
 * `tools/scripts/bootstrap-state.sh <env>`: a local backend override in a temporary copy, then
 * `terraform init -migrate-state` into the bucket.
 * @see docs/architecture.md "Stacks and apply order"
 */
export class BootstrapStack extends PlatformStack {
  public readonly backend: StateBackend;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id, { env: props.env });
    const { env } = props;
    this.backend = new StateBackend(this, 'state-backend', {
      accountId: env.aws.accountId,
      stateBucketName: stateBucketName(env),
      keyAliasName: kmsAlias(env, STATE_KEY_PURPOSE),
      accessLogBucket: {
        bucketName: accessLogBucketName(env),
        accountId: env.aws.accountId,
        sourceBucketPrefix: clusterName(env),
        // Server access logs complement the CloudTrail trail: kept as long.
        retentionDays: env.audit.cloudTrailRetentionDays,
        transitionToInfrequentAccessDays: env.storage.transitionToInfrequentAccessDays,
      },
    });
  }
}
