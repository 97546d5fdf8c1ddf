// Headless Chromium for tests that must see a page as a browser draws it:
// Debian's chromium package, installed on first use, and a screenshot of a
// local HTML file. No browser download of its own (those fail on this kind
// of machine); no driver, just the command line.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian puts it; CHROMIUM_PATH overrides (e.g. /usr/bin/google-chrome on a GitHub runner). */
const debianChromium = '/usr/bin/chromium';

let installing: Promise<string> | undefined;

/**
 * The path of a Chromium binary, installing Debian's `chromium` package
 * (apt-get update, then install) when there is none. Needs root, or sudo
 * without a password. Concurrent callers share one install.
 */
export function ensureChromium(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) return Promise.reject(new Error(`CHROMIUM_PATH is ${configured}, which does not exist.`));
    return Promise.resolve(configured);
  }
  if (existsSync(debianChromium)) return Promise.resolve(debianChromium);
  installing ??= install().finally(() => {
    installing = undefined;
  });
  return installing;
}

async function install(): Promise<string> {
  const root = process.getuid?.() === 0;
  const apt = (args: string[]) => (root ? run('apt-get', args, options) : run('sudo', ['-n', 'apt-get', ...args], options));
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 };
  try {
    await apt(['update', '-q']);
    await apt(['install', '-y', '-q', '--no-install-recommends', 'chromium']);
  } catch (error) {
    const output = `${(error as { stderr?: string }).stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
    throw new Error(`Could not install Chromium with apt-get (${root ? 'as root' : 'through sudo -n'}): ${(error as Error).message.split('\n')[0]}\n${output}\nInstall it yourself (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  }
  if (!existsSync(debianChromium)) throw new Error(`apt-get installed chromium, but ${debianChromium} is missing.`);
  return debianChromium;
}

export interface ScreenshotSize {
  width: number;
  height: number;
}

/**
 * Renders `htmlFile` in headless Chromium at `width`×`height` CSS pixels and
 * writes a PNG to `pngFile`. The flags keep Chromium off the network (this
 * machine refuses its background connections) and out of any profile.
 */
export async function screenshot(htmlFile: string, pngFile: string, size: ScreenshotSize): Promise<void> {
  const chromium = await ensureChromium();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'promptpack-chromium-'));
  const target = path.resolve(pngFile);
  rmSync(target, { force: true });
  try {
    await run(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--screenshot=${target}`,
        `--window-size=${size.width},${size.height}`,
        pathToFileURL(path.resolve(htmlFile)).href,
      ],
      { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    throw new Error(`Chromium could not screenshot ${htmlFile}: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  if (!existsSync(target) || statSync(target).size === 0) throw new Error(`Chromium exited without writing ${target}.`);
}
