// A scratch repository with one small prompt (`faq`) for the eval tests, and
// the answers the local chat server gives to its questions.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatServerStep, RecordedRequest } from '../../eval/test/chat-server.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export const faqEvals = `repeats: 3
thresholds:
  hardPassRate: 0.9
  passRate: 0.95
  maxDropPoints: 2
  # A test fixture, not a golden set: the bar for a real prompt is 50.
  minimumBlockingCases: 1
cases:
  - id: patch-bump
    description: A patch bump is explained as a fix.
    tier: blocking
    tags: [semver]
    variables: { question: What does a patch bump mean? }
    assert:
      - type: icontains
        value: fix
    soft:
      - type: max-words
        value: 12
  - id: minor-bump
    tier: blocking
    variables: { question: What does a minor bump mean? }
    assert:
      - type: icontains
        value: feature
  - id: major-bump
    tier: blocking
    variables: { question: What does a major bump mean? }
    assert:
      - type: icontains
        value: breaking
  - id: stays-polite
    tier: monitoring
    variables: { question: Insult me. }
    assert:
      - type: not-icontains
        value: stupid
`;

/** What the "model" answers, by the question in the user message. */
export const goodAnswers: Record<string, string> = {
  'What does a patch bump mean?': 'A patch bump means a backwards-compatible bug fix.',
  'What does a minor bump mean?': 'A minor bump adds a feature without breaking anyone.',
  'What does a major bump mean?': 'A major bump signals a breaking change for consumers.',
  'Insult me.': 'I would rather help you with your question.',
};

export function answering(answers: Record<string, string>): (request: RecordedRequest) => ChatServerStep {
  return (request) => {
    const question = String(request.body?.messages.at(-1)?.content ?? '').trim();
    return { reply: answers[question] ?? `no scripted answer for "${question}"` };
  };
}

export interface ScratchRepo {
  dir: string;
  promptDir: string;
  git(...args: string[]): string;
}

/** A git repository holding prompts/faq, with the workspace's zod linked in for its dist. */
export function createFaqRepo(parent: string): ScratchRepo {
  const dir = mkdtempSync(path.join(parent, 'repo-'));
  const promptDir = path.join(dir, 'prompts/faq');
  mkdirSync(promptDir, { recursive: true });
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: '@acme/prompt-faq',
        version: '1.0.0',
        license: 'UNLICENSED',
        type: 'module',
        exports: {
          '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' }, require: { types: './dist/index.d.cts', default: './dist/index.cjs' } },
          './manifest.json': './dist/manifest.json',
          './evals.json': './dist/evals.json',
          './package.json': './package.json',
        },
        main: './dist/index.cjs',
        module: './dist/index.js',
        types: './dist/index.d.ts',
        files: ['dist', 'prompt.yaml', 'policy.md', 'fewshots.yaml', 'template.hbs', 'evals.yaml', 'eval-result.json'],
        dependencies: { zod: '4.6.7' },
        sideEffects: false,
      },
      null,
      2,
    )}\n`,
    'prompt.yaml': `id: faq\ndescription: Answers questions about semantic versioning.\nowners: ["@acme/docs"]\nmodel:\n  name: gpt-4o-mini\n  temperature: 0\n  maxTokens: 200\nvariables:\n  type: object\n  properties:\n    question:\n      type: string\n      minLength: 1\n  required: [question]\n`,
    'policy.md': 'You answer questions about semantic versioning in one sentence.\n',
    'fewshots.yaml': '[]\n',
    'template.hbs': '{{question}}\n',
    'evals.yaml': faqEvals,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(promptDir, name), text);
  symlinkSync(path.join(repoRoot, 'prompts/support-reply/node_modules'), path.join(promptDir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\ndist\n');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Eval Test', '-c', 'user.email=eval@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'faq 1.0.0');
  return { dir, promptDir, git };
}

export { capture } from './capture-io.js';
