#!/usr/bin/env bash
# The command of the Nx targets that run a compiled CLI (synth, validate, diff, publish, docs-waves):
# compiles the workspace first when dist/out-tsc is older than its sources (under a lock, so
# parallel tasks compile once), then runs the CLI under the pinned Node (ADR 0049), whatever node
# `npx nx` itself runs on. Running the compile here instead of as an Nx dependency makes a syntax
# error fail this task with exit 1 and `<env>: environments/<env>/env.ts:<line>:<col>: <message>`
# (a failed dependency makes Nx 23 exit 130, the code of an interrupt).
# usage: run-compiled.sh <module below dist/out-tsc, e.g. libs/synth/src/cli.js> [args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
module="$1"
shift
bash tools/scripts/compile.sh --if-stale
node_bin="$(bash tools/scripts/ensure-node.sh)"
export PATH="$node_bin:$PATH"
exec "$node_bin/node" "dist/out-tsc/$module" "$@"
