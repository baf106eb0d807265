#!/usr/bin/env bash
# Run Terraform on one synthesized stack from a persistent working directory.
#
# Usage: tools/scripts/terraform.sh <env> <stack> <terraform arguments...>
#   e.g. tools/scripts/terraform.sh dev network init
#        tools/scripts/terraform.sh dev network plan -out=network.tfplan
#        tools/scripts/terraform.sh dev network apply network.tfplan
#
# Every synth replaces dist/<env> as a whole, which would delete a `.terraform/` directory, the
# dependency lock file `.terraform.lock.hcl` and any saved plan kept next to cdk.tf.json. So
# Terraform never runs inside dist/: this script copies dist/<env>/terraform/<stack>/cdk.tf.json
# into .terraform-work/<env>/<stack>/ (ignored by git), where those files survive re-synthesis,
# and runs `terraform -chdir=<that directory> <arguments>`. State stays in the S3 backend.
# A saved plan is still checked by Terraform against the configuration it was made from.
#
# The working directory must hold no other Terraform configuration file (an override such as
# backend_override.tf.json would silently change what dist/ says): the script refuses to run then.
#
# Environment: PLATFORM_DIST_DIR (default <workspace>/dist), PLATFORM_TERRAFORM_WORK_DIR (default
# <workspace>/.terraform-work), TERRAFORM (default terraform).
# @see https://developer.hashicorp.com/terraform/cli/commands#switching-working-directory-with-chdir
# @see https://developer.hashicorp.com/terraform/language/files/dependency-lock
set -euo pipefail

if [[ $# -lt 3 ]]; then
  echo "usage: $0 <env> <stack> <terraform arguments...>" >&2
  exit 2
fi
env_name="$1"
stack="$2"
shift 2
name_pattern='^[a-z0-9][a-z0-9-]*$'
if [[ ! "${env_name}" =~ ${name_pattern} || ! "${stack}" =~ ${name_pattern} ]]; then
  echo "$0: environment and stack must match ${name_pattern}; got '${env_name}' and '${stack}'" >&2
  exit 2
fi

workspace="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist_dir="${PLATFORM_DIST_DIR:-${workspace}/dist}"
work_root="${PLATFORM_TERRAFORM_WORK_DIR:-${workspace}/.terraform-work}"
terraform="${TERRAFORM:-terraform}"
source_file="${dist_dir}/${env_name}/terraform/${stack}/cdk.tf.json"
work_dir="${work_root}/${env_name}/${stack}"

# Pre-flight: fail before touching the working directory when Terraform is missing.
# shellcheck source=tools/scripts/terraform-common.sh
source "${workspace}/tools/scripts/terraform-common.sh"
require_terraform "${terraform}"

if [[ ! -f "${source_file}" ]]; then
  echo "${env_name}/${stack}: ${source_file} not found; run 'npx nx synth ${env_name}' first (stacks: $(ls "${dist_dir}/${env_name}/terraform" 2>/dev/null | tr '\n' ' '))" >&2
  exit 1
fi

mkdir -p "${work_dir}"
shopt -s nullglob
others=()
for f in "${work_dir}"/*.tf "${work_dir}"/*.tf.json; do
  [[ "$(basename "${f}")" == cdk.tf.json ]] || others+=("$(basename "${f}")")
done
if [[ ${#others[@]} -gt 0 ]]; then
  echo "${env_name}/${stack}: ${work_dir} holds other Terraform configuration (${others[*]}), which would change what dist/ says; remove it first" >&2
  exit 1
fi

# Replace the configuration atomically, so an interrupted copy never leaves half a file.
cp "${source_file}" "${work_dir}/.cdk.tf.json.tmp"
mv -f "${work_dir}/.cdk.tf.json.tmp" "${work_dir}/cdk.tf.json"

exec "${terraform}" -chdir="${work_dir}" "$@"
