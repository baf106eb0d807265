# Sourced by terraform.sh and bootstrap-state.sh: what both need before touching anything.

# require_terraform <executable>: exit 127 with an install hint when Terraform is not on PATH.
require_terraform() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$0: terraform executable '$1' not found; install Terraform >= 1.10 (see README) or set TERRAFORM to its path" >&2
    exit 127
  fi
}
