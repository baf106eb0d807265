import { KmsAlias } from '@cdktn/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktn/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { accountRootArn, policyJson, type PolicyStatement } from '@platform/aws-core';
import { Construct } from 'constructs';

/**
 * Days KMS waits before deleting a scheduled key: the maximum, so an accidental `destroy` can be
 * cancelled for a month. @see https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
 */
export const KMS_DELETION_WINDOW_DAYS = 30;

/**
 * What the account root may do with every key: full administration and use, listed explicitly
 * (no `kms:*`). Granting these to the account root delegates access control to IAM policies, as the
 * default key policy does, so the key can never become unmanageable.
 *
 * Exactly the key-resource actions that apply to a single-Region SYMMETRIC_DEFAULT
 * (ENCRYPT_DECRYPT) key with AWS_KMS key material: key administration, aliases, grants, tags,
 * rotation, and the cryptographic operations Encrypt, Decrypt, ReEncrypt*, GenerateDataKey,
 * GenerateDataKeyWithoutPlaintext and GenerateDataKeyPair(WithoutPlaintext), which wrap an
 * asymmetric data key pair under a symmetric key. Left out because they cannot apply to these keys:
 * GenerateMac/VerifyMac (HMAC keys), Sign/Verify/GetPublicKey/DeriveSharedSecret (asymmetric keys),
 * ReplicateKey/UpdatePrimaryRegion (multi-Region keys), ImportKeyMaterial/DeleteImportedKeyMaterial/
 * GetParametersForImport (EXTERNAL key material). Account-level actions (CreateKey, ListKeys,
 * ListAliases, GenerateRandom) have no key resource and belong in IAM policies, not a key policy.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-compare.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
 */
export const KMS_ACCOUNT_ROOT_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:RetireGrant',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/** Data-plane actions a service needs to encrypt and decrypt with a symmetric key. */
export const KMS_ENCRYPT_DECRYPT_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:DescribeKey',
] as const;

/**
 * What KMS accepts as an alias name: `alias/` then letters, digits, `/`, `_` or `-`, at most 256
 * characters in all, never under the AWS-reserved `alias/aws/`.
 * @see https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html#KMS-CreateAlias-request-AliasName
 */
export const KMS_ALIAS_NAME_PATTERN = /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/;

export interface PlatformKmsKeyProps {
  /** 12-digit account id; its root principal administers the key (`AccountRootAdministersKey`). */
  readonly accountId: string;
  /**
   * The key's alias, `alias/<cluster>/<purpose>` from `kmsAlias(env, purpose)` (`@platform/config`):
   * other stacks and the Kubernetes side find the key by it.
   */
  readonly aliasName: string;
  /** Human description stored on the key. */
  readonly description: string;
  /**
   * Statements appended to the key policy after the account-root statement, e.g. a service
   * principal (`logs.<region>.amazonaws.com`) scoped by encryption context. `Resource` defaults to `*`,
   * which in a key policy means "this key".
   * @default none
   */
  readonly statements?: readonly PolicyStatement[];
  /** Provider for another region (e.g. the backup replica). @default the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * A symmetric customer-managed KMS key with yearly automatic rotation, a 30-day deletion window,
 * an explicit key policy and the alias `aliasName`.
 * @throws Error naming `aliasName` and its value when KMS would refuse it (`KMS_ALIAS_NAME_PATTERN`)
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
export class PlatformKmsKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: PlatformKmsKeyProps) {
    super(scope, id);
    if (!KMS_ALIAS_NAME_PATTERN.test(props.aliasName)) {
      throw new Error(`${this.node.path}: aliasName "${props.aliasName}" is not a KMS alias name; use "alias/" followed by letters, digits, "/", "_" or "-" (at most 256 characters, not under alias/aws/)`);
    }
    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountRootAdministersKey',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(props.accountId) },
        Action: KMS_ACCOUNT_ROOT_ACTIONS,
        // In a key policy, "*" means this key. @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
        Resource: '*',
      },
      ...(props.statements ?? []).map((s) => ({ Resource: '*', ...s })),
    ];
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      // Explicit, because KMS_ACCOUNT_ROOT_ACTIONS is exactly the action set of this kind of key.
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      multiRegion: false,
      enableKeyRotation: true,
      deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
      policy: policyJson(statements, this.node.path),
      provider: props.provider,
    });
    this.alias = new KmsAlias(this, 'alias', {
      name: props.aliasName,
      targetKeyId: this.key.keyId,
      provider: props.provider,
    });
  }

  /** The key ARN (a Terraform token). */
  public get arn(): string {
    return this.key.arn;
  }
}
