// The end-to-end test: two releases of support-reply (a patch and a
// minor) cut through real changeset files and `changeset version`, published
// to a real Verdaccio, then installed side by side by npm alias in fresh
// consumer projects outside the workspace (pnpm and npm), imported from ESM
// and CJS, rendered, and type-checked with tsc against the published .d.ts.
// The registry is the one the e2e files share; the prompts go out under this
// file's own scope (lib/scopes.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { seedDependencies } from '../registry/seed-dependencies.js';
import { createConsumer, type PackageManager } from './lib/consumer.js';
import { approvePolicy, publishedVersions, runChangeset, runCommand, runRelease } from './lib/release-cli.js';
import { createScratchRepo, repoRoot, type ScratchRepo } from './lib/scratch-repo.js';
import { e2eScopes } from './lib/scopes.js';
import { sharedRegistryUrl } from './lib/shared-services.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-e2e-consumers-'));
const scope = e2eScopes.consumers;
const name = `${scope}/prompt-support-reply`;
const wording = { before: 'Draft a reply to the support ticket below.', after: 'Write a draft reply to the support ticket below.' };
const policySentence = 'Reply in the language the customer wrote in.';
const url = sharedRegistryUrl();

// A scratch repository and two consumers with their node_modules: over the default 10 s on a loaded machine.
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
}, 120_000);

interface Rendered {
  meta: { name: string; version: string; contentHash: string; policyHash: string };
  messages: Array<{ role: string; content: string }>;
}

test('a patch and a minor of support-reply, installed side by side with pnpm and npm, ESM + CJS + tsc', { timeout: 600_000 }, async () => {
  const repo = createScratchRepo(path.join(tmp, 'repo'), { scope });

  // First release (every prompt), while zod is seeded for the consumers.
  const [first] = await Promise.all([runRelease(repo.dir, url), seedDependencies(url, ['zod@4.6.7'])]);
  expect(first.code, first.output).toBe(0);
  const v0 = versionOf(repo);

  // A patch: template wording.
  edit(repo, 'prompts/support-reply/template.hbs', (text) => text.replace(wording.before, wording.after));
  const v1 = await cutRelease(repo, 'patch', 'Template: clearer first instruction.');
  // A minor: policy text.
  edit(repo, 'prompts/support-reply/policy.md', (text) => `${text.trimEnd()}\n\n${policySentence}\n`);
  const approved = await approvePolicy(repo.dir, 'support-reply');
  expect(approved.code, approved.output).toBe(0);
  const v2 = await cutRelease(repo, 'minor', 'Policy: answer in the customer\'s language.');
  expect([v0, v1, v2]).toEqual([v0, bump(v0, 'patch'), bump(bump(v0, 'patch'), 'minor')]);
  expect(await publishedVersions(url, name)).toEqual([v0, v1, v2].sort());
  expect(repo.git('tag', '--list', `${name}@*`).split('\n').sort()).toEqual([v0, v1, v2].map((v) => `${name}@${v}`).sort());

  const dependencies = { 'support-reply-1': `npm:${name}@${v1}`, 'support-reply-2': `npm:${name}@${v2}` };
  for (const packageManager of ['pnpm', 'npm'] as PackageManager[]) {
    const dir = path.join(tmp, `consumer-${packageManager}`);
    const install = await createConsumer(dir, { registryUrl: url, dependencies, packageManager });
    expect(install.code, install.output).toBe(0);

    const esm = await renderBoth(dir, 'mjs');
    const cjs = await renderBoth(dir, 'cjs');
    expect(cjs).toEqual(esm);
    const [one, two] = esm;
    expect(one.meta).toMatchObject({ name, version: v1 });
    expect(two.meta).toMatchObject({ name, version: v2 });
    expect(one.meta.contentHash).not.toBe(two.meta.contentHash);
    expect(one.meta.policyHash).not.toBe(two.meta.policyHash);
    const system = (r: Rendered) => r.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = (r: Rendered) => r.messages.at(-1)?.content ?? '';
    expect(system(one)).not.toContain(policySentence);
    expect(system(two)).toContain(policySentence);
    for (const rendered of [one, two]) {
      expect(user(rendered)).toContain(wording.after);
      expect(user(rendered)).not.toContain(wording.before);
    }
    expect(user(one)).toBe(user(two));
  }

  // Types: the published .d.ts / .d.cts of both versions, from ESM and CJS consumer files.
  const consumer = path.join(tmp, 'consumer-pnpm');
  writeTypeCheckFiles(consumer);
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  const good = await runCommand(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer });
  expect(good.code, good.output).toBe(0);
  // Control: the same wrong call without @ts-expect-error must not compile.
  const bad = await runCommand(process.execPath, [tsc, '-p', 'tsconfig.bad.json'], { cwd: consumer });
  expect(bad.code).not.toBe(0);
  expect(bad.output).toMatch(/bad\.mts\(\d+,\d+\): error TS\d+: .*custmer/);
});

