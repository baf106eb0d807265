import { PlatformStack } from '@platform/aws-core';
import { StateBackend } from '@platform/aws-state';
import type { EnvironmentConfig } from '@platform/config';
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
    this.backend = new StateBackend(this, 'state-backend', { env: props.env });
  }
}
