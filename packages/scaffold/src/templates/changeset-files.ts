import type { ScaffoldFile } from '../scaffold-file.js';

/** changesets cuts the versions; @promptpack/changelog writes what changed in each prompt. */
export function changesetFiles(): ScaffoldFile[] {
  const config = {
    $schema: 'https://unpkg.com/@changesets/config@3.1.4/schema.json',
    changelog: ['@promptpack/changelog', {}],
    commit: false,
    fixed: [],
    linked: [],
    // Each prompt package says its own access in publishConfig (restricted by default).
    baseBranch: 'main',
    updateInternalDependencies: 'patch',
    privatePackages: { version: true, tag: false },
    ignore: [],
  };
  return [
    { path: '.changeset/config.json', contents: `${JSON.stringify(config, null, 2)}\n` },
    {
      path: '.changeset/README.md',
      contents: `# Changesets

Each pull request that changes a prompt adds a changeset: \`npx changeset\` asks which
prompts changed and how (major, minor, patch). \`promptpack check\` fails when a prompt
changed more than its changeset declares. See https://github.com/changesets/changesets.
`,
    },
  ];
}
