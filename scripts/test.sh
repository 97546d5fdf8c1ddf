#!/usr/bin/env bash
# The whole test suite from a fresh clone: setup, build, type-check, tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

echo "» promptpack build (every prompt)"
pnpm exec promptpack build
echo "» type-check"
pnpm run typecheck
echo "» vitest"
pnpm exec vitest run
