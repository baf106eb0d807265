#!/usr/bin/env bash
# `nx run tools:compile`: transpile the workspace with swc (ADR 0004) under the pinned Node
# (ADR 0049). Each run writes a new generation `dist/.out-tsc.<n>` and atomically repoints the
# symlink `dist/out-tsc` at it (`mv -T` of a symlink is one rename(2)). Node resolves modules
# through the real path, so a synth or validate that is still running keeps loading from its own
# generation; the previous generation is kept for such runs and older ones are removed.
# compile.mjs records the sources and the compile time next to the output, so the compiled CLIs
# refuse to run stale code (ADR 0048), and reports a syntax error as
# `<env>: environments/<env>/env.ts:<line>:<col>: <message>` with exit 1.
# usage: compile.sh [--if-stale]   (--if-stale: do nothing when dist/out-tsc matches the sources)
set -euo pipefail
cd "$(dirname "$0")/../.."
node_bin="$(bash tools/scripts/ensure-node.sh)"
export PATH="$node_bin:$PATH"
mkdir -p dist
# One compile at a time: concurrent Nx tasks (run-many) wait here, then find the output fresh.
exec 8>dist/.compile.lock
flock 8
if [ "${1:-}" = --if-stale ] && [ -e dist/out-tsc ] && node tools/scripts/compile.mjs --check dist/out-tsc 2>/dev/null; then
  exit 0
fi
generation="$(mktemp -d dist/.out-tsc.XXXXXX)"
trap 'rm -rf "$generation"' ERR
node tools/scripts/compile.mjs "$generation"
previous="$(readlink dist/out-tsc 2>/dev/null || true)"
if [ -e dist/out-tsc ] && [ ! -L dist/out-tsc ]; then rm -rf dist/out-tsc; fi
ln -s "$(basename "$generation")" dist/.out-tsc.link
mv -T dist/.out-tsc.link dist/out-tsc
for old in dist/.out-tsc.*; do
  case "$(basename "$old")" in
    "$(basename "$generation")" | "${previous:-none}") ;;
    *) rm -rf "$old" ;;
  esac
done
