import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { type EnvironmentConfig, kmsAliasArn, mandatoryTags, stateBucketName, stateKey } from '@platform/config';
import { S3Backend, TerraformDataSource, type TerraformElement, TerraformResource, TerraformStack } from 'cdktn';
import type { Construct, Node } from 'constructs';
import { AWS_PROVIDER_VERSION, TERRAFORM_REQUIRED_VERSION } from './provider-versions';
import { stableLogicalId } from './stable-logical-id';

/** A Terraform `moved` block in JSON syntax. @see https://developer.hashicorp.com/terraform/language/modules/develop/refactoring */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

/**
 * Purpose of the state bucket's CMK; its alias is `alias/<cluster>/tfstate` (`kmsAlias`). The
 * bootstrap stack creates the key under this purpose (`KMS_KEY_PURPOSES.tfstate` in `libs/aws/kms`
 * is this constant).
 */
export const STATE_KEY_PURPOSE = 'tfstate';

/**
 * ARN of the state CMK's alias, `arn:aws:kms:<region>:<account>:alias/<cluster>/tfstate`, which
 * every stack's S3 backend passes as `kms_key_id`. Without it `encrypt = true` makes Terraform PUT
 * the state with `x-amz-server-side-encryption: AES256` (SSE-S3), which overrides the bucket's
 * default SSE-KMS. Terraform accepts alias ARNs here since 1.6.1.
 * @see https://developer.hashicorp.com/terraform/language/backend/s3#kms_key_id
 */
export function stateKmsKeyAliasArn(env: EnvironmentConfig): string {
  return kmsAliasArn(env, STATE_KEY_PURPOSE);
}

export interface PlatformStackProps {
  readonly env: EnvironmentConfig;
}

/**
 * A Terraform stack with its own state, the AWS provider pinned exactly, the environment's
 * account locked in (`allowed_account_ids`) and the mandatory tags as `default_tags`.
 * The construct id is the stack name and becomes `dist/<env>/terraform/<id>/`.
 *
 * Every stack, `bootstrap` included, uses the S3 backend: bucket `stateBucketName(env)`, key
 * `<env>/<stack>.tfstate`, `encrypt` with the state CMK (`kms_key_id` = `stateKmsKeyAliasArn(env)`)
 * and the native S3 lockfile.
 *
 * Resources and data sources get readable addresses from their construct path below the stack
 * (`aws_budgets_budget.budget`, no cdktn hash; `stableLogicalId`), and the stack emits a `moved`
 * block from each resource's former hashed address so existing state moves instead of being
 * replaced. Two constructs that would share an address fail synth naming both paths. The bootstrap stack's first apply, before the bucket exists, runs
 * with a local `backend_override.tf.json` outside `dist/` and then migrates its state into the
 * bucket (`tools/scripts/bootstrap-state.sh`), so no state file ever lives in the output tree.
 * @throws Error naming the stack id when it is not lower-case letters, digits and dashes
 * @throws Error naming both construct paths when two resources would get the same address
 * @see https://developer.hashicorp.com/terraform/language/backend/s3
 */
export class PlatformStack extends TerraformStack {
  public readonly env: EnvironmentConfig;
  public readonly provider: AwsProvider;
  private readonly addresses = new Map<string, string>();

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
    new S3Backend(this, {
      bucket: stateBucketName(props.env),
      key: stateKey(props.env, id),
      region: props.env.aws.region,
      encrypt: true,
      kmsKeyId: stateKmsKeyAliasArn(props.env),
      useLockfile: true,
    });
  }

  /** Readable addresses for resources and data sources; cdktn's hashed ids for everything else. */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    if (!(element instanceof TerraformResource || element instanceof TerraformDataSource)) return super.allocateLogicalId(element);
    const scopes = element.node.scopes;
    const id = stableLogicalId(scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id));
    const address = `${element instanceof TerraformDataSource ? 'data.' : ''}${element.terraformResourceType}.${id}`;
    const taken = this.addresses.get(address);
    if (taken !== undefined && taken !== element.node.path) {
      throw new Error(`${this.env.name}: stack "${this.node.id}": "${taken}" and "${element.node.path}" would both be ${address}; rename one construct id`);
    }
    this.addresses.set(address, element.node.path);
    return id;
  }

  /**
   * `moved` blocks from cdktn's former hashed address of every managed resource to its readable
   * one, sorted by target; resources whose address did not change (or that already move) get none.
   */
  public movedBlocks(): MovedBlock[] {
    const blocks: MovedBlock[] = [];
    for (const c of this.node.findAll()) {
      if (!(c instanceof TerraformResource) || TerraformStack.of(c) !== this || c.hasResourceMove()) continue;
      const former = super.allocateLogicalId(c);
      if (former !== c.friendlyUniqueId) blocks.push({ from: `${c.terraformResourceType}.${former}`, to: `${c.terraformResourceType}.${c.friendlyUniqueId}` });
    }
    return blocks.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  }

  public override toTerraform(): Record<string, unknown> {
    const tf = super.toTerraform() as Record<string, unknown>;
    const moved = this.movedBlocks();
    if (moved.length > 0) tf['moved'] = [...((tf['moved'] as MovedBlock[] | undefined) ?? []), ...moved];
    return tf;
  }
}
