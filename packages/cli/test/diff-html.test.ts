// The HTML page of `promptpack diff` as a browser draws it: headless Debian
// Chromium screenshots the policy diff of the real support-reply prompt after
// a legal-style edit, and the PNG must be a page with the highlight colours on
// it, not a blank or an error screen. The PNG is kept in .cache/screenshots/
// for a person to look at.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { decodePng, pixelStats, screenshot } from '../../../scripts/browser/index.js';
import { main, type Io } from '../src/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-diff-html-'));
const shots = path.join(repoRoot, '.cache/screenshots');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

it('renders in headless Chromium as a readable page with the changes highlighted', { timeout: 600_000 }, async () => {
  const repo = path.join(scratch, 'repo');
  const prompt = path.join(repo, 'prompts/support-reply');
  mkdirSync(path.join(repo, 'prompts'), { recursive: true });
  for (const file of ['package.json', 'prompt.yaml', 'policy.md', 'fewshots.yaml', 'template.hbs', 'evals.yaml', 'policy.lock']) {
    if (existsSync(path.join(repoRoot, 'prompts/support-reply', file))) cpSync(path.join(repoRoot, 'prompts/support-reply', file), path.join(prompt, file));
  }
  if (existsSync(path.join(repoRoot, 'prompts/_shared'))) cpSync(path.join(repoRoot, 'prompts/_shared'), path.join(repo, 'prompts/_shared'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: gitEnv, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'support-reply');

  // What a policy edit looks like: a reworded commitment, a sentence dropped, one added, a reflowed line.
  const policy = path.join(prompt, 'policy.md');
  const edited = readFileSync(policy, 'utf8')
    .replace('discount, coupon code or\n  exception to policy;', 'discount, voucher or\n  exception to the refund policy;')
    .replace('Do not mention plans in any other way, and do not upsell.\n\n', '')
    .replace('- Keep it under 180 words.', '- Keep it under 150 words.\n- Never name a competitor.');
  writeFileSync(policy, edited);

  const html = path.join(scratch, 'support-reply-policy.html');
  const previousCwd = process.cwd();
  process.chdir(repo);
  const errors: string[] = [];
  const io: Io = { out: () => {}, err: (line) => errors.push(line), color: { out: false, err: false } };
  try {
    expect(await main(['diff', 'support-reply', '--from', 'main', '--only', 'policy', '--format', 'html', '--out', html], io), errors.join('\n')).toBe(0);
  } finally {
    process.chdir(previousCwd);
  }
  const page = readFileSync(html, 'utf8');
  expect(page).toContain('<ins>voucher</ins>');
  expect(page).toContain('<del>180</del>');

  mkdirSync(shots, { recursive: true });
  const png = path.join(shots, 'diff-policy.png');
  const started = Date.now();
  await screenshot(html, png, { width: 1280, height: 1600 });
  const took = Date.now() - started;

  const file = readFileSync(png);
  expect(statSync(png).size).toBeGreaterThan(20_000);
  const image = decodePng(file);
  expect([image.width, image.height]).toEqual([1280, 1600]);
  const stats = pixelStats(image);
  // A blank page has one colour; a Chromium error page a handful; text and tables hundreds.
  expect(stats.colours).toBeGreaterThan(200);
  expect(stats.distinctShare).toBeGreaterThan(0.05);
  expect(stats.luminanceSd).toBeGreaterThan(10);
  // The added-word green and the removed-word red of the stylesheet are on the page.
  expect(countNear(image, [0x9b, 0xe9, 0xa8])).toBeGreaterThan(100);
  expect(countNear(image, [0xff, 0xc1, 0xbc])).toBeGreaterThan(100);
  writeFileSync(path.join(shots, 'diff-policy.html'), page);
  console.log(`screenshot ${png}: ${image.width}x${image.height}, ${stats.colours} colours, ${took} ms`);
});

function countNear(image: ReturnType<typeof decodePng>, [r, g, b]: [number, number, number]): number {
  let count = 0;
  for (let at = 0; at < image.pixels.length; at += image.channels) {
    if (Math.abs(image.pixels[at]! - r) + Math.abs(image.pixels[at + 1]! - g) + Math.abs(image.pixels[at + 2]! - b) < 12) count++;
  }
  return count;
}
