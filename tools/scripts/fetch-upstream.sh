#!/usr/bin/env bash
# Fetches the pinned upstream reference data into a folder (default: ../shared/upstream, or
# $PLATFORM_UPSTREAM_DIR) and verifies every file against its pinned sha256 (skipping files that already verify). See tools/scripts/fetch-upstream.mjs
# and docs/validation.md.
#
# Usage: tools/scripts/fetch-upstream.sh [<target-dir>] [--sums <SHA256SUMS>] [--only <prefix>]... [--dry-run] [--list]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PATH="$(bash "$root/tools/scripts/ensure-node.sh"):$PATH"
if [ $# -eq 0 ] || [[ "$1" == --* ]]; then
  set -- "${PLATFORM_UPSTREAM_DIR:-$root/../shared/upstream}" "$@"
fi
exec node "$root/tools/scripts/fetch-upstream.mjs" "$@"
