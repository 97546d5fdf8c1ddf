#!/usr/bin/env bash
# The main job on the embedded defaults: set up, build every prompt, render
# each with its first eval case and print the messages a model would get.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

echo "» promptpack validate"
pnpm exec promptpack validate
echo "» promptpack build"
pnpm exec promptpack build
echo "» rendering each prompt with its first eval case"
pnpm exec tsx scripts/demo/render-prompts.ts
