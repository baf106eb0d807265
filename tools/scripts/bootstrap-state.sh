#!/usr/bin/env bash
# First apply of an environment's `bootstrap` Terraform stack, which creates the state bucket that
# every stack (bootstrap included) keeps its state in.
#
# Usage: tools/scripts/bootstrap-state.sh <env> [--resume <dir>] [terraform apply options, e.g. -auto-approve]
#
# The synthesized stack declares the S3 backend (key <env>/bootstrap.tfstate), which cannot be
# initialized before its bucket exists. So, once per environment:
#   0. pre-flight: copy dist/<env>/terraform/bootstrap/cdk.tf.json alone to a temporary directory and
#      run `terraform init` against the real S3 backend. If the state <env>/bootstrap.tfstate already
#      exists, the environment is bootstrapped: abort (apply the stack like any other). If the bucket
#      exists without that state, a previous run stopped after creating it: abort and point at
#      --resume. Only a missing bucket (NoSuchBucket) lets the bootstrap go on; any other init
#      failure (credentials, region, network) aborts with Terraform's message.
#   1. copy cdk.tf.json alone (never .terraform/, a lock file or a state) to a temporary working
#      directory (never into dist/: the next synth replaces that folder and `nx publish` would push a
#      state file), and add backend_override.tf.json with a local backend (Terraform override files
#      replace the backend block of the main configuration);
#   2. terraform init && terraform apply: creates the bucket, its CMK and the access-log bucket;
#   3. remove the override and run terraform init -migrate-state -force-copy: the local state
#      moves into s3://<bucket>/<env>/bootstrap.tfstate, encrypted with the CMK just created;
#   4. check that the state is readable from the bucket, then delete the working directory.
# When a step fails, the working directory (with its local state) is kept and its path printed.
# Fix the cause (re-synthesize if the fix is a config change) and continue with
#   tools/scripts/bootstrap-state.sh <env> --resume <that directory> [apply options]
# which takes the current cdk.tf.json from dist/, keeps the directory's state and .terraform/, and
# re-runs the apply (while the local override is still there) and the migration.
# Afterwards the stack is applied like any other:
#   tools/scripts/terraform.sh <env> bootstrap plan   (then apply)
#
# Environment: PLATFORM_DIST_DIR (default <workspace>/dist), TERRAFORM (default terraform).
# @see https://developer.hashicorp.com/terraform/language/files/override
# @see https://developer.hashicorp.com/terraform/cli/commands/init#backend-initialization
# @see https://developer.hashicorp.com/terraform/cli/commands/state/pull
set -euo pipefail

