import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './capture-io.js';
import { useOrderHelpRepo } from './order-help-repo.js';

const currentRepo = useOrderHelpRepo('promptpack-cli-');

describe('promptpack validate', () => {
  it('exits 0 and says ok for a valid prompt found through prompts/', async () => {
    const io = capture();
    expect(await main(['validate'], io)).toBe(0);
    expect(io.stdout).toContain('ok order-help');
    expect(io.stdout.at(-1)).toBe('1 prompt checked: 0 errors, 0 warnings.');
  });

  it('exits 1 and prints file:line:column, code and hint for each problem', async () => {
    const template = path.join(currentRepo(), 'prompts/order-help/template.hbs');
    writeFileSync(template, readFileSync(template, 'utf8').replace('{{customer.name}}', '{{custmer.name}}'));
    const io = capture();
    expect(await main(['validate', 'prompts/order-help'], io)).toBe(1);
    const report = io.stderr.join('\n');
    expect(report).toMatch(/^prompts\/order-help\/template\.hbs:1:\d+: error template\/unknown-variable: /m);
    expect(report).toMatch(/customer\.name/);
    expect(report).toMatch(/hint: /);
    expect(io.stdout.at(-1)).toMatch(/1 prompt checked: [1-9]\d* errors?, 0 warnings\./);
  });

  it('exits 1 with a clear message for a folder that does not exist', async () => {
    const io = capture();
    expect(await main(['validate', 'prompts/nope'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/No prompt folder at prompts\/nope/);
  });
});

describe('promptpack new', () => {
  it('scaffolds a prompt that validates with no warnings, reusing the repo scope', async () => {
    const io = capture();
    expect(await main(['new', 'order-status'], io)).toBe(0);
    const packageJson = JSON.parse(readFileSync(path.join(currentRepo(), 'prompts/order-status/package.json'), 'utf8'));
    expect(packageJson.name).toBe('@acme/prompt-order-status');
    const check = capture();
    expect(await main(['validate', 'prompts/order-status'], check)).toBe(0);
    expect(check.stdout.at(-1)).toBe('1 prompt checked: 0 errors, 0 warnings.');
  });

  it('refuses to overwrite an existing folder and leaves it untouched', async () => {
    const policy = path.join(currentRepo(), 'prompts/order-help/policy.md');
    const before = readFileSync(policy, 'utf8');
    const io = capture();
    expect(await main(['new', 'order-help'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/already exists; nothing was written/);
    expect(readFileSync(policy, 'utf8')).toBe(before);
  });

  it('rejects an id that is not kebab-case', async () => {
    const io = capture();
    expect(await main(['new', 'Order_Status'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/not a valid prompt id/);
    expect(existsSync(path.join(currentRepo(), 'prompts/Order_Status'))).toBe(false);
  });
});

describe('usage', () => {
  it('exits 2 on an unknown command or option', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown command 'frobnicate'/);
    const options = capture();
    expect(await main(['validate', '--bogus'], options)).toBe(2);
  });
});
