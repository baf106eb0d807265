#!/usr/bin/env bash
# `npm test`: every check a change must pass. Type-check, lint (module boundaries included),
# the jest suite, then synth + the offline validation gate of every environment through Nx.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true
echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
echo "== lint"
# @nx/enforce-module-boundaries silently skips itself without a cached project graph: compute it first, and fail if skipped.
npx nx show projects >/dev/null
lint_out="$(npx eslint . --max-warnings 0 2>&1)" || { echo "$lint_out"; exit 1; }
if grep -q "will be skipped" <<<"$lint_out"; then echo "$lint_out"; echo "lint: module boundary rule was skipped"; exit 1; fi
echo "$lint_out"
echo "== jest"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
npx jest --ci --json --outputFile="$report"
echo "== synth + validate (all environments)"; npx nx run-many -t validate --output-style=static
node -e 'const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")); console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$report"
