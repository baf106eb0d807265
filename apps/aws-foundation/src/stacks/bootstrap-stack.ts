import { PlatformStack } from '@platform/aws-core';
import { StateBackend } from '@platform/aws-state';
import type { EnvironmentConfig } from '@platform/config';
import type { Construct } from 'constructs';

export interface BootstrapStackProps {
  readonly env: EnvironmentConfig;
}

/**
 * State `bootstrap` (local backend: it creates the bucket every other stack keeps its state in):
 * the Terraform state bucket and the access-log bucket.
 */
export class BootstrapStack extends PlatformStack {
  public readonly backend: StateBackend;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id, { env: props.env, backend: 'local' });
    this.backend = new StateBackend(this, 'state-backend', { env: props.env });
  }
}
