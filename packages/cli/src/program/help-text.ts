// Pieces every command's help shares, so each `--help` reads the same way.
import { Option, type Command } from 'commander';

/** Appends an Examples section; every command has one (the help test walks the command tree to make sure). */
export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}`);
}

/** `--json`, spelled and described the same on every command that reports. */
export function jsonOption(alias?: string): Option {
  const description = 'print one JSON document on stdout instead of the text report (nothing else goes to stdout)';
  return new Option('--json', alias ? `${description}; the same as ${alias}` : description);
}

/** Collects a repeatable option (`--tier a --tier b`) into a list. */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The words a user types to reach a command: `promptpack flags canary`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

export const exitCodesHelp = `Exit codes:
  0  ok
  1  the prompts have errors (validation, a failed check or eval gate)
  2  the command was used wrongly (unknown command or option, a missing argument)`;

export const environmentHelp = `Colours:
  Decided per stream: only a terminal gets them, so \`promptpack diff > file\` writes plain text.
  NO_COLOR=1 turns them off; FORCE_COLOR=1 (to 3) turns them on, FORCE_COLOR=0 off (https://no-color.org).`;
