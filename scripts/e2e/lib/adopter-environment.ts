// The shell of a new user outside this workspace: its own HOME (so neither
// this machine's ~/.npmrc nor a pnpm store or global config leaks in), an
// .npmrc that knows only the local registry, npm and node from the system and
// pnpm from this repository's .tools/, and nothing else from this process's
// environment (no npm_config_* of the pnpm running the tests, no NODE_PATH).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CommandResult, runCommand } from './release-cli.js';
import { pnpmBin } from './consumer.js';

export interface AdopterShell {
  root: string;
  env: NodeJS.ProcessEnv;
  /** Runs `command args` in `cwd` (relative to root) and fails with the command and its output when it exits non-zero. */
  run(cwd: string, command: string, args: readonly string[]): Promise<CommandResult>;
}

export function adopterShell(root: string, registryUrl: string): AdopterShell {
  const url = new URL(registryUrl);
  const home = path.join(root, 'home');
  const bin = path.join(root, 'bin');
  mkdirSync(home, { recursive: true });
  mkdirSync(bin, { recursive: true });
  symlinkSync(pnpmBin(), path.join(bin, 'pnpm'));
  // The registry for everything (npm and pnpm read ~/.npmrc); Verdaccio takes any token.
  writeFileSync(path.join(home, '.npmrc'), `registry=${url.href}\n//${url.host}${url.pathname}:_authToken=local\n`);
  const env: NodeJS.ProcessEnv = {
    PATH: [bin, path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(path.delimiter),
    HOME: home,
    TMPDIR: process.env.TMPDIR,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    NO_COLOR: '1',
    npm_config_cache: path.join(root, 'npm-cache'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    GIT_AUTHOR_NAME: 'Ada Adopter',
    GIT_AUTHOR_EMAIL: 'ada@acme.example',
    GIT_COMMITTER_NAME: 'Ada Adopter',
    GIT_COMMITTER_EMAIL: 'ada@acme.example',
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return {
    root,
    env,
    async run(cwd, command, args) {
      const result = await runCommand(command, args, { cwd: path.resolve(root, cwd), env });
      if (result.code !== 0) {
        throw new Error(`\`${[command, ...args].join(' ')}\` in ${path.resolve(root, cwd)} exited ${result.code}:\n${result.output}`);
      }
      return result;
    },
  };
}
