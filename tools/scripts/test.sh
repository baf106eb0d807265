#!/usr/bin/env bash
# `npm test`: every check a change must pass. Type-check, lint (module boundaries included),
# the jest suite, then synth + validate of every environment through Nx.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true
echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
echo "== lint"; npx eslint . --max-warnings 0
echo "== jest"; npx jest --ci
echo "== synth (all environments)"; npx nx run-many -t synth --output-style=static
