#!/usr/bin/env bash
# `nx run tools:compile`: transpile the workspace with swc into dist/out-tsc (ADR 0004). Builds into a
# staging folder and swaps it in with renames, so a synth or validate running concurrently never
# sees a half-deleted tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p dist
staging="$(mktemp -d dist/.out-tsc.staging-XXXXXX)"
trap 'rm -rf "$staging"' EXIT
npx swc apps libs environments tools -d "$staging" --ignore '**/*.test.ts' --quiet
retired="$staging.previous"
if [ -d dist/out-tsc ]; then mv dist/out-tsc "$retired"; fi
mv "$staging" dist/out-tsc
rm -rf "$retired"
