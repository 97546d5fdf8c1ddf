import type { PackageManager, ScaffoldFile } from '../scaffold-file.js';
import { pnpmVersion } from '../package-manager.js';
import { toolingDependencies } from '../tooling-versions.js';

export interface WorkspaceOptions {
  scope: string;
  packageManager: PackageManager;
  registry: string | undefined;
}

/** The root package.json, the workspace definition and the npm settings of a prompts repository. */
export function workspaceFiles(options: WorkspaceOptions): ScaffoldFile[] {
  const { scope, packageManager } = options;
  const packageJson = {
    name: `${scope}/prompts`,
    private: true,
    description: `${scope}'s prompts, released as versioned npm packages with promptpack.`,
    type: 'module',
    ...(packageManager === 'npm' ? { workspaces: ['prompts/*'] } : { packageManager: `pnpm@${pnpmVersion}` }),
    engines: { node: '>=20.10' },
    scripts: {
      validate: 'promptpack validate',
      build: 'promptpack build',
      check: 'promptpack check',
      eval: 'promptpack eval',
      changeset: 'changeset',
      'version-packages': 'changeset version',
      release: 'promptpack release',
    },
    devDependencies: toolingDependencies(),
  };
  const files: ScaffoldFile[] = [
    { path: 'package.json', contents: `${JSON.stringify(packageJson, null, 2)}\n` },
    { path: '.npmrc', contents: npmrc(scope, options.registry) },
  ];
  if (packageManager === 'pnpm') files.push({ path: 'pnpm-workspace.yaml', contents: pnpmWorkspace(scope) });
  return files;
}

function npmrc(scope: string, registry: string | undefined): string {
  const scopeLine = `${scope}:registry=${registry ?? 'https://npm.example.internal/'}`;
  return `# Exact pins: a prompt package must render the same bytes for ever.
save-exact=true

# Where the team's prompt packages (${scope}/*) are published and installed from.
# changesets and promptpack release publish to the registry this line names;
# without it they publish to the public npm registry.
${registry ? scopeLine : `# ${scopeLine}`}

# The token comes from the environment, never from this file:
# //npm.example.internal/:_authToken=\${NPM_TOKEN}
`;
}

function pnpmWorkspace(scope: string): string {
  return `packages:
  - prompts/*
  - "!prompts/_*"

# esbuild ships its binary inside a registry package; its postinstall only
# verifies it, so it is safe to allow (pnpm refuses unapproved build scripts).
allowBuilds:
  esbuild: true

# pnpm holds back versions published less than a day ago; a service must be
# able to install a prompt version the minute it is released.
minimumReleaseAgeExclude:
  - "${scope}/*"
`;
}
