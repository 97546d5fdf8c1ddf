// `promptpack review` in headless Chromium: the real command in a child
// process, a reviewer pressing keys and clicking, the verdict file and the
// page's DOM checked after each step.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../../scripts/browser/index.js';
import { hashOf, hostileAnswer, reviewRepo } from './review-fixture.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
// Outside the repository: for a person to look at, not a baseline to compare with.
const screenshotFile = path.join(tmpdir(), 'promptpack-review-page.png');
const repo = reviewRepo();
const reviewsFile = path.join(repo.promptDir, 'reviews.json');
let child: ChildProcess;
let browser: Browser;
let page: Page;
let url: string;

/** Starts the CLI and resolves with the URL it prints; rejects with its output if it exits first. */
function startReview(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '__fixtures__/review/run-main.ts'), 'review', repo.promptDir, '--results', repo.results, '--reviewer', 'ana', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.json'), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const found = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`promptpack review exited with ${code} before serving:\n${output.join('\n')}`)));
  });
}

const verdicts = () => (existsSync(reviewsFile) ? (JSON.parse(readFileSync(reviewsFile, 'utf8')) as { verdicts: Record<string, Record<string, { grade: string; note?: string }>> }).verdicts : {});
const visible = () => page.$eval('section.case:not([hidden])', (section) => ({ caseId: section.getAttribute('data-case-id'), grade: section.querySelector('.grade')!.textContent }));
const counts = () => page.$eval('#counts', (element) => element.textContent);
const status = () => page.$eval('#status', (element) => element.textContent);

beforeAll(async () => {
  const [chromium, served] = await Promise.all([ensureChromium(), startReview()]);
  url = served;
  browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGTERM');
  rmSync(repo.root, { recursive: true, force: true });
});

describe('promptpack review in Chromium', () => {
  it('grades from the keyboard and by clicking, saving each grade at once, with hostile answers shown as text', { timeout: 120_000 }, async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response!.headers()['content-security-policy']).toMatch(/^default-src 'none'; script-src 'nonce-/);

    // Only the cases that ask for a person, the first pending one shown.
    expect(await visible()).toEqual({ caseId: 'basic', grade: 'pending' });
    expect(await counts()).toBe('0 of 2 graded, 2 pending');
    expect(await page.$eval('section.case:not([hidden]) .variables', (element) => element.textContent)).toContain('"question": "Where is A-1?"');

    // n opens the note, Escape leaves it, h grades: saved, then the next answer.
    await page.keyboard.press('n');
    await page.keyboard.type('Polite, names the total.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('h');
    await page.waitForFunction(() => document.querySelector('#counts')!.textContent === '1 of 2 graded, 1 pending');
    expect(verdicts()[hashOf(1)]?.ana).toMatchObject({ grade: 'hard', note: 'Polite, names the total.' });
    expect(await visible()).toEqual({ caseId: 'no-orders', grade: 'pending' });
    expect(await status()).toBe('Saved basic: hard');

    // The hostile answer is text on the page: no element was made of it, no script ran.
    expect(await page.$eval('section.case:not([hidden]) .answer', (element) => element.textContent)).toBe(hostileAnswer);
    expect(await page.$$eval('section.case img, section.case script', (elements) => elements.length)).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();

    // Clicking Fail grades the second answer.
    await page.click('section.case:not([hidden]) button[data-grade="fail"]');
    await page.waitForFunction(() => document.querySelector('#counts')!.textContent === '2 of 2 graded, 0 pending');
    expect(verdicts()[hashOf(2)]?.ana).toMatchObject({ grade: 'fail' });

    // k goes back; s regrades; the file holds the new verdict, not a second one.
    await page.keyboard.press('k');
    expect(await visible()).toEqual({ caseId: 'basic', grade: 'hard' });
    await page.keyboard.press('s');
    await page.waitForFunction(() => document.querySelector('#status')!.textContent === 'Saved basic: soft');
    expect(Object.keys(verdicts()[hashOf(1)]!)).toEqual(['ana']);
    expect(verdicts()[hashOf(1)]?.ana?.grade).toBe('soft');

    // ? shows the help, Escape hides it.
    await page.keyboard.press('?');
    expect(await page.$eval('#help', (element) => (element as HTMLElement).hidden)).toBe(false);
    await page.keyboard.press('Escape');
    expect(await page.$eval('#help', (element) => (element as HTMLElement).hidden)).toBe(true);

    await page.keyboard.press('j');
    expect(await visible()).toEqual({ caseId: 'no-orders', grade: 'fail' });
    await page.screenshot({ path: screenshotFile });
    expect(errors).toEqual([]);
  });

  it('stops on Ctrl-C', { timeout: 30_000 }, async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
