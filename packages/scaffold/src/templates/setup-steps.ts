import { packageManagerCommands, pnpmVersion } from '../package-manager.js';
import type { PackageManager } from '../scaffold-file.js';

// Actions pinned to a commit (a tag can be moved to other code); the comment names the release.
export const checkoutAction = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';
export const setupNodeAction = 'actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0';
export const changesetsAction = 'changesets/action@e0145edc7d9d8679003495b11f87bd8ef63c0cba # v1.5.3';
export const uploadArtifactAction = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2';

/** The steps after checkout every workflow shares: Node, the package manager, the installed tooling. Indented for `steps:`. */
export function installSteps(packageManager: PackageManager): string {
  const commands = packageManagerCommands(packageManager);
  const pnpm = packageManager === 'pnpm' ? `      - run: npm install --global pnpm@${pnpmVersion}\n` : '';
  return `      - uses: ${setupNodeAction}
        with:
          node-version: 20
${pnpm}      - run: ${commands.ci}
`;
}

/**
 * Checkout with the whole history (the workflows that compare with a base
 * branch or a release tag need it) and without leaving the token in .git for
 * later steps; then `installSteps`. Indented for `steps:`.
 */
export function historySetupSteps(packageManager: PackageManager): string {
  return `      - uses: ${checkoutAction}
        with:
          fetch-depth: 0
          persist-credentials: false
${installSteps(packageManager)}`;
}
