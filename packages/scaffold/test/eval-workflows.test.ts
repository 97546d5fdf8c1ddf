import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaffoldRepository } from '../src/index.js';

// The eval-summary and drift workflows a new repository gets are this
// repository's own (.github/workflows), with the adopter's package manager.
interface Step {
  name?: string;
  run?: string;
}
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { permissions?: unknown; steps: Step[] }> };

const repoWorkflow = (name: string) => parse(readFileSync(path.resolve(import.meta.dirname, '../../../.github/workflows', name), 'utf8')) as Workflow;
const scaffolded = (packageManager: 'npm' | 'pnpm', name: string) => {
  const file = scaffoldRepository({ scope: '@acme', packageManager }).find((candidate) => candidate.path === `.github/workflows/${name}`);
  if (!file) throw new Error(`the scaffold writes no .github/workflows/${name}`);
  return { text: file.contents, workflow: parse(file.contents) as Workflow };
};
const namedRunSteps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.name && step.run && !step.name.startsWith('Install')));

describe.each(['eval-summary.yml', 'drift.yml'])('the scaffolded %s', (name) => {
  it("runs the same scripts as this repository's (pnpm), with the same triggers and permissions", () => {
    const ours = repoWorkflow(name);
    const theirs = scaffolded('pnpm', name).workflow;
    expect(namedRunSteps(theirs)).toEqual(namedRunSteps(ours));
    expect(theirs.on).toEqual(ours.on);
    expect(Object.values(theirs.jobs).map((job) => job.permissions)).toEqual(Object.values(ours.jobs).map((job) => job.permissions));
  });

  it.each(['npm', 'pnpm'] as const)('has shell scripts bash can parse (%s)', (packageManager) => {
    for (const step of namedRunSteps(scaffolded(packageManager, name).workflow)) {
      expect(() => execFileSync('bash', ['-n', '-c', step.run ?? ''], { stdio: 'pipe' }), step.name).not.toThrow();
    }
  });
});

it('npm repositories run promptpack through npx', () => {
  expect(scaffolded('npm', 'eval-summary.yml').text).toContain('npx promptpack eval "$id" --provider replay --report json --out "$out/head"');
  expect(scaffolded('npm', 'drift.yml').text).toContain('npx promptpack drift > "$RUNNER_TEMP/drift.log" 2>&1 || status=$?');
});
