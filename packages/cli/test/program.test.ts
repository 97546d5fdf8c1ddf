// The command line itself: --version, help for every command of the tree,
// suggestions and exit 2 for wrong usage.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { createProgram, forEachCommand } from '../src/program/create-program.js';
import { commandPath } from '../src/program/help-text.js';
import { capture } from './capture-io.js';

async function run(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** Every command and subcommand, as the words a user types after `promptpack`. */
function commandTree(): { words: string[]; command: Command }[] {
  const found: { words: string[]; command: Command }[] = [];
  forEachCommand(createProgram({ io: capture(), env: {}, cwd: process.cwd(), exitCode: 0 }), (command) => {
    found.push({ words: commandPath(command).split(' ').slice(1), command });
  });
  return found;
}

describe('promptpack --version', () => {
  it("prints the CLI package's version from its package.json and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(path.join(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    expect(await run('--version')).toEqual({ code: 0, out: version, err: '' });
    expect(await run('-v')).toEqual({ code: 0, out: version, err: '' });
  });

  it('is a root option only: after a command, --version is that command\'s own', async () => {
    const { code, err } = await run('eval', '--version');
    expect(code).toBe(2);
    expect(err).toMatch(/option '--version <version>' argument missing/);
  });
});

describe('help for every command and subcommand', () => {
  const tree = commandTree();

  it('covers the commands users know', () => {
    const names = tree.map(({ words }) => words.join(' '));
    for (const expected of ['validate', 'build', 'new', 'check', 'diff', 'eval', 'policy approve', 'policy show', 'flags status', 'flags canary', 'flags promote', 'flags rollback', 'flags kill', 'flags history', 'help']) {
      expect(names).toContain(expected);
    }
  });

  it.each(tree.map(({ words, command }) => [words.join(' ') || '(root)', words, command] as const))('%s: --help, -h and help <command> exit 0 with its usage, its own options and an example', async (_name, words, command) => {
    const help = await run(...words, '--help');
    expect(help.code, help.err).toBe(0);
    expect(help.err).toBe('');
    expect(help.out).toContain(`Usage: ${['promptpack', ...words].join(' ')}`);
    expect(command.description(), 'a description').not.toBe('');
    for (const option of command.options) expect(help.out).toContain(option.long ?? option.flags);
    expect(help.out).toMatch(new RegExp(`Examples:\\n  \\$ promptpack ${words.join(' ')}`));
    expect(await run(...words, '-h')).toEqual(help);
    if (words.length > 0) expect(await run('help', ...words)).toEqual(help);
  });

  it('the root help documents the exit codes and the colour variables', async () => {
    const { out } = await run('--help');
    expect(out).toMatch(/Exit codes:\n {2}0 {2}ok\n {2}1 {2}the prompts have errors.*\n {2}2 {2}the command was used wrongly/);
    expect(out).toMatch(/NO_COLOR[\s\S]*FORCE_COLOR/);
  });

  it('--json is spelled the same on every command that reports', () => {
    const reporting = ['validate', 'build', 'check', 'diff', 'eval', 'flags status', 'flags history'];
    for (const name of reporting) {
      const found = tree.find(({ words }) => words.join(' ') === name);
      expect(found?.command.options.map((option) => option.long), name).toContain('--json');
    }
  });
});

describe('wrong usage exits 2 with a suggestion and the usage of that command', () => {
  it('an unknown option', async () => {
    const { code, err, out } = await run('diff', 'support-reply', '--fromat', 'json');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("error: unknown option '--fromat'\n(Did you mean --format?)\nUsage: promptpack diff [options] [id]\n(promptpack diff --help lists its options and examples)");
  });

  it('an unknown command, and an unknown subcommand', async () => {
    const command = await run('vaildate');
    expect(command.code).toBe(2);
    expect(command.err).toMatch(/^error: unknown command 'vaildate'\n\(Did you mean validate\?\)\nUsage: promptpack <command> \[options\]/);
    const subcommand = await run('flags', 'rollbak', 'support-reply');
    expect(subcommand.code).toBe(2);
    expect(subcommand.err).toMatch(/unknown command 'rollbak'\n\(Did you mean rollback\?\)\nUsage: promptpack flags/);
    const help = await run('help', 'flags', 'rollbak');
    expect(help.code).toBe(2);
    expect(help.err).toMatch(/unknown command 'rollbak' for promptpack flags; its commands: status, canary, promote, rollback, kill, history, guard\./);
  });

  it('a missing argument, an excess argument, an invalid choice, no command at all', async () => {
    expect(await run('flags', 'canary', 'support-reply')).toMatchObject({ code: 2, err: expect.stringMatching(/missing required argument 'version'\nUsage: promptpack flags canary \[options\] <id> <version>/) });
    expect(await run('policy', 'show', 'a', 'b')).toMatchObject({ code: 2, err: expect.stringMatching(/too many arguments for 'show'/) });
    expect(await run('eval', '--provider', 'anthropic')).toMatchObject({ code: 2, err: expect.stringMatching(/Allowed choices are openai, replay/) });
    const bare = await run();
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/^Usage: promptpack <command> \[options\]/);
  });

  it('two machine formats at once', async () => {
    expect(await run('diff', 'support-reply', '--json', '--format', 'html')).toMatchObject({ code: 2, err: expect.stringMatching(/--json and --format html ask for two formats/) });
  });
});
