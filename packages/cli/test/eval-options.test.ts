import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { evalOptionsFrom, type EvalValues } from '../src/eval/eval-options.js';
import { defineEvalOptions } from '../src/program/commands/eval.js';
import { createProgress, formatBar, isInteractive } from '../src/eval/progress.js';

/** The command line as a user types it, through the real parser, then checked. */
function parseEvalOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const command = defineEvalOptions(new Command('eval')).exitOverride();
  command.parse(argv, { from: 'user' });
  return evalOptionsFrom(command.args, command.opts<EvalValues>(), env);
}

describe('evalOptionsFrom', () => {
  it('chooses the provider: the flag, else replay in CI, else openai when an endpoint is configured, else replay', () => {
    expect(parseEvalOptions(['x', '--provider', 'openai'], { CI: 'true' })).toMatchObject({ provider: 'openai', providerSource: '--provider' });
    expect(parseEvalOptions(['x'], { CI: 'true', OPENAI_API_KEY: 'k' })).toMatchObject({ provider: 'replay', providerSource: 'CI default' });
    expect(parseEvalOptions(['x'], { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toMatchObject({ provider: 'openai' });
    expect(parseEvalOptions(['x'], {})).toMatchObject({ provider: 'replay', providerSource: 'no endpoint configured' });
    expect(parseEvalOptions(['x'], { PROMPTPACK_EVAL_PROVIDER: 'openai', OPENAI_API_KEY: 'k' })).toMatchObject({ provider: 'openai', providerSource: 'PROMPTPACK_EVAL_PROVIDER' });
    expect(parseEvalOptions(['x', '--record'], { CI: 'true' })).toMatchObject({ provider: 'openai', record: true });
  });

  it('takes the judge and embedding models for model-graded checks, and refuses empty ones', () => {
    expect(parseEvalOptions(['x', '--judge-model', 'gpt-4o', '--embedding-model', 'text-embedding-3-small'], {})).toMatchObject({ judgeModel: 'gpt-4o', embeddingModel: 'text-embedding-3-small' });
    expect(parseEvalOptions(['x'], {})).not.toHaveProperty('judgeModel');
    expect(() => parseEvalOptions(['x', '--judge-model', ' '], {})).toThrow(/--judge-model needs a model name/);
    expect(() => parseEvalOptions(['x', '--embedding-model', ''], {})).toThrow(/--embedding-model needs a model name/);
  });

  it('takes --compare A B apart from the prompt ids', () => {
    expect(parseEvalOptions(['support-reply', '--compare', '1.4.0', '1.5.0', '--out', 'r'], {})).toMatchObject({ prompts: ['support-reply'], compare: ['1.4.0', '1.5.0'], out: 'r' });
    expect(() => parseEvalOptions(['a', 'b', '--compare', '1.4.0', '1.5.0'], {})).toThrow(/one prompt/);
    expect(() => parseEvalOptions(['a', '--compare', '1.4.0', '--gate'], {})).toThrow(/two versions, e\.g\. --compare 1\.4\.0 1\.5\.0; found 1\.4\.0\./);
    expect(() => parseEvalOptions(['--compare', '1.4.0', '1.5.0', 'a'], {})).toThrow(/found 1\.4\.0 1\.5\.0 a/);
  });

  it('--gate compares with the previous release by default; lists and numbers are checked', () => {
    expect(parseEvalOptions(['x', '--gate'], {})).toMatchObject({ gate: true, baseline: 'auto', concurrency: 4 });
    expect(parseEvalOptions(['x', '--tier', 'blocking,monitoring', '--case', 'a', '--case', 'b', '--report', 'markdown,html'], {})).toMatchObject({
      tiers: ['blocking', 'monitoring'],
      caseIds: ['a', 'b'],
      reports: ['markdown', 'html'],
    });
    expect(() => parseEvalOptions(['x', '--concurrency', '1.5'], {})).toThrow(/--concurrency must be a whole number/);
    expect(() => parseEvalOptions(['x', '--report', 'pdf'], {})).toThrow(/Unknown report format "pdf"/);
    expect(() => parseEvalOptions(['x', '--provider', 'anthropic'], {})).toThrow(/Allowed choices are openai, replay/);
    expect(() => parseEvalOptions(['x', '--version', '1.0.0', '--gate'], {})).toThrow(/--gate evaluates the working tree/);
  });

  it('--json is --report json, once', () => {
    expect(parseEvalOptions(['x', '--json'], {}).reports).toEqual(['json']);
    expect(parseEvalOptions(['x', '--json', '--report', 'json,html'], {}).reports).toEqual(['json', 'html']);
  });

  it('the model comes from --model, else PROMPTPACK_EVAL_MODEL', () => {
    expect(parseEvalOptions(['x'], { PROMPTPACK_EVAL_MODEL: 'llama3.1:8b' }).model).toBe('llama3.1:8b');
    expect(parseEvalOptions(['x', '--model', 'qwen'], { PROMPTPACK_EVAL_MODEL: 'llama3.1:8b' }).model).toBe('qwen');
  });
});

describe('progress', () => {
  it('is shown on a terminal, never in CI or when piped; PROMPTPACK_PROGRESS forces it', () => {
    expect(isInteractive({ isTTY: true }, {})).toBe(true);
    expect(isInteractive({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(isInteractive({ isTTY: false }, {})).toBe(false);
    expect(isInteractive({ isTTY: false }, { PROMPTPACK_PROGRESS: '1' })).toBe(true);
    expect(isInteractive({ isTTY: true }, { PROMPTPACK_PROGRESS: '0' })).toBe(false);
  });

  it('draws a bar with counts, errors, rate and eta, and erases it', () => {
    expect(formatBar('faq@1.0.0', 6, 12, 1, 2, 12)).toBe('faq@1.0.0 [██████░░░░░░] 6/12 1 error 3.0/s eta 2s');
    const written: string[] = [];
    const progress = createProgress('faq', true, (text) => written.push(text));
    progress.update({ done: 12, total: 12, errors: 0 });
    progress.clear();
    expect(written[0]).toMatch(/^\r\x1b\[2Kfaq \[█+\] 12\/12 /);
    expect(written[1]).toBe('\r\x1b[2K');
    const silent: string[] = [];
    createProgress('faq', false, (text) => silent.push(text)).update({ done: 1, total: 2, errors: 0 });
    expect(silent).toEqual([]);
  });
});
