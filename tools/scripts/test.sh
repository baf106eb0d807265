#!/usr/bin/env bash
# `npm test`: every check a change must pass. Type-check and lint (module boundaries included) side by side,
# synth + the offline validation gate of every environment through Nx, then the jest suite.
# Every step runs even when an earlier one fails, and the last line is always the summary
# `jest: N passed, N failed` (tests not run count as 0), preceded by the failed steps, so a
# failure is never hidden behind an early exit.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true
# Everything below (tsc, eslint, jest, Nx and the CLIs it runs) uses the pinned Node of .nvmrc,
# whatever node ran `npm test` (ADR 0049); ensure-node.sh installs it on first use.
node_bin="$(bash tools/scripts/ensure-node.sh)" || { echo "npm test: cannot provision the pinned Node (tools/scripts/ensure-node.sh)"; exit 1; }
export PATH="$node_bin:$PATH"
echo "node $(node --version) (pinned in .nvmrc)"
report="$(mktemp)"
failed=()
# Seconds per step, printed before the summary, so a landing log says where the time went (docs/performance.md).
timings=()
step_started=$SECONDS
step() { timings+=("$1 $((SECONDS - step_started))s"); step_started=$SECONDS; }

summary() {
  echo "npm test: step times: ${timings[*]}"
  if [ "${#failed[@]}" -gt 0 ]; then echo "npm test: FAILED steps: ${failed[*]}"; else echo "npm test: every step passed"; fi
  node -e '
    const fs = require("node:fs");
    let r = { numPassedTests: 0, numFailedTests: 0 };
    try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
    console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  ' "$report"
  [ "${#failed[@]}" -eq 0 ]
}

# Type-check and lint each use one core: they run side by side (about 10 s less on 2 cores,
# docs/performance.md), each into its own log, printed in this order once both are done.
typecheck_log="$(mktemp)"; lint_log="$(mktemp)"
trap 'rm -f "$report" "$typecheck_log" "$lint_log"' EXIT
(
  # The generated CRD bindings (libs/k8s/imports, ~170k lines) are checked by their own build, which tsc -b
  # redoes only when they change (declarations in dist/imports-dts); the rest is checked against those
  # declarations (tsconfig.typecheck.json). Same errors as `tsc -p tsconfig.json`, less work (docs/performance.md).
  npx tsc -b tsconfig.imports.json && npx tsc -p tsconfig.typecheck.json --noEmit
) >"$typecheck_log" 2>&1 &
typecheck_pid=$!

lint_rc=0
# @nx/enforce-module-boundaries silently skips itself without a cached project graph: compute it first, and fail if skipped.
if npx nx show projects >/dev/null 2>"$lint_log"; then
  npx eslint . --max-warnings 0 >>"$lint_log" 2>&1 || lint_rc=1
  if [ "$lint_rc" -eq 0 ] && grep -q "will be skipped" "$lint_log"; then echo "lint: module boundary rule was skipped" >>"$lint_log"; lint_rc=1; fi
else
  echo "lint: the Nx project graph could not be computed" >>"$lint_log"; lint_rc=1
fi
typecheck_rc=0
wait "$typecheck_pid" || typecheck_rc=1

echo "== typecheck"
cat "$typecheck_log"
[ "$typecheck_rc" -eq 0 ] || failed+=(typecheck)
echo "== lint"
cat "$lint_log"
[ "$lint_rc" -eq 0 ] || failed+=(lint)
step typecheck+lint

echo "== synth + validate (all environments)"
# Before jest: it fills the compiled-schema cache once (node_modules/.cache/platform-schemas), which the jest
# tests that validate a synthesized tree then read instead of compiling the same schemas in each worker.
npx nx run-many -t validate --output-style=static || failed+=(synth+validate)
step synth+validate

echo "== jest"
npx jest --ci --json --outputFile="$report" || failed+=(jest)
step jest

summary || exit 1
