// The guard's status line, one per evaluation, then one line per metric:
//   2026-12-01T23:10:00Z support-reply 1.1.0 10% over 1.0.0 (4m12s): watching: healthy so far; ...
//     parse-failure 2.1% vs 2.0% (n 512 vs 4604; log LR -2.31 < 4.61)
import { describeVerdict, type TickReport } from '@promptpack/operate';
import { printable } from './printable.js';

export function tickLines(id: string, report: TickReport, now: Date): string[] {
  const time = now.toISOString().replace(/\.\d+Z$/, 'Z');
  if (report.outcome === 'no-canary') return [`${time} ${id}: ${printable(report.message)}`];
  const { run } = report;
  const head = `${time} ${id} ${run.version} ${run.percent}% over ${run.stable} (${age((now.getTime() - run.started.getTime()) / 1000)})`;
  const lines = [`${head}: ${report.outcome}: ${printable(report.message)}`];
  if ('decision' in report && report.decision) for (const verdict of report.decision.verdicts) lines.push(`  ${describeVerdict(verdict)}`);
  if ('record' in report) lines.push(`  recorded: \`promptpack flags history ${id}\` shows the reason and the evidence`);
  return lines;
}

function age(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours > 0 ? `${hours}h${minutes}m` : `${minutes}m${whole % 60}s`;
}
