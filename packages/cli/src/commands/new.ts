import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PromptpackError, promptIdSchema } from '@promptpack/spec';
import { findPromptsRoot } from '../find-prompts.js';
import type { Io } from '../output.js';
import { scaffoldPrompt } from '../scaffold.js';

// The runtime libraries a built prompt package imports, pinned exactly so a
// published version renders the same bytes for ever.
const runtimeVersions = { handlebars: '4.7.10', zod: '4.6.7' };

/** `promptpack new <id> [--scope @acme] [--dir prompts]`: scaffold a prompt folder that validates and builds. */
export function newCommand(args: readonly string[], options: { scope?: string; dir?: string }, io: Io): number {
  const [id, ...extra] = args;
  if (!id || extra.length > 0) {
    throw new PromptpackError('cli/usage', 'Usage: promptpack new <id> [--scope @acme] [--dir prompts]', { hint: 'Give exactly one prompt id, e.g. promptpack new order-status.' });
  }
  const parsedId = promptIdSchema.safeParse(id);
  if (!parsedId.success) {
    throw new PromptpackError('cli/usage', `"${id}" is not a valid prompt id: ${parsedId.error.issues[0]?.message}.`, { hint: 'Use kebab-case, e.g. order-status.' });
  }
  const root = options.dir ? path.resolve(options.dir) : findPromptsRoot();
  if (!root) {
    throw new PromptpackError('prompt/not-found', 'No prompts/ directory here or in any parent.', { hint: 'Pass --dir <path> to say where prompt folders live.' });
  }
  const scope = options.scope ?? inferScope(root);
  if (!scope || !/^@[a-z0-9][a-z0-9._~-]*$/.test(scope)) {
    throw new PromptpackError('cli/usage', scope ? `"${scope}" is not an npm scope.` : 'Cannot tell which npm scope to publish under.', {
      hint: 'Pass --scope, e.g. --scope @acme (the package becomes @acme/prompt-<id>).',
    });
  }
  const target = path.join(root, id);
  // Never overwrite: an author's existing files are the source of truth.
  if (existsSync(target)) {
    throw new PromptpackError('cli/usage', `${path.relative(process.cwd(), target) || target} already exists; nothing was written.`, {
      hint: 'Pick another id, or edit the existing folder.',
    });
  }
  mkdirSync(target, { recursive: true });
  for (const file of scaffoldPrompt(id, scope, runtimeVersions)) writeFileSync(path.join(target, file.path), file.contents, { flag: 'wx' });
  io.out(`Created ${path.relative(process.cwd(), target)}: edit prompt.yaml, policy.md, template.hbs and evals.yaml, then run promptpack validate.`);
  return 0;
}

// Reuse the scope of the prompts already there, so a repo stays consistent.
function inferScope(root: string): string | undefined {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      const name = JSON.parse(readFileSync(path.join(root, entry.name, 'package.json'), 'utf8')).name as unknown;
      if (typeof name === 'string' && name.startsWith('@')) return name.split('/')[0];
    } catch {
      // Not a prompt folder, or a broken one: validate reports that, not new.
    }
  }
  return undefined;
}