usage() {
  echo "usage: $0 <env> [--resume <dir>] [terraform apply options]" >&2
  exit 2
}
if [[ $# -lt 1 || "$1" == -* ]]; then
  usage
fi
env_name="$1"
shift
resume_dir=""
if [[ "${1:-}" == "--resume" ]]; then
  [[ $# -ge 2 ]] || usage
  resume_dir="$2"
  shift 2
fi

workspace="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist_dir="${PLATFORM_DIST_DIR:-${workspace}/dist}"
terraform="${TERRAFORM:-terraform}"
stack_dir="${dist_dir}/${env_name}/terraform/bootstrap"
state_key="${env_name}/bootstrap.tfstate"

# Pre-flight: fail before copying anything when Terraform is missing.
# shellcheck source=tools/scripts/terraform-common.sh
source "${workspace}/tools/scripts/terraform-common.sh"
require_terraform "${terraform}"
if [[ ! -f "${stack_dir}/cdk.tf.json" ]]; then
  echo "${env_name}: ${stack_dir}/cdk.tf.json not found; run 'npx nx synth ${env_name}' first" >&2
  exit 1
fi
if ! grep -q '"s3"' "${stack_dir}/cdk.tf.json"; then
  echo "${env_name}: the bootstrap stack declares no S3 backend; nothing to migrate into" >&2
  exit 1
fi

write_local_override() {
  cat >"$1/backend_override.tf.json" <<'JSON'
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
}

if [[ -n "${resume_dir}" ]]; then
  if [[ ! -d "${resume_dir}" || ! -f "${resume_dir}/cdk.tf.json" ]]; then
    echo "${env_name}: --resume ${resume_dir} is not a working directory kept by a failed bootstrap (no cdk.tf.json there)" >&2
    exit 1
  fi
  work_dir="$(cd "${resume_dir}" && pwd)"
  echo "${env_name}: resuming in ${work_dir} with the current ${stack_dir}/cdk.tf.json"
  cp "${stack_dir}/cdk.tf.json" "${work_dir}/cdk.tf.json"
else
  # Pre-flight against the real backend, in a throwaway copy of the configuration.
  probe_dir="$(mktemp -d "${TMPDIR:-/tmp}/bootstrap-preflight-${env_name}.XXXXXX")"
  trap 'rm -rf "${probe_dir}"' EXIT
  cp "${stack_dir}/cdk.tf.json" "${probe_dir}/cdk.tf.json"
  echo "${env_name}: [0/3] checking the S3 backend for ${state_key}"
  if init_output="$("${terraform}" -chdir="${probe_dir}" init -input=false 2>&1)"; then
    state="$("${terraform}" -chdir="${probe_dir}" state pull)"
    if [[ -n "${state//[[:space:]]/}" ]]; then
      echo "${env_name}: already bootstrapped: the S3 backend holds ${state_key}." >&2
      echo "${env_name}: apply the bootstrap stack like any other: tools/scripts/terraform.sh ${env_name} bootstrap plan" >&2
      exit 1
    fi
    echo "${env_name}: the state bucket exists but holds no ${state_key}: a previous bootstrap stopped after creating it." >&2
    echo "${env_name}: continue that run with: $0 ${env_name} --resume <the working directory it printed>" >&2
    exit 1
  elif ! grep -Eq 'NoSuchBucket|bucket .*does not exist' <<<"${init_output}"; then
    echo "${init_output}" >&2
    echo "${env_name}: terraform init against the S3 backend failed for another reason than a missing bucket (see above); fix it first" >&2
    exit 1
  fi
  rm -rf "${probe_dir}"
  trap - EXIT

  work_dir="$(mktemp -d "${TMPDIR:-/tmp}/bootstrap-state-${env_name}.XXXXXX")"
  cp "${stack_dir}/cdk.tf.json" "${work_dir}/cdk.tf.json"
  write_local_override "${work_dir}"
fi

migrated=false
on_exit() {
  if [[ "${migrated}" == true ]]; then
    rm -rf "${work_dir}"
  else
    echo "${env_name}: bootstrap did not finish; the working directory (with any local state) is kept in ${work_dir}" >&2
    echo "${env_name}: fix the cause, then continue with: $0 ${env_name} --resume ${work_dir} [apply options]" >&2
  fi
}
trap on_exit EXIT

if [[ -f "${work_dir}/backend_override.tf.json" ]]; then
  echo "${env_name}: [1/3] creating the state bucket with a local state in ${work_dir}"
  "${terraform}" -chdir="${work_dir}" init -input=false
  "${terraform}" -chdir="${work_dir}" apply -input=false "$@"
  rm -f "${work_dir}/backend_override.tf.json"
else
  echo "${env_name}: [1/3] the bucket was created in an earlier run (no local backend override left); migrating"
fi

echo "${env_name}: [2/3] migrating the local state into the S3 backend"
"${terraform}" -chdir="${work_dir}" init -input=false -migrate-state -force-copy

echo "${env_name}: [3/3] reading the state back from the bucket"
"${terraform}" -chdir="${work_dir}" state list >/dev/null
migrated=true
echo "${env_name}: bootstrap state is now in the S3 backend (key ${state_key}); apply the next stacks"