async function cutRelease(repo: ScratchRepo, level: 'patch' | 'minor', summary: string): Promise<string> {
  writeFileSync(path.join(repo.dir, `.changeset/support-reply-${level}.md`), `---\n"${name}": ${level}\n---\n\n${summary}\n`);
  repo.commit(`support-reply: ${summary}`);
  const version = await runChangeset(repo.dir, ['version']);
  expect(version.code, version.output).toBe(0);
  repo.commit('Version packages');
  const release = await runRelease(repo.dir, url);
  expect(release.code, release.output).toBe(0);
  expect(release.output).toMatch(/published: +1\n/);
  return versionOf(repo);
}

function versionOf(repo: ScratchRepo): string {
  return (JSON.parse(readFileSync(path.join(repo.dir, 'prompts/support-reply/package.json'), 'utf8')) as { version: string }).version;
}

function edit(repo: ScratchRepo, file: string, change: (text: string) => string): void {
  const full = path.join(repo.dir, file);
  const before = readFileSync(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(full, after);
}

function bump(version: string, level: 'patch' | 'minor'): string {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  return level === 'patch' ? `${major}.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
}

async function renderBoth(dir: string, kind: 'mjs' | 'cjs'): Promise<[Rendered, Rendered]> {
  const load =
    kind === 'mjs'
      ? `const one = await import('support-reply-1'); const two = await import('support-reply-2');`
      : `const one = require('support-reply-1'); const two = require('support-reply-2');`;
  const body = `${load}
const vars = one.evals.cases[0].variables;
const pick = (r) => ({ meta: r.meta, messages: r.messages });
console.log(JSON.stringify([pick(one.render(vars)), pick(two.render(vars))]));`;
  const file = path.join(dir, `render.${kind}`);
  writeFileSync(file, kind === 'mjs' ? body : `(async () => {\n${body}\n})();\n`);
  const result = await runCommand(process.execPath, [file], { cwd: dir });
  expect(result.code, result.output).toBe(0);
  return JSON.parse(result.output) as [Rendered, Rendered];
}

function writeTypeCheckFiles(dir: string): void {
  const vars = `{ companyName: 'Northwind', customer: { name: 'Ada', tier: 'pro' as const }, ticket: { subject: 'Late parcel', body: 'Where is it?' }, recentOrders: [] }`;
  const uses = (one: string, two: string) => `
const vars = ${vars};
const a: string = ${one}(vars).meta.version;
const b: string = ${two}(vars).meta.version;
export const versions = [a, b];
`;
  const wrong = (fn: string) =>
    `${fn}({ companyName: 'Northwind', custmer: { name: 'Ada', tier: 'pro' }, ticket: { subject: 's', body: 'b' }, recentOrders: [] });`;
  writeFileSync(
    path.join(dir, 'consumer.mts'),
    `import { render as renderOne } from 'support-reply-1';
import { render as renderTwo } from 'support-reply-2';
${uses('renderOne', 'renderTwo')}
// @ts-expect-error "custmer" is not a variable of support-reply (a typo must not compile)
${wrong('renderTwo')}
// @ts-expect-error "gold" is not a customer tier
renderOne({ ...vars, customer: { name: 'Ada', tier: 'gold' } });
`,
  );
  writeFileSync(
    path.join(dir, 'consumer.cts'),
    `import one = require('support-reply-1');
import two = require('support-reply-2');
${uses('one.render', 'two.render')}
// @ts-expect-error "custmer" is not a variable of support-reply
${wrong('one.render')}
`,
  );
  writeFileSync(path.join(dir, 'bad.mts'), `import { render } from 'support-reply-2';\n${wrong('render')}\n`);
  const compilerOptions = { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [], skipLibCheck: false };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.mts', 'consumer.cts'] }, null, 2));
  writeFileSync(path.join(dir, 'tsconfig.bad.json'), JSON.stringify({ compilerOptions, files: ['bad.mts'] }, null, 2));
}
