import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { type EnvironmentConfig, mandatoryTags, stateBucketName, stateKey } from '@platform/config';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktn';
import type { Construct } from 'constructs';
import { AWS_PROVIDER_VERSION, TERRAFORM_REQUIRED_VERSION } from './provider-versions';

export interface PlatformStackProps {
  readonly env: EnvironmentConfig;
  /**
   * `s3`: remote state in the environment's state bucket, key `<env>/<stack>.tfstate`, encrypted,
   * with the native S3 lockfile. `local`: only for the `bootstrap` stack that creates that bucket.
   * @default 's3'
   */
  readonly backend?: 's3' | 'local';
}

/**
 * A Terraform stack with its own state, the AWS provider pinned exactly, the environment's
 * account locked in (`allowed_account_ids`) and the mandatory tags as `default_tags`.
 * The construct id is the stack name and becomes `dist/<env>/terraform/<id>/`.
 */
export class PlatformStack extends TerraformStack {
  public readonly env: EnvironmentConfig;
  public readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    if (!/^[a-z][a-z0-9-]*$/.test(id)) {
      throw new Error(`${props.env.name}: stack id "${id}" must be lower-case letters, digits and dashes (it is the state key and the output folder)`);
    }
    this.env = props.env;
    this.provider = new AwsProvider(this, 'aws', {
      region: props.env.aws.region,
      allowedAccountIds: [props.env.aws.accountId],
      defaultTags: [{ tags: { ...mandatoryTags(props.env), Stack: id } }],
    });
    this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
    this.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_VERSION);
    if ((props.backend ?? 's3') === 's3') {
      new S3Backend(this, {
        bucket: stateBucketName(props.env),
        key: stateKey(props.env, id),
        region: props.env.aws.region,
        encrypt: true,
        useLockfile: true,
      });
    } else {
      new LocalBackend(this, { path: `${id}.tfstate` });
    }
  }
}
