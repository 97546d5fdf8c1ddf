/**
 * A workflow that comments on a pull request (eval-summary, policy-review):
 * its `name` is the hidden marker the comment is found by
 * (`<!-- promptpack:<name> -->`) and its folder under `$RUNNER_TEMP`.
 */
export interface PullRequestComment {
  name: string;
  /** What the comment is, as the step names it: `summary`, `review`. */
  noun: string;
}

/**
 * From `name:` to `steps:`: a workflow on pull requests touching `paths`,
 * one run per pull request at a time, whose one job may write comments.
 */
export function pullRequestCommentHeader(comment: PullRequestComment, job: { name: string; timeoutMinutes: number; paths: readonly string[] }): string {
  return `name: ${comment.name}
on:
  pull_request:
    paths:
${job.paths.map((glob) => `      - "${glob}"\n`).join('')}
permissions:
  contents: read

concurrency:
  group: ${comment.name}-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  ${job.name}:
    runs-on: ubuntu-latest
    timeout-minutes: ${job.timeoutMinutes}
    permissions:
      contents: read
      pull-requests: write # post and update the ${comment.noun} comment
    steps:
`;
}

/**
 * The end of the script that writes `comment.md`: cut to what GitHub
 * accepts, saying where the rest is (`tooLong`, a Markdown sentence with `%s`
 * for the run's link and no single quote: it sits in a quoted printf format),
 * and copied into the job summary. Indented for `run: |`.
 */
export function commentLengthLimit(tooLong: string): string {
  return `          if [ "$(wc -c < "$out/comment.md")" -gt 60000 ]; then
            head -c 60000 "$out/comment.md" > "$out/cut.md"
            printf '\\n\\n…\\n\\n${tooLong}\\n' "$RUN_URL" >> "$out/cut.md"
            mv "$out/cut.md" "$out/comment.md"
          fi
          cat "$out/comment.md" >> "$GITHUB_STEP_SUMMARY"
`;
}

/** The last step: updates this workflow's comment when there is one, else posts it. */
export function postCommentStep(comment: PullRequestComment): string {
  return `      # A pull request from a fork gets a read-only token: the job summary above is its ${comment.noun}.
      - name: Post or update the ${comment.noun} comment
        if: github.event.pull_request.head.repo.full_name == github.repository
        env:
          GH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          REPOSITORY: \${{ github.repository }}
          PULL_REQUEST: \${{ github.event.pull_request.number }}
        run: |
          set -euo pipefail
          body="$RUNNER_TEMP/${comment.name}/comment.md"
          existing=$(gh api --paginate "repos/$REPOSITORY/issues/$PULL_REQUEST/comments" \\
            --jq '.[] | select(.user.login == "github-actions[bot]" and (.body | startswith("<!-- promptpack:${comment.name} -->"))) | .id' | head -n 1)
          if [ -n "$existing" ]; then
            gh api --method PATCH "repos/$REPOSITORY/issues/comments/$existing" -F "body=@$body" > /dev/null
          else
            gh api --method POST "repos/$REPOSITORY/issues/$PULL_REQUEST/comments" -F "body=@$body" > /dev/null
          fi
`;
}
