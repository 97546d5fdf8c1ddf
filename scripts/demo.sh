#!/usr/bin/env bash
# The main job on the embedded defaults: set up, build every prompt, render
# each with its first eval case and print the messages a model would get;
# then release the prompts to a local registry (Verdaccio on 127.0.0.1, a
# free port), cut a second version of support-reply in a scratch copy and
# install both versions side by side in a copy of examples/support-service;
# finally run that service live: a 10% canary from a flags file, rolled back
# by editing the file, without a restart. In between, the adopter path:
# publish the tooling to that registry and, outside this checkout,
# `npm create promptpack`, `promptpack new` and build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

echo "» promptpack validate"
pnpm exec promptpack validate
echo "» promptpack build"
pnpm exec promptpack build
echo "» rendering each prompt with its first eval case"
pnpm exec tsx scripts/demo/render-prompts.ts

echo
echo "» local registry for the release demo"
registry_dir=.cache/demo/registry
service_pid_file=.cache/demo/support-service.pid
# Stops the demo's service by the PID it recorded, if that PID is still the service.
stop_service() {
  if [ -f "$service_pid_file" ]; then
    local pid
    pid=$(cat "$service_pid_file")
    if grep -qs server.mjs "/proc/$pid/cmdline"; then kill "$pid" && echo "support-service (pid $pid) stopped"; fi
    rm -f "$service_pid_file"
  fi
}
stop_service # left over from an interrupted demo
tsx scripts/registry/cli.ts stop --dir "$registry_dir" >/dev/null # left over from an interrupted demo
rm -rf .cache/demo
trap 'stop_service; tsx scripts/registry/cli.ts stop --dir "$registry_dir"' EXIT
registry_url=$(tsx scripts/registry/cli.ts start --port 0 --dir "$registry_dir" | tail -n1)
echo "  Verdaccio at $registry_url (storage in $registry_dir/)"
tsx scripts/demo/release-demo.ts --registry "$registry_url"

echo
echo "» a team adopting promptpack in its own repository"
tsx scripts/demo/adopter-demo.ts --registry "$registry_url"

echo
tsx scripts/demo/canary-demo.ts --service .cache/demo/support-service --pid-file "$service_pid_file"
