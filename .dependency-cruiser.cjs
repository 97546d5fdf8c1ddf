// @ts-check
// The layout rules of the workspace (DESIGN.md, "Dependency direction"),
// checked by scripts/ci/dependencies.test.ts and by `pnpm deps` over
// packages/*/src. A package imports another only through its entry
// (`@promptpack/<name>`), only downwards, and no file reaches itself again.

/**
 * Which workspace packages each package may import. Packages that do not
 * exist yet are listed too, so the rule holds the day they land.
 */
const allowed = {
  // The formats: types, schemas, parse/safeParse. The bottom; no filesystem.
  spec: [],
  core: ['spec'],
  build: ['spec', 'core'],
  eval: ['spec', 'core'],
  // Renders eval results, but only their types: a report never runs an eval.
  report: ['spec', 'core', 'eval'],
  // The eval gate reads the eval records that eval writes.
  release: ['spec', 'core', 'eval'],
  changelog: ['spec', 'core'],
  // Ships into production services and stays small.
  runtime: ['spec'],
  // Render result -> SDK request; its input types are its own, so at most spec's.
  adapters: ['spec'],
  operate: ['spec'],
  // The files of a new prompts repository and prompt folder, shared by create-promptpack and the CLI's init/new.
  scaffold: ['spec', 'core'],
  'create-promptpack': ['scaffold'],
  // Wires everything; nothing imports it.
  cli: ['spec', 'core', 'build', 'eval', 'report', 'release', 'changelog', 'runtime', 'operate', 'scaffold'],
};

/** @param {readonly string[]} names a regular expression matching any of these package folders */
const oneOf = (names) => `(?:${names.join('|')})`;

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const direction = Object.entries(allowed).map(([name, may]) => ({
  name: `${name}-imports-only-${may.length === 0 ? 'nothing' : may.join('-')}`,
  comment: `packages/${name} may import ${may.length === 0 ? 'no other workspace package' : `only ${may.map((other) => `@promptpack/${other}`).join(', ')}`}: move the shared code down a layer, or the importing code up.`,
  severity: 'error',
  from: { path: `^packages/${name}/` },
  // A workspace package reached by path or by an unresolved `@promptpack/<name>` alike.
  to: { path: `^(?:packages|@promptpack)/(?!${oneOf([name, ...may])}(?:/|$))[^/]+` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files import each other in a circle: move what both need into a third file that imports neither.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { circular: true },
    },
    ...direction,
    {
      name: 'nothing-imports-cli',
      comment: '@promptpack/cli is the top: argument parsing, printing and exit codes. Move what another package needs out of it, into the package that owns that concept.',
      severity: 'error',
      from: { path: '^packages/', pathNot: '^packages/cli/' },
      to: { path: '^(?:packages|@promptpack)/cli(?:/|$)' },
    },
    {
      name: 'report-imports-eval-types-only',
      comment: '@promptpack/report renders eval results; importing a value from @promptpack/eval would pull the runner and its providers into every report: use `import type`.',
      severity: 'error',
      from: { path: '^packages/report/' },
      to: { path: '^(?:packages|@promptpack)/eval(?:/|$)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'through-the-entry-only',
      comment: "Import another package through its entry, `@promptpack/<name>`, not by a path into its src: its other files are internals.",
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      // `@promptpack/spec/plain` is spec's second entry (the zod-free half a runtime imports).
      to: { path: '^packages/([^/]+)/', pathNot: ['^packages/$1/', '^packages/[^/]+/src/index\\.ts$', '^packages/spec/src/plain\\.ts$'] },
    },
  ],
  options: {
    // `import type` counts: a type-only circle is still two files that cannot be read apart.
    tsPreCompilationDeps: true,
    // `@promptpack/<name>` resolves to packages/<name>/src/index.ts, as for tsc and vitest.
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Tests may reach into other packages' fixtures; the rules are about shipped code.
    exclude: { path: '\\.test(?:-d)?\\.ts$|/__fixtures__/' },
  },
};
