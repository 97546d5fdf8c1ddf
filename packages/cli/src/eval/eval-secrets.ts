import { secretScrubber, urlSecrets } from '@promptpack/spec';
import type { Io } from '../output.js';
import type { EvalValues } from './eval-options.js';

/**
 * Replaces the eval's secrets (the API key, a base URL's user:password) in
 * every form they can take. An endpoint may echo the Authorization header in
 * an error body, and fetch's refusal of a URL with credentials quotes the
 * URL: the messages are not ours to word, so they are scrubbed where the
 * command prints and writes them.
 */
export function evalSecretScrubber(values: Pick<EvalValues, 'baseUrl'>, env: NodeJS.ProcessEnv): (text: string) => string {
  return secretScrubber([{ value: env.OPENAI_API_KEY, label: '<api key>' }, ...urlSecrets(values.baseUrl), ...urlSecrets(env.OPENAI_BASE_URL)]);
}

/** The same streams, with every line scrubbed on its way out. */
export function scrubbingIo(io: Io, scrub: (text: string) => string): Io {
  return { out: (line) => io.out(scrub(line)), err: (line) => io.err(scrub(line)), color: io.color };
}

/**
 * An error of no known kind is rethrown for Node to print with its stack:
 * its message and stack are scrubbed first, as every printed line is.
 */
export function scrubError(error: unknown, scrub: (text: string) => string): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? scrub(error) : error;
  error.message = scrub(error.message);
  if (error.stack) error.stack = scrub(error.stack);
  return error;
}
