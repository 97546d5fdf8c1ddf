// `promptpack flags <status|canary|promote|rollback|kill|history|guard>`: operate
// prompt flags on an Unleash server or a flags file, with guardrails and an
// audit trail. The argument parser has checked the shape of the command line
// (program/commands/flags.ts); the wiring lives in ../flags/.
import { changeCommand, type ChangeArgs } from '../flags/change.js';
import { actorOf, exitCodeOf, FlagsError, loadContext } from '@promptpack/operate';
import { guardCommand } from '../flags/guard.js';
import { guardOptionsFrom, type GuardValues } from '../flags/guard-options.js';
import { historyCommand } from '../flags/history.js';
import { flagsOptionsFrom, parsePercent, requireReason, type FlagsOptions, type FlagsValues } from '../flags/options.js';
import { statusCommand } from '../flags/status.js';
import type { Io } from '../output.js';

export type FlagsSubcommand = 'status' | 'history' | 'guard' | ChangeArgs['command'];

export interface FlagsEnvironment {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Stops `flags guard`'s loop after the current evaluation; the process's SIGINT and SIGTERM when absent. */
  signal?: AbortSignal;
  now?: () => Date;
}

/** The prompt id and version a subcommand names; which are required is the parser's business. */
export interface FlagsOperands {
  id?: string;
  version?: string;
}

export async function flagsCommand(command: FlagsSubcommand, operands: FlagsOperands, values: FlagsValues, io: Io, environment: FlagsEnvironment = {}): Promise<number> {
  const env = environment.env ?? process.env;
  const cwd = environment.cwd ?? process.cwd();
  try {
    const options = flagsOptionsFrom(values, env);
    const { id, version } = operands;
    switch (command) {
      case 'status':
        return await statusCommand(await loadContext(options, env, cwd), id, { json: options.json }, io);
      case 'history':
        return await historyCommand(await loadContext(options, env, cwd), id!, { json: options.json, all: options.all }, io);
      case 'guard': {
        const guard = guardOptionsFrom(values as GuardValues, env, cwd);
        const actor = options.actor?.trim() || `promptpack-guard (${actorOf(options, env)})`;
        return await guardCommand(await loadContext(options, env, cwd), id!, guard, { actor, json: options.json, signal: environment.signal, now: environment.now }, io);
      }
      case 'canary':
      case 'promote':
      case 'rollback':
      case 'kill': {
        const change = changeArgs(command, id!, version, options);
        const reason = requireReason(options, command);
        const context = await loadContext(options, env, cwd);
        return await changeCommand(context, change, { reason, actor: actorOf(options, env), force: options.force, json: options.json }, io);
      }
    }
  } catch (error) {
    if (!FlagsError.isInstance(error)) throw error;
    io.err(`error ${error.code}: ${error.message}`);
    if (error.hint) io.err(`hint: ${error.hint}`);
    if (error.code === 'flags/usage') io.err(`(promptpack flags ${command} --help lists its options and examples)`);
    return exitCodeOf(error);
  }
}

function changeArgs(command: ChangeArgs['command'], id: string, version: string | undefined, options: FlagsOptions): ChangeArgs {
  switch (command) {
    case 'canary':
      return { command, id, version: version!, percent: parsePercent(options.percent), tenants: options.tenants, stable: options.stable, stickiness: options.stickiness };
    case 'promote':
      return { command, id, version: version!, stickiness: options.stickiness };
    case 'rollback':
      return { command, id, to: options.to };
    case 'kill':
      return { command, id };
  }
}
