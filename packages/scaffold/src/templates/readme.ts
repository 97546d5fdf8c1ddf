import { packageManagerCommands } from '../package-manager.js';
import type { PackageManager } from '../scaffold-file.js';

/** A short README for the team that owns the new repository. */
export function readme(scope: string, packageManager: PackageManager, examplePrompt: string): string {
  const { exec, install, lockfile } = packageManagerCommands(packageManager);
  const run = packageManager === 'pnpm' ? 'pnpm' : 'npm run';
  return `# ${scope} prompts

Our LLM prompts, each released as a versioned npm package (\`${scope}/prompt-<id>\`) with
[promptpack](https://github.com/promptpack/promptpack). A service installs the versions it
serves; a canary or a rollback is a feature-flag change, not a redeploy.

## Start

\`\`\`sh
${install}                          # then commit ${lockfile}
${exec} promptpack validate
${exec} promptpack build
\`\`\`

## A prompt

\`prompts/${examplePrompt}/\` is an example: \`prompt.yaml\` (interface and model), \`policy.md\`
(the system policy, owned by legal), \`fewshots.yaml\`, \`template.hbs\` (the user message) and
\`evals.yaml\` (golden cases). Add another with \`${exec} promptpack new <id>\`.

| task | command |
|---|---|
| check every prompt, with file:line:column errors | \`${run} validate\` |
| build each prompt's dist/ | \`${run} build\` |
| run the golden cases on the model | \`${run} eval\` (needs \`OPENAI_API_KEY\`) |
| legal approves a policy | \`${exec} promptpack policy approve <id> --by <name>\` |
| record what changed for the next release | \`${exec} changeset\` |
| fail when a change needs a bigger release than declared | \`${run} check\` |
| cut versions, then publish what the registry lacks | \`${exec} changeset version\`, \`${exec} promptpack release\` |

## Set up once

- **Registry**: uncomment the \`${scope}:registry=\` line in \`.npmrc\` and point it at the
  team's npm registry; CI reads the address from the \`NPM_REGISTRY_URL\` repository variable
  and the token from the \`NPM_TOKEN\` secret.
- **Evals in CI**: set the \`OPENAI_API_KEY\` secret. It also runs the daily drift check
  (\`.github/workflows/drift.yml\`: released versions re-run on the live model); pull requests get
  an eval summary comment from the committed recordings without it.
- **Owners**: replace the teams in \`.github/CODEOWNERS\` with yours.
- **Policy approval**: \`promptpack check\` (and CI) fails until legal approves each prompt's
  policy; for the example: \`${exec} promptpack policy approve ${examplePrompt} --by <name>\`, then commit
  \`prompts/${examplePrompt}/policy.lock\`.
`;
}
