import { packageManagerCommands } from '../package-manager.js';
import type { PackageManager } from '../scaffold-file.js';
import { commentLengthLimit, postCommentStep, pullRequestCommentHeader, type PullRequestComment } from './pull-request-comment.js';
import { historySetupSteps, uploadArtifactAction } from './setup-steps.js';

const comment: PullRequestComment = { name: 'policy-review', noun: 'review' };

/**
 * Legal reviews what the model is told to do: when a pull request touches a
 * policy, its approval or a shared section, one comment (updated in place)
 * shows the policy-only diff of every affected prompt.
 */
export function policyReviewWorkflow(packageManager: PackageManager): string {
  const { exec } = packageManagerCommands(packageManager);
  return `${pullRequestCommentHeader(comment, { name: 'policy-diff', timeoutMinutes: 15, paths: ['prompts/**/policy.md', 'prompts/**/policy.lock', 'prompts/_shared/**'] })}\
      # HEAD is the merge of the pull request into its base, so comparing with
      # origin/<base> shows exactly what the merge would change.
${historySetupSteps(packageManager)}      - name: Policy diff of every affected prompt
        # Branch names go through the environment, never into the script text.
        env:
          BASE_REF: \${{ github.base_ref }}
          RUN_URL: \${{ github.server_url }}/\${{ github.repository }}/actions/runs/\${{ github.run_id }}
        run: |
          set -euo pipefail
          base="origin/$BASE_REF"
          out="$RUNNER_TEMP/policy-review"
          mkdir -p "$out/pages"
          changed=$(git diff --name-only "$base" HEAD -- prompts/)
          # Prompts whose own policy or approval changed…
          ids=$(printf '%s\\n' "$changed" | sed -nE 's#^prompts/([^_/][^/]*)/policy\\.(md|lock)$#\\1#p')
          # …and every prompt whose policy includes a changed shared section.
          : > "$out/shared.md"
          for section in $(printf '%s\\n' "$changed" | sed -nE 's#^prompts/_shared/([^/]+)\\.md$#\\1#p' | sort -u); do
            ${exec} promptpack diff --shared "$section" --from "$base" --format markdown >> "$out/shared.md"
            echo >> "$out/shared.md"
            ids="$ids"$'\\n'$(${exec} promptpack diff --shared "$section" --from "$base" --format json \\
              | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const p of JSON.parse(s).prompts)console.log(p.id)})')
          done
          {
            echo '<!-- promptpack:${comment.name} -->'
            echo '## Policy review'
            echo
            echo "What the model is told to do, before (\\\`$BASE_REF\\\`) and after this pull request. Printable pages: the **policy-review** artifact of [this run]($RUN_URL)."
            echo
            cat "$out/shared.md"
            for id in $(printf '%s\\n' "$ids" | sed '/^$/d' | sort -u); do
              if [ ! -d "prompts/$id" ]; then
                echo "### \\\`$id\\\`"; echo; echo "This prompt is deleted by the pull request; its published versions stay as they are."; echo
                continue
              fi
              ${exec} promptpack diff "$id" --from "$base" --to HEAD --only policy --format markdown
              echo
              ${exec} promptpack diff "$id" --from "$base" --to HEAD --only policy --format html --out "$out/pages/$id.html"
            done
          } > "$out/comment.md"
          # GitHub refuses comments over 65536 characters; the pages hold the full diff.
${commentLengthLimit('**The diff is too long for a comment.** Read it in the policy-review artifact of [this run](%s).')}      - uses: ${uploadArtifactAction}
        with:
          name: policy-review
          path: \${{ runner.temp }}/policy-review/pages/
          if-no-files-found: ignore
          retention-days: 90
${postCommentStep(comment)}`;
}
