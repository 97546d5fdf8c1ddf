#!/usr/bin/env bash
# The whole test suite from a fresh clone: setup, build, type-check, tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

echo "» promptpack build (every prompt)"
pnpm exec promptpack build
echo "» type-check"
pnpm run typecheck
echo "» vitest"
mkdir -p .cache
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest-results.json
# One plain closing line, readable by any CI: "tests: N passed, N failed".
node -e '
  const r = require("./.cache/vitest-results.json");
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  if (r.numTotalTests === 0) process.exit(1);
'
