import { packageManagerCommands } from '../package-manager.js';
import type { PackageManager } from '../scaffold-file.js';
import { historySetupSteps } from './setup-steps.js';

/**
 * The model behind a name changes without a release: every day, the blocking
 * tier of each released version on the live model, failing (naming the
 * cases) when it fell more than the version's maxDropPoints below its record.
 */
export function driftWorkflow(packageManager: PackageManager): string {
  const { exec } = packageManagerCommands(packageManager);
  return `name: drift
on:
  schedule:
    - cron: "23 5 * * *"
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: drift
  cancel-in-progress: false

jobs:
  drift:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    steps:
      # The release tags name the versions and hold their records: the full history is needed.
${historySetupSteps(packageManager)}      - name: promptpack drift (released versions on the live model)
        # Set the OPENAI_API_KEY secret (and the OPENAI_BASE_URL variable for
        # another OpenAI-compatible endpoint). Forks have no secrets: skipped.
        env:
          OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}
          OPENAI_BASE_URL: \${{ vars.OPENAI_BASE_URL }}
        run: |
          set -euo pipefail
          if [ -z "$OPENAI_API_KEY" ]; then
            echo "::notice title=Drift check skipped::No OPENAI_API_KEY secret in this repository (a fork has none), so the released versions were not re-run on the live model."
            exit 0
          fi
          status=0
          ${exec} promptpack drift > "$RUNNER_TEMP/drift.log" 2>&1 || status=$?
          cat "$RUNNER_TEMP/drift.log"
          {
            echo '## Drift check'
            echo
            # As <pre> with the HTML escaped: a case id with backticks cannot close a code fence this way.
            echo '<pre>'
            sed -e 's/&/\\&amp;/g' -e 's/</\\&lt;/g' -e 's/>/\\&gt;/g' "$RUNNER_TEMP/drift.log"
            echo '</pre>'
          } >> "$GITHUB_STEP_SUMMARY"
          if [ "$status" -eq 1 ]; then
            echo "::error title=Prompt drift::A released version's blocking hard-pass rate fell more than its maxDropPoints on the live model; the log names the cases."
          fi
          exit "$status"
`;
}
