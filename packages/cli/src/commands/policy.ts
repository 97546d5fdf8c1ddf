import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { effectivePolicy, loadPrompt, optionalPromptFiles, policyHash, policyLockFor } from '@promptpack/core';
import { formatPolicyLock, PromptpackError, promptIdSchema } from '@promptpack/spec';
import { findPromptsRoot } from '../find-prompts.js';
import { printDiagnostics, type Io } from '../output.js';

export interface PolicyOptions {
  /** Who approves (approve). */
  by?: string;
  /** When, as an ISO 8601 time (approve); default now. */
  at?: string;
}

const usage = `Usage:
  promptpack policy approve <id> --by <name> [--at <time>]   record that <name> approved the policy as it is now (writes <id>/policy.lock)
  promptpack policy show <id>                                 print the policy as the model sees it (shared sections inlined)`;

/** `promptpack policy approve|show`: legal's side of the policy lock. */
export function policyCommand(args: readonly string[], options: PolicyOptions, io: Io): number {
  const [action, target, ...extra] = args;
  if ((action !== 'approve' && action !== 'show') || target === undefined || extra.length > 0) {
    throw new PromptpackError('cli/usage', action === undefined || action === 'approve' || action === 'show' ? 'Name one prompt.' : `Unknown policy command "${action}".`, { hint: usage });
  }
  const dir = promptDir(target);
  const loaded = loadPrompt(dir);
  if (!loaded.success) {
    printDiagnostics(io, loaded.diagnostics);
    io.err(`error: ${path.basename(dir)} has errors (listed above), so its policy cannot be ${action === 'approve' ? 'approved' : 'shown'} as the model would see it.`);
    io.err(`  hint: fix them first; \`promptpack validate ${shown(dir)}\` lists them.`);
    return 1;
  }
  const prompt = loaded.prompt;
  if (action === 'show') {
    io.out(effectivePolicy(prompt).replace(/\n$/, ''));
    return 0;
  }

  if (options.by === undefined || options.by.trim() === '') {
    throw new PromptpackError('cli/usage', 'Say who approves the policy: --by is required and cannot be empty.', {
      hint: `promptpack policy approve ${prompt.spec.id} --by legal@acme.example`,
    });
  }
  const lockFile = path.join(prompt.dir, optionalPromptFiles.policyLock);
  const hash = policyHash(prompt);
  const current = prompt.policyLock;
  if (current && current.sha256 === hash && current.approvedBy === options.by.trim()) {
    io.out(`${prompt.spec.id}: this policy (${hash.slice(0, 19)}…) is already approved by ${current.approvedBy} on ${current.approvedAt}; ${shown(lockFile)} is unchanged.`);
    return 0;
  }
  const lock = policyLockFor(prompt, { by: options.by, ...(options.at === undefined ? {} : { at: options.at }) });
  writeFileSync(lockFile, formatPolicyLock(lock));
  const sections = prompt.shared.map((section) => section.name);
  io.out(`Approved the policy of ${prompt.spec.id} for ${lock.approvedBy} at ${lock.approvedAt}: ${hash}.`);
  if (sections.length > 0) io.out(`  It includes the shared section${sections.length === 1 ? '' : 's'} ${sections.join(', ')}; a change to ${sections.length === 1 ? 'it' : 'any of them'} needs a new approval.`);
  io.out(`  Wrote ${shown(lockFile)}; commit it with the policy it approves.`);
  return 0;
}

// `support-reply` names a folder of the nearest prompts/; anything with a slash, or an existing folder, is a path.
function promptDir(target: string): string {
  const asPath = path.resolve(target);
  if (/[\\/]/.test(target) || (existsSync(asPath) && statSync(asPath).isDirectory() && existsSync(path.join(asPath, 'prompt.yaml')))) {
    if (!existsSync(asPath)) throw new PromptpackError('prompt/not-found', `No prompt folder at ${target}.`, { hint: 'Pass a prompt id (support-reply) or the path of its folder.' });
    return asPath;
  }
  if (!promptIdSchema.safeParse(target).success) {
    throw new PromptpackError('cli/usage', `"${target}" is not a prompt id.`, { hint: 'Prompt ids are kebab-case folder names under prompts/, e.g. support-reply.' });
  }
  const root = findPromptsRoot();
  const dir = root && path.join(root, target);
  if (!dir || !existsSync(dir)) {
    throw new PromptpackError('prompt/not-found', `No prompt "${target}"${root ? ` in ${shown(root)}` : ': there is no prompts/ directory here or above'}.`, {
      hint: 'Check the id (the folder name under prompts/), or pass the folder path.',
    });
  }
  return dir;
}

function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
