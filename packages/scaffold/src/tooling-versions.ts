import packageJson from '../package.json' with { type: 'json' };

// The tooling is released in lockstep (one version for every @promptpack/*
// package and create-promptpack; scripts/ci/publishable.test.ts holds it), so
// this package's own version is the version of the CLI (or of
// create-promptpack) that scaffolded a repository. Pinned exactly: a team
// upgrades its tooling on purpose.
export const toolingVersion: string = packageJson.version;

/** devDependencies of a new prompts repository. */
export function toolingDependencies(): Record<string, string> {
  return {
    '@changesets/cli': '2.31.1',
    '@promptpack/changelog': toolingVersion,
    '@promptpack/cli': toolingVersion,
  };
}

// The runtime libraries a built prompt package imports, pinned exactly so a
// published version renders the same bytes for ever. Only zod: templates are
// compiled to plain JavaScript, so no template engine ships with a prompt.
export const promptRuntimeVersions = { zod: '4.6.7' } as const;
