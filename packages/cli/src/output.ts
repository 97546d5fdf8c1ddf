import { formatDiagnostic, type Diagnostic } from '@promptpack/spec';
import { streamHasColors, type ColorStream } from './stream-colors.js';

/** Whether each stream takes ANSI colours; stdout and stderr are decided apart (a pipe on one, a terminal on the other). */
export interface StreamColors {
  out: boolean;
  err: boolean;
}

/** Where a command writes; injected so tests read output without spawning a process. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  color: StreamColors;
}

interface WritableStream extends ColorStream {
  write: (text: string) => unknown;
}

export function processIo(env: NodeJS.ProcessEnv = process.env, stdout: WritableStream = process.stdout, stderr: WritableStream = process.stderr): Io {
  return {
    out: (line) => stdout.write(`${line}\n`),
    err: (line) => stderr.write(`${line}\n`),
    color: { out: streamHasColors(stdout, env), err: streamHasColors(stderr, env) },
  };
}

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) {
    const text = formatDiagnostic(diagnostic);
    if (!io.color.err) {
      io.err(text);
      continue;
    }
    const tint = diagnostic.severity === 'error' ? '\x1b[31m' : '\x1b[33m';
    const [first = '', ...rest] = text.split('\n');
    io.err([first.replace(/ (error|warning) /, ` ${tint}$1\x1b[0m `), ...rest.map((line) => `\x1b[2m${line}\x1b[0m`)].join('\n'));
  }
}

/** One diagnostic as `--json` prints it: every key always present, so scripts need no existence checks. */
export function diagnosticJson(diagnostic: Diagnostic) {
  return {
    file: diagnostic.file,
    line: diagnostic.line,
    column: diagnostic.column,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    hint: diagnostic.hint ?? null,
    expected: diagnostic.expected ?? null,
    path: diagnostic.path ?? null,
  };
}

export function printJson(io: Io, document: unknown): void {
  io.out(JSON.stringify(document, null, 2));
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
