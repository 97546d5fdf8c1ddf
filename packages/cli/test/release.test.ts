// `promptpack release` on a wrong command line: exit 2 with what to type,
// before anything is built or published.
import { expect, test } from 'vitest';
import { main, type Io } from '../src/index.js';

async function release(...args: string[]) {
  const lines: string[] = [];
  const io: Io = { out: (line) => lines.push(line), err: (line) => lines.push(line), color: { out: false, err: false } };
  return { code: await main(['release', ...args], io), output: lines.join('\n') };
}

test('--skip-evals needs --reason, and --reason needs --skip-evals', async () => {
  const missing = await release('--skip-evals');
  expect(missing.code).toBe(2);
  expect(missing.output).toContain('error cli/usage: --skip-evals needs --reason <text>');
  const stray = await release('--reason', 'hotfix');
  expect(stray.code).toBe(2);
  expect(stray.output).toContain('--reason goes with --skip-evals.');
});

test('positional arguments and unknown options are usage errors', async () => {
  expect(await release('support-reply')).toMatchObject({ code: 2, output: expect.stringContaining("too many arguments for 'release'") });
  expect((await release('--skip-evals=now')).code).toBe(2);
  expect((await release('--no-build-tools')).code).toBe(2);
});
