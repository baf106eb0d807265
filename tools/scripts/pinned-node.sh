#!/usr/bin/env bash
# `node` with the version pinned in .nvmrc (ADR 0049), provisioned by ensure-node.sh on first use.
# usage: pinned-node.sh <script> [args...]   (from any working directory)
set -euo pipefail
node_bin="$(bash "$(dirname "${BASH_SOURCE[0]}")/ensure-node.sh")"
# First on PATH too, so child processes that run `node` (jest workers, bench) use it as well.
export PATH="$node_bin:$PATH"
exec "$node_bin/node" "$@"
