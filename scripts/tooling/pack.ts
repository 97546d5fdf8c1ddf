// `pnpm pack` of one workspace package: what a registry receives, with the
// workspace: ranges pnpm replaces by real ones.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Packs `dir` into a fresh temporary folder and returns the tarball's path. Runs no lifecycle scripts beyond what pnpm runs. */
export async function packPackage(dir: string, destination = mkdtempSync(path.join(os.tmpdir(), 'promptpack-pack-'))): Promise<string> {
  try {
    await run('pnpm', ['pack', '--pack-destination', destination], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`pnpm pack failed in ${dir}:\n${stderr || stdout || (error as Error).message}`);
  }
  const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack in ${dir} wrote no .tgz into ${destination}.`);
  return path.join(destination, tarball);
}
