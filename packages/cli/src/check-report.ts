import { bumpCovers } from '@promptpack/core';
import type { CheckReport, PromptCheck } from '@promptpack/spec';
import { plural, type Io } from './output.js';

export function printJson(io: Io, report: CheckReport): void {
  io.out(JSON.stringify(report, null, 2));
}

/** A table a release manager reads top to bottom: one row per prompt, its changes under it, failures last with what to do. */
export function printText(io: Io, report: CheckReport): void {
  io.out(report.base.kind === 'ref' ? `Comparing with ${report.base.ref} (${report.base.commit.slice(0, 12)}).` : 'Comparing each prompt with its last release tag.');
  const rows = report.prompts.map((prompt) => [prompt.id, prompt.package ?? '?', required(prompt), prompt.declared, result(prompt)]);
  const header = ['prompt', 'package', 'required', 'declared', 'result'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  io.out(line(header));
  report.prompts.forEach((prompt, index) => {
    const cells = rows[index]!;
    io.out(line([...cells.slice(0, -1), tint(io, prompt, cells.at(-1)!)]));
    const partWidth = Math.max(0, ...prompt.changes.map((change) => change.part.length));
    for (const change of prompt.changes) io.out(`    ${change.part.padEnd(partWidth)}  ${change.bump.padEnd(5)}  ${change.summary}`);
  });
  for (const prompt of report.prompts) {
    if (!prompt.message) continue;
    // A prompt failing only its policy lock keeps its note here and gets its error below.
    const failed = !prompt.ok && (prompt.policy === null || prompt.policy.ok || prompt.required === null || !bumpCovers(prompt.declared, prompt.required));
    const write = failed ? io.err : io.out;
    write(`${failed ? 'error' : 'note'} ${prompt.id}: ${prompt.message}`);
    if (prompt.hint) write(`  hint: ${prompt.hint}`);
  }
  for (const prompt of report.prompts) {
    const policy = prompt.policy;
    if (!policy || policy.ok || !policy.message) continue;
    io.err(`error ${prompt.id}: ${policy.message}`);
    if (policy.diff) for (const line of policy.diff.replace(/\n$/, '').split('\n')) io.err(`    ${tintDiff(io, line)}`);
    if (policy.hint) io.err(`  hint: ${policy.hint}`);
  }
  const failed = report.prompts.filter((prompt) => !prompt.ok).length;
  const against = report.base.kind === 'ref' ? `against ${report.base.ref}` : 'against their last releases';
  io.out(`${plural(report.prompts.length, 'prompt')} checked ${against}: ${failed === 0 ? 'every change is covered.' : `${failed} failed.`}`);
}

function required(prompt: PromptCheck): string {
  // Nothing to compare for a new or removed prompt, and nothing computable for an invalid one.
  return prompt.status === 'changed' || prompt.status === 'unchanged' ? (prompt.required ?? '?') : '-';
}

function result(prompt: PromptCheck): string {
  if (prompt.status === 'invalid') return 'INVALID';
  if (!prompt.ok) return 'FAIL';
  if (prompt.status === 'new') return 'new';
  if (prompt.status === 'removed') return 'removed';
  return prompt.status === 'unchanged' ? 'ok (unchanged)' : 'ok';
}

// The policy diff goes to stderr, the table to stdout: each is tinted by its own stream's setting.
function tintDiff(io: Io, line: string): string {
  if (!io.color.err) return line;
  if (line.startsWith('+') && !line.startsWith('+++')) return `\x1b[32m${line}\x1b[0m`;
  if (line.startsWith('-') && !line.startsWith('---')) return `\x1b[31m${line}\x1b[0m`;
  return line.startsWith('@@') ? `\x1b[36m${line}\x1b[0m` : line;
}

function tint(io: Io, prompt: PromptCheck, text: string): string {
  if (!io.color.out) return text;
  return `${prompt.ok ? '\x1b[32m' : '\x1b[31m'}${text}\x1b[0m`;
}
