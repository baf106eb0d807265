#!/usr/bin/env bash
# `nx run tools:compile`: transpile the workspace with swc (ADR 0004). Each run writes a new
# generation `dist/.out-tsc.<n>` and atomically repoints the symlink `dist/out-tsc` at it
# (`mv -T` of a symlink is one rename(2)). Node resolves modules through the real path, so a
# synth or validate that is still running keeps loading from its own generation; the previous
# generation is kept for such runs and older ones are removed.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p dist
generation="$(mktemp -d dist/.out-tsc.XXXXXX)"
trap 'rm -rf "$generation"' ERR
node_modules/.bin/swc apps libs environments tools -d "$generation" --ignore '**/*.test.ts' --quiet
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
