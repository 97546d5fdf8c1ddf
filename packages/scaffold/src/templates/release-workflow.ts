import { packageManagerCommands } from '../package-manager.js';
import type { PackageManager } from '../scaffold-file.js';
import { changesetsAction, checkoutAction, installSteps } from './setup-steps.js';

/** On main: open the release pull request, or, once it is merged, `promptpack release` publishes and tags. */
export function releaseWorkflow(packageManager: PackageManager, scope: string): string {
  const { exec } = packageManagerCommands(packageManager);
  return `name: release
on:
  push:
    branches: [main]

permissions:
  contents: read

# One release at a time, and never cancel one halfway: a publish must finish or fail on its own.
concurrency:
  group: release-\${{ github.ref }}
  cancel-in-progress: false

jobs:
  release:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    permissions:
      contents: write # push the version branch and the release tags
      pull-requests: write # open and update the release pull request
    steps:
      - uses: ${checkoutAction}
        with:
          # The changelog compares each prompt with its last release tag: fetch history and tags.
          fetch-depth: 0
${installSteps(packageManager)}      # Prompt packages (${scope}/*) go to the registry named by the NPM_REGISTRY_URL
      # repository variable, e.g. https://npm.example.internal/ (trailing slash).
      # npm reads the token from the environment; it is never written to disk.
      - name: Point npm at the release registry
        env:
          REGISTRY_URL: \${{ vars.NPM_REGISTRY_URL }}
        run: |
          test -n "$REGISTRY_URL" || { echo "::error::Set the NPM_REGISTRY_URL repository variable, e.g. https://npm.example.internal/"; exit 1; }
          {
            echo "${scope}:registry=$REGISTRY_URL"
            echo "\${REGISTRY_URL#*:}:_authToken=\\\${NODE_AUTH_TOKEN}"
          } >> "$HOME/.npmrc"
      # With pending changesets: runs \`changeset version\` and opens (or updates) the release pull request.
      # Without (the release pull request was merged): \`promptpack release\` builds, gates on the evals,
      # publishes what the registry lacks and tags what it confirms.
      - name: Open the release pull request, or publish what it released
        uses: ${changesetsAction}
        with:
          version: ${exec} changeset version
          publish: ${exec} promptpack release --push
          title: Release prompts
          commit: Release prompts
        # NODE_AUTH_TOKEN feeds the .npmrc line above. NPM_TOKEN is left unset on purpose:
        # the action would write it into an auth line for registry.npmjs.org.
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
          OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}
`;
}
