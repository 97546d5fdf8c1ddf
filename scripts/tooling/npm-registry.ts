// The two registry questions the tooling publish asks, through npm itself so
// the address and credentials come from the user's npm configuration (project
// and user .npmrc, environment) exactly as `npm publish` will read them.
import { execFile } from 'node:child_process';

export type RegistryProblemKind = 'unreachable' | 'unauthorized' | 'forbidden' | 'failed';

/** A registry answer that stops the publish; the message names the registry and what to do. */
export class RegistryProblem extends Error {
  readonly kind: RegistryProblemKind;
  constructor(kind: RegistryProblemKind, message: string) {
    super(message);
    this.name = 'RegistryProblem';
    this.kind = kind;
  }
}

export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function npm(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<NpmResult> {
  return new Promise((resolve) => {
    execFile('npm', [...args], { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `--registry` alone loses to a scope line in .npmrc; name the scope's registry too. */
export function registryArgs(registry: string, name: string): string[] {
  const scope = name.startsWith('@') ? name.split('/')[0] : undefined;
  return scope ? ['--registry', registry, `--${scope}:registry=${registry}`] : ['--registry', registry];
}

/**
 * Fails fast when nothing answers at `registry`: npm itself retries a refused
 * connection for about a minute before it reports one. Any HTTP answer counts.
 */
export async function assertReachable(registry: string): Promise<void> {
  try {
    const response = await fetch(registry, { signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw unreachable(registry, 'connecting', `${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}

/** True when `name@version` is on the registry; false when the package or that version is missing. */
export async function isPublished(registry: string, name: string, version: string, cwd: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  const result = await npm(['view', `${name}@${version}`, 'version', '--json', ...registryArgs(registry, name)], { cwd, env });
  if (result.code === 0) return result.stdout.trim() !== '';
  const problem = classify(result, registry, `GET ${name}`);
  if (problem.kind === 'failed' && /\bE404\b/.test(result.stdout + result.stderr)) return false;
  throw problem;
}

export async function publishTarball(registry: string, name: string, tarball: string, cwd: string, env?: NodeJS.ProcessEnv): Promise<void> {
  const result = await npm(['publish', tarball, ...registryArgs(registry, name)], { cwd, env });
  if (result.code !== 0) throw classify(result, registry, `publishing ${name}`);
}

/** Turns npm's error output into a RegistryProblem that says what to do. */
export function classify(result: Pick<NpmResult, 'stdout' | 'stderr'>, registry: string, what: string): RegistryProblem {
  const output = `${result.stdout}\n${result.stderr}`;
  const host = new URL(registry).host;
  const detail = firstErrorLine(output);
  if (/\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)\b/.test(output)) {
    return unreachable(registry, what, detail);
  }
  if (/\b(E401|ENEEDAUTH)\b/.test(output)) {
    return new RegistryProblem(
      'unauthorized',
      `The registry ${registry} wants credentials (${what}): ${detail}\nhint: Log in with npm login --registry ${registry}, or add //${host}/:_authToken=\${NPM_TOKEN} to your .npmrc and set NPM_TOKEN; then run it again.`,
    );
  }
  if (/\bE403\b/.test(output)) {
    return new RegistryProblem('forbidden', `The registry ${registry} refused ${what} (403): ${detail}\nhint: The account npm uses for ${host} may not publish this package; ask the registry's owner for publish rights on @promptpack/* and create-promptpack.`);
  }
  return new RegistryProblem('failed', `npm failed ${what} on ${registry}: ${detail}`);
}

function unreachable(registry: string, what: string, detail: string): RegistryProblem {
  return new RegistryProblem('unreachable', `The registry ${registry} cannot be reached (${what}): ${detail}\nhint: Check the address and that the registry is running (for the local one: pnpm registry:start), then run it again.`);
}

function firstErrorLine(output: string): string {
  try {
    // `npm view --json` reports its error as JSON on stdout.
    const summary = (JSON.parse(output.trim().split('\n\n')[0] ?? '') as { error?: { summary?: string; code?: string } }).error;
    if (summary?.summary) return `${summary.code ?? 'error'} ${summary.summary}`;
  } catch {
    // Not JSON: the plain `npm error` lines below.
  }
  // npm prints its notices (the tarball's contents, dozens of lines) before
  // the error: when there are error lines, they are the message.
  const all = output.split('\n');
  const errors = all.filter((line) => /^npm (error|ERR!)/.test(line));
  const lines = (errors.length > 0 ? errors : all.filter((line) => !line.startsWith('npm notice'))).map((line) => line.replace(/^npm (error|ERR!) ?/, '').trim());
  const meaningful = lines.filter((line) => line && !/^(code |errno |syscall |A complete log|[{}])/.test(line));
  return meaningful.slice(0, 2).join(' ') || 'no message';
}
