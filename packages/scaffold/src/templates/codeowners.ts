/** Who must approve a change, by path; the team names are placeholders the README asks to replace. */
export function codeowners(scope: string): string {
  return `# Who must approve a change, by path. The last matching line wins, so the
# general rules come first and the per-file rules of a prompt folder after.
# Replace the teams with your own; legal approves policies by their hash (policy.lock).

# Tooling, CI and release configuration.
/package.json            ${scope}/platform
/.github/                ${scope}/platform
/.changeset/config.json  ${scope}/platform

# A prompt's interface (variables, output schema, model) and its user message.
/prompts/*/prompt.yaml   ${scope}/platform ${scope}/prompt-owners
/prompts/*/template.hbs  ${scope}/platform ${scope}/prompt-owners

# What the prompt is shown and scored on.
/prompts/*/fewshots.yaml ${scope}/prompt-owners
/prompts/*/evals.yaml    ${scope}/prompt-owners

# The tools the model may call: each parameter is an interface of the service's
# code, each description model-facing text that decides which tool is picked.
/prompts/*/tools.yaml    ${scope}/platform ${scope}/prompt-owners

# The system policy, its approved hash and the text shared between policies.
/prompts/*/policy.md     ${scope}/legal
/prompts/*/policy.lock   ${scope}/legal
/prompts/_shared/        ${scope}/legal
`;
}
