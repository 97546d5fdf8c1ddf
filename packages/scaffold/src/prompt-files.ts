import { expectedExports } from '@promptpack/core';
import type { ScaffoldFile } from './scaffold-file.js';
import { promptRuntimeVersions } from './tooling-versions.js';

// Editor schemas ship in @promptpack/spec, which the CLI depends on, so they
// resolve from a prompt folder (prompts/<id>/) in any repository that
// installed the tooling, with npm or pnpm (both link direct and hoisted
// dependencies of the root under node_modules/).
const schemaDir = '../../node_modules/@promptpack/spec/schemas';

/**
 * The files of a new prompt folder: small, but complete enough to validate,
 * build, render and run its eval cases, and to show an author where each
 * concern lives.
 */
export function scaffoldPrompt(id: string, scope: string): ScaffoldFile[] {
  const packageJson = {
    name: `${scope}/prompt-${id}`,
    version: '0.1.0',
    description: `Prompt ${id}.`,
    license: 'UNLICENSED',
    type: 'module',
    exports: expectedExports,
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.ts',
    // policy.lock ships too, so a published version says who approved its policy; `new` writes none and check asks for one.
    files: ['dist', 'prompt.yaml', 'policy.md', 'policy.lock', 'fewshots.yaml', 'template.hbs', 'evals.yaml', 'eval-result.json'],
    // npm and pnpm run prepack before they pack or publish: a package can never go out without its dist/.
    scripts: { prepack: 'promptpack build .' },
    // A prompt is private to the team unless it says otherwise; the tooling's own packages are public.
    publishConfig: { access: 'restricted' },
    dependencies: { ...promptRuntimeVersions },
  };
  return [
    { path: 'package.json', contents: `${JSON.stringify(packageJson, null, 2)}\n` },
    {
      path: 'prompt.yaml',
      contents: `# yaml-language-server: $schema=${schemaDir}/prompt.schema.json
id: ${id}
description: TODO say in one sentence what this prompt does.
owners:
  - "${scope}/prompt-owners"
model:
  name: gpt-4o-mini
  temperature: 0.2
  maxTokens: 400
variables:
  type: object
  properties:
    question:
      type: string
      description: The user's question.
      minLength: 1
      maxLength: 2000
  required: [question]
`,
    },
    {
      path: 'policy.md',
      contents: `You are a helpful assistant.

- Answer in plain language, in at most three short paragraphs.
- If you do not know, say so; never invent facts.
`,
    },
    {
      path: 'fewshots.yaml',
      contents: `# yaml-language-server: $schema=${schemaDir}/fewshots.schema.json
# Example exchanges the model sees before the real question. Static text: never interpolated.
- user: What is a semantic version?
  assistant: A version number MAJOR.MINOR.PATCH where each part signals the kind of change.
`,
    },
    { path: 'template.hbs', contents: '{{question}}\n' },
    {
      path: 'evals.yaml',
      contents: `# yaml-language-server: $schema=${schemaDir}/evals.schema.json
repeats: 3
thresholds:
  # The bar is 50 blocking cases (real tasks); a new prompt starts with one: raise this as you add cases.
  minimumBlockingCases: 1
cases:
  - id: answers-the-question
    description: A plain question gets a direct answer.
    tier: blocking
    variables:
      question: What does a patch version bump mean?
    assert:
      - type: icontains
        value: fix
`,
    },
  ];
}
