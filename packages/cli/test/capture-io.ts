import type { Io } from '../src/index.js';

/** An Io that keeps what a command prints, without colours: what tests read back. */
export function capture(): Io & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: { out: false, err: false }, text: () => [...stdout, ...stderr].join('\n') };
}
