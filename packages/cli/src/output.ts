import { formatDiagnostic, type Diagnostic } from '@promptpack/spec';

/** Where a command writes; injected so tests read output without spawning a process. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  color: boolean;
}

export function processIo(): Io {
  const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  return { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`), color };
}

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) {
    const text = formatDiagnostic(diagnostic);
    if (!io.color) {
      io.err(text);
      continue;
    }
    const tint = diagnostic.severity === 'error' ? '\x1b[31m' : '\x1b[33m';
    const [first = '', ...rest] = text.split('\n');
    io.err([first.replace(/ (error|warning) /, ` ${tint}$1\x1b[0m `), ...rest.map((line) => `\x1b[2m${line}\x1b[0m`)].join('\n'));
  }
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
