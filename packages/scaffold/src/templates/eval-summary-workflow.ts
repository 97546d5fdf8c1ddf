import { packageManagerCommands } from '../package-manager.js';
import type { PackageManager } from '../scaffold-file.js';
import { commentLengthLimit, postCommentStep, pullRequestCommentHeader, type PullRequestComment } from './pull-request-comment.js';
import { historySetupSteps } from './setup-steps.js';

const comment: PullRequestComment = { name: 'eval-summary', noun: 'summary' };

/**
 * What a pull request does to the evals of each prompt it touches: the cases
 * replayed from the committed recordings (offline, no secret needed) against
 * the result recorded on the base branch, as one comment updated in place.
 */
export function evalSummaryWorkflow(packageManager: PackageManager): string {
  const { exec } = packageManagerCommands(packageManager);
  return `${pullRequestCommentHeader(comment, { name: 'summary', timeoutMinutes: 20, paths: ['prompts/**'] })}\
      # HEAD is the merge of the pull request into its base; origin/<base> holds the base's records.
${historySetupSteps(packageManager)}      - name: Eval summary of every changed prompt
        # Branch names go through the environment, never into the script text.
        env:
          BASE_REF: \${{ github.base_ref }}
          RUN_URL: \${{ github.server_url }}/\${{ github.repository }}/actions/runs/\${{ github.run_id }}
        run: |
          set -euo pipefail
          base="origin/$BASE_REF"
          out="$RUNNER_TEMP/eval-summary"
          mkdir -p "$out/head" "$out/base"
          ids=$(git diff --name-only "$base" HEAD -- prompts/ | sed -nE 's#^prompts/([^_/][^/]*)/.*#\\1#p' | sort -u)
          {
            echo '<!-- promptpack:${comment.name} -->'
            echo '## Eval summary'
            echo
            echo "Each changed prompt's golden cases on this pull request, replayed from its committed recordings, against the result recorded on \\\`$BASE_REF\\\`. Logs: [this run]($RUN_URL)."
            echo
            for id in $ids; do
              if [ ! -d "prompts/$id" ]; then
                echo "### \\\`$id\\\`"; echo; echo "This prompt is deleted by the pull request."; echo
                continue
              fi
              # Without --gate the eval exits 0 even when cases fail: the summary shows the gate, CI enforces it.
              ${exec} promptpack eval "$id" --provider replay --report json --out "$out/head" >&2 || true
              before=()
              if git show "$base:prompts/$id/eval-result.json" > "$out/base/$id.json" 2> /dev/null; then
                before=(--before "$out/base/$id.json")
              fi
              if [ -f "$out/head/$id.eval.json" ]; then
                ${exec} promptpack eval-summary "\${before[@]}" --after "$out/head/$id.eval.json"
              else
                echo "### \\\`$id\\\`"; echo; echo "The evals could not run; the log of [this run]($RUN_URL) says why."
              fi
              echo
            done
          } > "$out/comment.md"
          # GitHub refuses comments over 65536 characters.
${commentLengthLimit('**The summary is too long for a comment.** Read it in full in the job summary of [this run](%s).')}${postCommentStep(comment)}`;
}
