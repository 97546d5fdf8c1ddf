export interface Row {
  name: string;
  nanoseconds: number;
  bytes: number;
  coldMilliseconds: number;
  bundleBytes: number | undefined;
  /** The bundle ran and rendered the same messages. */
  bundleRuns: boolean;
}

/** One Markdown table: the row's cost per request, against the floor (the first row). */
export function table(rows: readonly Row[]): string[] {
  const floor = rows[0]!.nanoseconds;
  const header = ['system', 'µs/op', 'x floor', 'heap KB/op', 'cold start ms', 'render-only bundle KB'];
  const cells = rows.map((row) => [
    row.name,
    (row.nanoseconds / 1000).toFixed(2),
    `${(row.nanoseconds / floor).toFixed(1)}x`,
    (row.bytes / 1024).toFixed(1),
    row.coldMilliseconds.toFixed(1),
    row.bundleBytes === undefined ? 'n/a' : `${row.bundleRuns ? '' : '(does not run) '}${(row.bundleBytes / 1024).toFixed(1)}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (values: string[]) => `| ${values.map((value, column) => (column === 0 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => `${'-'.repeat(width + 1)}${column === 0 ? '-' : ':'}`).join('|')}|`;
  return [line(header), rule, ...cells.map(line)];
}

export interface Goal {
  text: string;
  measured: string;
  met: boolean;
}

/** PASS or MISS per goal: a report, so a miss never fails the process. */
export function goals(list: readonly Goal[]): string[] {
  return list.map((goal) => `${goal.met ? 'PASS' : 'MISS'}  ${goal.text}: ${goal.measured}`);
}
