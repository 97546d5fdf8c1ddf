import { scaffoldPrompt } from './prompt-files.js';
import type { PackageManager, ScaffoldFile } from './scaffold-file.js';
import { changesetFiles } from './templates/changeset-files.js';
import { ciWorkflow } from './templates/ci-workflow.js';
import { codeowners } from './templates/codeowners.js';
import { driftWorkflow } from './templates/drift-workflow.js';
import { evalSummaryWorkflow } from './templates/eval-summary-workflow.js';
import { gitignore } from './templates/gitignore.js';
import { policyReviewWorkflow } from './templates/policy-review-workflow.js';
import { readme } from './templates/readme.js';
import { releaseWorkflow } from './templates/release-workflow.js';
import { workspaceFiles } from './templates/workspace-files.js';

export interface RepositoryOptions {
  /** npm scope of the prompt packages, e.g. `@acme`. */
  scope: string;
  /** Default npm (workspaces in package.json); pnpm writes pnpm-workspace.yaml. */
  packageManager?: PackageManager;
  /** The team's registry: written as the scope line of .npmrc (else a commented example). */
  registry?: string;
}

export const examplePromptId = 'hello';

/**
 * Every file of a new prompts repository, as data: `npm create promptpack`
 * writes them into a new folder, `promptpack init` into an existing one.
 */
export function scaffoldRepository(options: RepositoryOptions): ScaffoldFile[] {
  const packageManager = options.packageManager ?? 'npm';
  const { scope } = options;
  return [
    ...workspaceFiles({ scope, packageManager, registry: options.registry }),
    { path: 'README.md', contents: readme(scope, packageManager, examplePromptId) },
    { path: '.gitignore', contents: gitignore },
    ...changesetFiles(),
    { path: '.github/workflows/ci.yml', contents: ciWorkflow(packageManager) },
    { path: '.github/workflows/release.yml', contents: releaseWorkflow(packageManager, scope) },
    { path: '.github/workflows/policy-review.yml', contents: policyReviewWorkflow(packageManager) },
    { path: '.github/workflows/eval-summary.yml', contents: evalSummaryWorkflow(packageManager) },
    { path: '.github/workflows/drift.yml', contents: driftWorkflow(packageManager) },
    { path: '.github/CODEOWNERS', contents: codeowners(scope) },
    ...scaffoldPrompt(examplePromptId, scope).map((file) => ({ ...file, path: `prompts/${examplePromptId}/${file.path}` })),
  ];
}
