import { ReleaseError, runRelease, type PreflightStep, type PromptPackage, type ReleaseLog } from '@promptpack/release';
import { PromptpackError } from '@promptpack/spec';
import type { Io } from '../output.js';

export interface ReleaseCommandOptions {
  registry?: string;
  'skip-evals'?: boolean;
  reason?: string;
  'dry-run'?: boolean;
  json?: boolean;
  push?: boolean;
  'allow-dirty'?: boolean;
}

/**
 * `promptpack release`: build, validate, `check --published`, the eval gate,
 * publish what the registry is missing through the repository's changesets,
 * verify, tag what the registry confirms. Exit 0 when everything is released,
 * 1 when something is not (a re-run finishes it), 2 for a wrong command line.
 */
export async function releaseCommand(args: readonly string[], options: ReleaseCommandOptions, io: Io, cwd: string = process.cwd()): Promise<number> {
  if (args.length > 0) throw usage(`promptpack release takes no arguments; got ${args.join(' ')}.`);
  if (options['skip-evals'] && options.reason === undefined) throw usage('--skip-evals needs --reason <text>: why the eval gate is skipped is recorded in each release tag.');
  if (options.reason !== undefined && !options['skip-evals']) throw usage('--reason goes with --skip-evals.');
  // Under --json, stdout carries the JSON document only; progress goes to stderr.
  const log: ReleaseLog = options.json ? { out: io.err, err: io.err } : { out: io.out, err: io.err };
  try {
    const result = await runRelease({
      cwd,
      ...(options.registry === undefined ? {} : { registry: options.registry }),
      ...(options['skip-evals'] && options.reason !== undefined ? { skipEvals: { reason: options.reason } } : {}),
      dryRun: options['dry-run'] ?? false,
      push: options.push ?? false,
      allowDirty: options['allow-dirty'] ?? false,
      preflight: (packages) => preflight(packages, log, io.color),
      log,
    });
    if (options.json) io.out(JSON.stringify({ ...result.plan, ...(result.outcomes ? { outcomes: result.outcomes.map(outcomeJson) } : {}) }, null, 2));
    return result.exitCode;
  } catch (error) {
    if (!ReleaseError.isInstance(error)) throw error;
    if (error.code === 'release/usage') throw new PromptpackError('cli/usage', error.message);
    io.err(`error ${error.code}: ${error.message}`);
    return 1;
  }
}

/** The CLI's own commands, in process, on exactly the packages being released; their output indented under each step. */
function preflight(packages: readonly PromptPackage[], log: ReleaseLog, color: Io['color']): PreflightStep[] {
  const dirs = packages.map((pkg) => pkg.dir);
  const io: Io = { out: (line) => log.out(indent(line)), err: (line) => log.err(indent(line)), color };
  return [
    { title: 'promptpack build', failure: 'the prompt build failed; fix the errors above', run: async () => (await import('./build.js')).buildCommand(dirs, {}, io) },
    { title: 'promptpack validate', failure: 'validation failed; fix the errors above', run: async () => (await import('./validate.js')).validateCommand(dirs, {}, io) },
    {
      title: 'promptpack check --published',
      failure: 'a prompt version does not cover its changes; see above',
      run: async () => (await import('./check.js')).checkCommand(dirs, { published: true }, io),
    },
  ];
}

function outcomeJson(outcome: { pkg: PromptPackage; result: string }) {
  const { pkg, ...rest } = outcome;
  return { name: pkg.name, version: pkg.version, ...rest };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function usage(message: string): PromptpackError {
  return new PromptpackError('cli/usage', message, { hint: 'For example: promptpack release --dry-run --json, or promptpack release --skip-evals --reason "hotfix: model endpoint down"' });
}
