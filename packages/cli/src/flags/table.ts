import { printable } from './printable.js';

/** Left-aligned columns with a header row, two spaces apart; the last column is not padded; control characters shown escaped. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, indent = ''): string[] {
  // Escaped before measuring: a cell is as wide as what the terminal shows.
  const all = [header, ...rows].map((row) => row.map(printable));
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all.map((row) => `${indent}${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`.trimEnd());
}
