// Colours are decided per stream, from that stream and the environment (no-color.org, Node's FORCE_COLOR).
import { describe, expect, it } from 'vitest';
import { processIo, printDiagnostics, type Io } from '../src/output.js';
import { streamHasColors, type ColorStream } from '../src/stream-colors.js';

const terminal = (colors = 256): ColorStream & { asked: NodeJS.ProcessEnv[] } => {
  const asked: NodeJS.ProcessEnv[] = [];
  return { isTTY: true, asked, hasColors: (count = 16, env = {}) => (asked.push(env), env.TERM !== 'dumb' && colors >= count) };
};
const pipe: ColorStream = { isTTY: false };

describe('streamHasColors', () => {
  it('a terminal gets colours, a pipe or a file does not', () => {
    expect(streamHasColors(terminal(), {})).toBe(true);
    expect(streamHasColors(pipe, {})).toBe(false);
    expect(streamHasColors({}, {})).toBe(false);
  });

  it("a terminal that reports fewer than 16 colours (TERM=dumb) does not: the stream's own hasColors decides", () => {
    expect(streamHasColors(terminal(2), {})).toBe(false);
    expect(streamHasColors(terminal(), { TERM: 'dumb' })).toBe(false);
  });

  it('NO_COLOR with any non-empty value turns colours off; an empty one does not count', () => {
    expect(streamHasColors(terminal(), { NO_COLOR: '1' })).toBe(false);
    expect(streamHasColors(terminal(), { NO_COLOR: 'false' })).toBe(false);
    const stream = terminal();
    expect(streamHasColors(stream, { NO_COLOR: '' })).toBe(true);
    // Node's hasColors would count the empty NO_COLOR; it is not passed on.
    expect(stream.asked).toEqual([{}]);
  });

  it('FORCE_COLOR wins over everything: 0 or false off, 1-3, true or empty on, even into a pipe', () => {
    for (const value of ['0', 'false']) expect(streamHasColors(terminal(), { FORCE_COLOR: value }), value).toBe(false);
    for (const value of ['1', '2', '3', 'true', '']) expect(streamHasColors(pipe, { FORCE_COLOR: value, NO_COLOR: '1' }), value).toBe(true);
  });
});

describe('processIo', () => {
  it('decides stdout and stderr apart: `diff > file` on a terminal gets plain stdout and a coloured stderr', () => {
    const written: string[] = [];
    const file = { isTTY: false, write: (text: string) => written.push(`out:${text}`) };
    const tty = { ...terminal(), write: (text: string) => written.push(`err:${text}`) };
    const io = processIo({}, file, tty);
    expect(io.color).toEqual({ out: false, err: true });
    io.out('a');
    io.err('b');
    expect(written).toEqual(['out:a\n', 'err:b\n']);
    expect(processIo({ NO_COLOR: '1' }, file, tty).color).toEqual({ out: false, err: false });
    expect(processIo({ FORCE_COLOR: '1' }, file, tty).color).toEqual({ out: true, err: true });
  });

  it('diagnostics (stderr) are tinted by the stderr setting alone', () => {
    const lines: string[] = [];
    const diagnostic = { code: 'template/unknown-variable', severity: 'error', file: 'a.hbs', line: 1, column: 2, message: 'unknown variable x' } as const;
    const io = (err: boolean): Io => ({ out: () => {}, err: (line) => lines.push(line), color: { out: !err, err } });
    printDiagnostics(io(true), [diagnostic]);
    printDiagnostics(io(false), [diagnostic]);
    expect(lines[0]).toContain('\x1b[31merror\x1b[0m');
    expect(lines[1]).not.toContain('\x1b[');
  });
});
