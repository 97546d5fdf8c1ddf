// `promptpack flags <status|canary|promote|rollback|kill|history>`: operate
// prompt flags on an Unleash server or a flags file, with guardrails and an
// audit trail. The wiring lives in ../flags/.
import { changeCommand, type ChangeArgs } from '../flags/change.js';
import { actorOf, exitCodeOf, FlagsError, loadContext } from '@promptpack/operate';
import { historyCommand } from '../flags/history.js';
import { flagsUsage, parseFlagsArgs, parsePercent, requireReason } from '../flags/options.js';
import { statusCommand } from '../flags/status.js';
import type { Io } from '../output.js';

export interface FlagsEnvironment {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export async function flagsCommand(args: readonly string[], io: Io, environment: FlagsEnvironment = {}): Promise<number> {
  const env = environment.env ?? process.env;
  const cwd = environment.cwd ?? process.cwd();
  try {
    const { command, positionals, options } = parseFlagsArgs(args, env);
    if (options.help || command === undefined || command === 'help') {
      io.out(flagsUsage);
      return command === undefined && !options.help ? 2 : 0;
    }
    const [id, version, ...extra] = positionals;
    const expect = (count: number, shape: string) => {
      if (positionals.length < count || extra.length > 0 || (count < 2 && version !== undefined)) {
        throw new FlagsError('flags/usage', `Usage: promptpack flags ${shape}`, `Got: ${positionals.join(' ') || '(nothing)'}. See \`promptpack flags --help\`.`);
      }
    };
    switch (command) {
      case 'status':
        expect(0, 'status [id]');
        return await statusCommand(await loadContext(options, env, cwd), id, { json: options.json }, io);
      case 'history':
        expect(1, 'history <id>');
        return await historyCommand(await loadContext(options, env, cwd), id!, { json: options.json, all: options.all }, io);
      case 'canary':
      case 'promote':
      case 'rollback':
      case 'kill': {
        expect(command === 'canary' || command === 'promote' ? 2 : 1, { canary: 'canary <id> <version> --percent N --reason "..."', promote: 'promote <id> <version> --reason "..."', rollback: 'rollback <id> [--to <version>] --reason "..."', kill: 'kill <id> --reason "..."' }[command]);
        const change = changeArgs(command, id!, version, options);
        const reason = requireReason(options, command);
        const context = await loadContext(options, env, cwd);
        return await changeCommand(context, change, { reason, actor: actorOf(options, env), force: options.force, json: options.json }, io);
      }
      default:
        throw new FlagsError('flags/usage', `Unknown flags command "${command}".`, 'Commands: status, canary, promote, rollback, kill, history.');
    }
  } catch (error) {
    if (!FlagsError.isInstance(error)) throw error;
    io.err(`error ${error.code}: ${error.message}`);
    if (error.hint) io.err(`hint: ${error.hint}`);
    if (error.code === 'flags/usage') io.err('(promptpack flags --help lists every command and option)');
    return exitCodeOf(error);
  }
}

function changeArgs(command: 'canary' | 'promote' | 'rollback' | 'kill', id: string, version: string | undefined, options: ReturnType<typeof parseFlagsArgs>['options']): ChangeArgs {
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
