/**
 * The AWS provider release that `@cdktn/provider-aws` 25.7.0 was generated from. Stacks pin it
 * exactly in `required_providers`, so `terraform init` installs the provider the bindings match.
 * @see node_modules/@cdktn/provider-aws/lib/provider/index.js `terraformGeneratorMetadata.providerVersion`
 */
export const AWS_PROVIDER_VERSION = '6.66.0';

/** Terraform CLI versions the emitted JSON is valid for (S3 native lockfile needs >= 1.10). */
export const TERRAFORM_REQUIRED_VERSION = '>= 1.10.0, < 2.0.0';

/**
 * Runtimes the emitted JSON targets, passed to cdktn as the `targetVersions` context so its
 * feature validation (e.g. S3 native locking needs 1.10) checks against what we actually run.
 */
export const TARGET_VERSIONS = { terraform: '>=1.10.0', opentofu: '>=1.10.0' } as const;
