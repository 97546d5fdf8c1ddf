// Child processes for the release: captured, or streamed with a prefix.
import { spawn } from 'node:child_process';
import type { ReleaseLog } from './release-log.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Echo each output line, prefixed, to the log while it runs. */
  echo?: { prefix: string; log: ReleaseLog };
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    const err: string[] = [];
    const partial = { out: '', err: '' };
    const say = (stream: 'out' | 'err', line: string) => options.echo?.log[stream](`${options.echo.prefix}${stripAnsi(line)}`);
    const echo = (chunks: string[], stream: 'out' | 'err') => (data: Buffer) => {
      const text = data.toString();
      chunks.push(text);
      if (options.echo === undefined) return;
      const lines = (partial[stream] + text).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) say(stream, line);
    };
    child.stdout.on('data', echo(out, 'out'));
    child.stderr.on('data', echo(err, 'err'));
    child.once('error', reject);
    child.once('close', (code) => {
      // A last line without a newline is output too.
      for (const stream of ['out', 'err'] as const) if (partial[stream] !== '') say(stream, partial[stream]);
      resolve({ code: code ?? 1, stdout: out.join(''), stderr: err.join('') });
    });
  });
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
