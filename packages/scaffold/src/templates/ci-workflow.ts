import { packageManagerCommands } from '../package-manager.js';
import type { PackageManager } from '../scaffold-file.js';
import { checkoutAction, installSteps } from './setup-steps.js';

/** Every pull request: the prompts validate and build, each declares the release it needs, and the evals pass. */
export function ciWorkflow(packageManager: PackageManager): string {
  const { exec } = packageManagerCommands(packageManager);
  return `name: ci
on:
  pull_request:
  push:
    branches: [main]

# Least privilege: read the code, nothing else.
permissions:
  contents: read

# A new push to a pull request supersedes the run for the previous one.
concurrency:
  group: ci-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: true

jobs:
  prompts:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: ${checkoutAction}
        with:
          # promptpack check compares with the merge base: it needs the history, not one commit.
          fetch-depth: 0
          persist-credentials: false
${installSteps(packageManager)}      - run: ${exec} promptpack validate
      - run: ${exec} promptpack build
      - name: promptpack check (semver impact, policy lock)
        if: github.event_name == 'pull_request'
        # The base branch name goes through the environment, never into the script text.
        env:
          BASE_REF: \${{ github.base_ref }}
        run: ${exec} promptpack check --base "origin/$BASE_REF"
      - name: promptpack eval (golden cases, release gate)
        # Set the OPENAI_API_KEY secret (and OPENAI_BASE_URL for another
        # OpenAI-compatible endpoint) to run the cases on the model.
        env:
          OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}
          OPENAI_BASE_URL: \${{ vars.OPENAI_BASE_URL }}
        run: |
          if [ -z "$OPENAI_API_KEY" ]; then
            echo "::warning::Evals skipped: set the OPENAI_API_KEY repository secret to run them."
            exit 0
          fi
          ${exec} promptpack eval --gate
`;
}
