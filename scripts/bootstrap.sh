#!/usr/bin/env bash
# Brings a fresh machine (Node 20 and npm, nothing else) to a working tree:
# pnpm pinned into .tools/ (no global install, no corepack), the workspace's
# dependencies from the lockfile, and the tooling packages built.
# Sourced by demo.sh and test.sh; safe to run again (it skips what is done).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pnpm_version=12.21.0
pnpm_bin="$PWD/.tools/node_modules/.bin/pnpm"
if [ ! -x "$pnpm_bin" ] || [ "$("$pnpm_bin" --version)" != "$pnpm_version" ]; then
  echo "» installing pnpm $pnpm_version into .tools/"
  npm install --prefix .tools --no-audit --no-fund --loglevel=error "pnpm@$pnpm_version" >/dev/null
fi
export PATH="$PWD/.tools/node_modules/.bin:$PWD/node_modules/.bin:$PATH"

echo "» pnpm install"
pnpm install --frozen-lockfile --reporter=append-only | grep -vE '^(Progress|Packages:|\+{3,})' || true
echo "» building tooling packages"
pnpm --filter "./packages/**" --reporter=append-only run build >/dev/null
# @promptpack/eval renders llm-rubric requests with the built judge prompt
# package, which only the CLI built just now can build.
echo "» building the judge prompt (prompts/llm-judge)"
pnpm exec promptpack build prompts/llm-judge >/dev/null
