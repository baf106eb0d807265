#!/usr/bin/env bash
# First apply of an environment's `bootstrap` Terraform stack, which creates the state bucket that
# every stack (bootstrap included) keeps its state in.
#
# Usage: tools/scripts/bootstrap-state.sh <env> [terraform apply options, e.g. -auto-approve]
#
# The synthesized stack declares the S3 backend (key <env>/bootstrap.tfstate), which cannot be
# initialized before its bucket exists. So, once per environment:
#   1. copy dist/<env>/terraform/bootstrap to a temporary working directory (never into dist/:
#      the next synth replaces that folder and `nx publish` would push a state file);
#   2. add backend_override.tf.json with a local backend (Terraform override files replace the
#      backend block of the main configuration);
#   3. terraform init && terraform apply: creates the bucket, its CMK and the access-log bucket;
#   4. remove the override and run terraform init -migrate-state -force-copy: the local state
#      moves into s3://<bucket>/<env>/bootstrap.tfstate, encrypted with the CMK just created;
#   5. check that the state is readable from the bucket, then delete the working directory.
# Afterwards the stack is applied like any other:
#   terraform -chdir=dist/<env>/terraform/bootstrap init && terraform -chdir=... apply
#
# Environment: PLATFORM_DIST_DIR (default <workspace>/dist), TERRAFORM (default terraform).
# @see https://developer.hashicorp.com/terraform/language/files/override
# @see https://developer.hashicorp.com/terraform/cli/commands/init#backend-initialization
set -euo pipefail

if [[ $# -lt 1 || "$1" == -* ]]; then
  echo "usage: $0 <env> [terraform apply options]" >&2
  exit 2
fi
env_name="$1"
shift

workspace="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist_dir="${PLATFORM_DIST_DIR:-${workspace}/dist}"
terraform="${TERRAFORM:-terraform}"
stack_dir="${dist_dir}/${env_name}/terraform/bootstrap"

if [[ ! -f "${stack_dir}/cdk.tf.json" ]]; then
  echo "${env_name}: ${stack_dir}/cdk.tf.json not found; run 'npx nx synth ${env_name}' first" >&2
  exit 1
fi
if ! grep -q '"s3"' "${stack_dir}/cdk.tf.json"; then
  echo "${env_name}: the bootstrap stack declares no S3 backend; nothing to migrate into" >&2
  exit 1
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/bootstrap-state-${env_name}.XXXXXX")"
migrated=false
on_exit() {
  if [[ "${migrated}" == true ]]; then
    rm -rf "${work_dir}"
  else
    echo "${env_name}: bootstrap did not finish; the working directory (with any local state) is kept in ${work_dir}" >&2
    echo "${env_name}: fix the cause and re-run the remaining steps there (see the header of $0)" >&2
  fi
}
trap on_exit EXIT

cp -R "${stack_dir}/." "${work_dir}/"
cat >"${work_dir}/backend_override.tf.json" <<'JSON'
{
  "terraform": {
    "backend": {
      "local": {
        "path": "terraform.tfstate"
      }
    }
  }
}
JSON

echo "${env_name}: [1/3] creating the state bucket with a local state in ${work_dir}"
"${terraform}" -chdir="${work_dir}" init -input=false
"${terraform}" -chdir="${work_dir}" apply -input=false "$@"

echo "${env_name}: [2/3] migrating the local state into the S3 backend"
rm -f "${work_dir}/backend_override.tf.json"
"${terraform}" -chdir="${work_dir}" init -input=false -migrate-state -force-copy

echo "${env_name}: [3/3] reading the state back from the bucket"
"${terraform}" -chdir="${work_dir}" state list >/dev/null
migrated=true
echo "${env_name}: bootstrap state is now in the S3 backend (key ${env_name}/bootstrap.tfstate); apply the next stacks"
