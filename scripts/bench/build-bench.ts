// pnpm bench:build — builds 10, 100 and 1,000 generated prompts and prints
// prompts/second and the per-prompt cost at each size, next to a floor
// measured in the same run: reading the same sources and writing the same
// number of bytes, with no validation or compilation. The ratio says how
// much the compiler costs above bare file I/O; a flat ms/prompt column says
// the cost grows linearly.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPrompts } from '@promptpack/build';

const repo = path.resolve(import.meta.dirname, '../..');
const template = path.join(repo, 'prompts/support-reply');
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const sourceFiles = ['package.json', 'prompt.yaml', 'policy.md', 'fewshots.yaml', 'template.hbs', 'evals.yaml'];

/** N copies of support-reply, each with its own id, name and policy text, so nothing is accidentally shared. */
function generate(root: string, count: number): string[] {
  const dirs: string[] = [];
  // support-reply's policy includes {{> safety}}: without the shared sections no copy would build.
  cpSync(path.join(repo, 'prompts/_shared'), path.join(root, 'prompts/_shared'), { recursive: true });
  for (let index = 0; index < count; index += 1) {
    const id = `bench-${String(index).padStart(4, '0')}`;
    const dir = path.join(root, 'prompts', id);
    mkdirSync(dir, { recursive: true });
    for (const file of sourceFiles) cpSync(path.join(template, file), path.join(dir, file));
    const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
    edit('package.json', (text) => text.replace('prompt-support-reply', `prompt-${id}`));
    edit('prompt.yaml', (text) => text.replace(/^id: .*$/m, `id: ${id}`));
    edit('policy.md', (text) => `${text}\nPolicy revision ${index}.\n`);
    dirs.push(dir);
  }
  return dirs;
}

/** The floor: read every source, write as many bytes as the build writes, into as many files. */
function ioFloor(dirs: readonly string[], bytesPerPrompt: number, filesPerPrompt: number): number {
  const started = performance.now();
  const chunk = 'x'.repeat(Math.ceil(bytesPerPrompt / filesPerPrompt));
  for (const dir of dirs) {
    for (const file of sourceFiles) readFileSync(path.join(dir, file), 'utf8');
    mkdirSync(path.join(dir, 'floor'), { recursive: true });
    for (let index = 0; index < filesPerPrompt; index += 1) writeFileSync(path.join(dir, 'floor', `f${index}`), chunk);
  }
  return performance.now() - started;
}

function distBytes(dir: string): { bytes: number; files: number } {
  // Recursive: dist/shared/ holds the shared sections the policy includes.
  const files = readdirSync(path.join(dir, 'dist'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return { bytes: files.reduce((sum, file) => sum + readFileSync(path.join(file.parentPath, file.name)).length, 0), files: files.length };
}

const rows: string[][] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-bench-'));
try {
  for (const size of sizes) {
    const root = path.join(scratch, String(size));
    const dirs = generate(root, size);
    const started = performance.now();
    const result = buildPrompts(dirs);
    const buildMs = performance.now() - started;
    if (!result.success) throw new Error('a generated prompt failed to build; the benchmark would measure nothing');
    const { bytes, files } = distBytes(dirs[0]!);
    const floorMs = ioFloor(dirs, bytes, files);
    // The whole command as a user runs it: a fresh node process, CLI startup included.
    const cliStarted = performance.now();
    rmSync(path.join(root, 'prompts', path.basename(dirs[0]!), 'dist'), { recursive: true });
    execFileSync(process.execPath, [path.join(repo, 'packages/cli/bin/promptpack.js'), 'build'], { cwd: root, stdio: 'ignore' });
    const cliMs = performance.now() - cliStarted;
    rows.push([
      String(size),
      (buildMs / 1000).toFixed(2),
      Math.round(size / (buildMs / 1000)).toLocaleString('en-US'),
      (buildMs / size).toFixed(2),
      (floorMs / size).toFixed(3),
      `${(buildMs / floorMs).toFixed(1)}x`,
      (cliMs / 1000).toFixed(2),
    ]);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const header = ['prompts', 'build s', 'prompts/s', 'ms/prompt', 'floor ms/prompt', 'build/floor', 'CLI s (rebuild, fresh process)'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padStart(widths[column]!)).join(' | ')} |`;
console.log(`promptpack build benchmark (node ${process.version}, ${(await import('node:os')).cpus().length} cores)`);
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log('floor = reading the same sources and writing the same bytes to the same number of files, no compile.');
