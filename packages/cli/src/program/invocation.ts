import type { Io } from '../output.js';

/**
 * One run of the CLI as the commands see it: where to print, the
 * environment and working directory (injected so tests need no process),
 * and the exit code the command that ran reports back to `main`.
 */
export interface Invocation {
  io: Io;
  env: NodeJS.ProcessEnv;
  cwd: string;
  exitCode: number;
}
