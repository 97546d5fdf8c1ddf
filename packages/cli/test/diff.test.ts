// promptpack diff between git refs, release tags and the working tree, in a
// throwaway repository built per test from the order-help fixture.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/index.js';
import { capture } from './capture-io.js';

const validFixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
const git = (...args: string[]) => execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: repo, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
function commit(message: string): void {
  git('add', '-A');
  git('commit', '-q', '-m', message);
}

/** A port nothing listens on: the registry there is unreachable. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
async function diff(...args: string[]) {
  const io = capture();
  const code = await main(['diff', ...args], io);
  return { code, io, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

let repo: string;
let previousCwd: string;
const file = (id: string, name: string) => path.join(repo, 'prompts', id, name);
function edit(id: string, name: string, from: string | RegExp, to: string): void {
  const before = readFileSync(file(id, name), 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`test edit does not match ${id}/${name}: ${from}`);
  writeFileSync(file(id, name), after);
}
/** A copy of order-help under another id, its policy including the shared `safety` section. */
function addPrompt(id: string, policy: string): void {
  cpSync(validFixture, path.join(repo, 'prompts', id), { recursive: true });
  edit(id, 'prompt.yaml', 'id: order-help', `id: ${id}`);
  edit(id, 'package.json', '@acme/prompt-order-help', `@acme/prompt-${id}`);
  writeFileSync(file(id, 'policy.md'), policy);
}

beforeEach(() => {
  repo = mkdtempSync(path.join(scratch, 'repo-'));
  mkdirSync(path.join(repo, 'prompts'));
  cpSync(validFixture, path.join(repo, 'prompts/order-help'), { recursive: true });
  git('init', '-q', '-b', 'main');
  commit('order-help 1.0.0');
  git('tag', '@acme/prompt-order-help@1.0.0');
  previousCwd = process.cwd();
  process.chdir(repo);
});
afterEach(() => process.chdir(previousCwd));

describe('promptpack diff between git refs', () => {
  beforeEach(() => {
    edit('order-help', 'policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.\nNever promise a refund.');
    edit('order-help', 'prompt.yaml', '    question:\n', '    ticket:\n      type: object\n      properties:\n        priority: { type: string, enum: [low, high] }\n      required: [priority]\n    question:\n');
    edit('order-help', 'prompt.yaml', 'required: [shop, customer, orders, question]', 'required: [shop, customer, orders, question, ticket]');
    edit('order-help', 'evals.yaml', /question: Where is A-1\?/, 'question: Where is A-1?\n      ticket: { priority: high }');
    edit('order-help', 'evals.yaml', /question: Do I have orders\?/, 'question: Do I have orders?\n      ticket: { priority: low }');
    commit('policy and a required variable');
  });

  it('summarises every part with the release it needs, then diffs the changed ones', async () => {
    const { code, out } = await diff('order-help', '--from', 'main~1', '--to', 'main');
    expect(code).toBe(0);
    expect(out).toMatch(/^promptpack diff order-help \(@acme\/prompt-order-help\)$/m);
    expect(out).toMatch(/from {2}main~1 \(1\.0\.0\): git ref main~1 \(commit [0-9a-f]{12}\)/);
    expect(out).toMatch(/to {4}main \(1\.0\.0\): git ref main \(commit [0-9a-f]{12}\)/);
    expect(out).toContain('Required release: major.');
    expect(out).toMatch(/ {2}policy +changed +minor +policy text changed \(2 lines\)/);
    expect(out).toMatch(/ {2}variables +changed +major +variable "ticket" added, required/);
    expect(out).toMatch(/ {2}template +unchanged/);
    // Word-level marks inside the rewritten line; a whole new line is shown whole.
    expect(out).toContain('   2      - Be brief and accurate.');
    expect(out).toContain('        2 + Be brief{+, kind +}and accurate.');
    expect(out).toContain('        3 + Never promise a refund.');
  });

  it('compares structured parts as data: reordered YAML is no change, a new required variable is one sentence', async () => {
    // Move `shop` to the end of the properties: same schema.
    edit('order-help', 'prompt.yaml', /    shop:\n      type: string\n      description: Shop name.\n/, '');
    edit('order-help', 'prompt.yaml', '    question:\n', '    shop:\n      type: string\n      description: Shop name.\n    question:\n');
    commit('reorder');
    const reordered = await diff('order-help', '--from', 'main~1', '--to', 'main', '--format', 'json');
    expect(JSON.parse(reordered.out).parts.find((part: { part: string }) => part.part === 'variables')).toMatchObject({ changed: false, bump: 'none', changes: [] });

    const { out } = await diff('order-help', '--from', 'main~2', '--to', 'main', '--only', 'variables', '--format', 'json');
    const variables = JSON.parse(out).parts;
    expect(variables).toEqual([{ part: 'variables', changed: true, bump: 'major', changes: [{ part: 'variables', bump: 'major', path: 'ticket', summary: 'variable "ticket" added, required' }] }]);
  });

  it('--json is --format json (kept as an alias): the same document', async () => {
    const json = await diff('order-help', '--from', 'main~1', '--to', 'main', '--json');
    const format = await diff('order-help', '--from', 'main~1', '--to', 'main', '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(format.out));
  });

  it('colours follow stdout alone: a terminal on stderr does not colour a diff redirected to a file', async () => {
    const run = async (color: Io['color']) => {
      const io = { ...capture(), color };
      expect(await main(['diff', 'order-help', '--from', 'main~1', '--to', 'main'], io)).toBe(0);
      return io.stdout.join('\n');
    };
    expect(await run({ out: false, err: true })).not.toContain('\x1b[');
    expect(await run({ out: true, err: false })).toContain('\x1b[');
  });

  it('--only policy shows the policy alone and names what else changed', async () => {
    const { code, out } = await diff('order-help', '--from', 'main~1', '--to', 'main', '--only', 'policy');
    expect(code).toBe(0);
    expect(out).toContain('policy only');
    expect(out).not.toContain('Required release');
    expect(out).toContain('── Policy (as the model sees it) · minor ──');
    expect(out).not.toContain('variable "ticket"');
    expect(out).toContain('Also changed, not shown: variables, evals.');
  });

  it('json has a stable, versioned shape', async () => {
    const { out } = await diff('order-help', '--from', 'main~1', '--to', 'main', '--format', 'json');
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['specificationVersion', 'id', 'package', 'from', 'to', 'only', 'bump', 'parts', 'otherChangedParts']);
    expect(json).toMatchObject({ specificationVersion: 'promptpack.diff/v1', id: 'order-help', package: '@acme/prompt-order-help', only: null, bump: 'major', otherChangedParts: [] });
    expect(json.from).toEqual({
      requested: 'main~1',
      kind: 'ref',
      source: expect.stringMatching(/^git ref main~1 \(commit [0-9a-f]{12}\)$/),
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      version: '1.0.0',
      policyHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      approval: null,
      notes: [],
    });
    expect(json.parts.map((part: { part: string }) => part.part)).toEqual(['policy', 'fewshots', 'template', 'variables', 'output', 'model', 'evals', 'metadata']);
    const policy = json.parts[0];
    expect(policy.text).toMatchObject({ changedLines: 2, added: 2, removed: 1, whitespaceOnly: false });
    expect(policy.text.hunks[0].lines).toContainEqual({
      kind: 'added',
      newLine: 2,
      text: 'Be brief, kind and accurate.',
      segments: [
        { text: 'Be brief', changed: false },
        { text: ', kind ', changed: true },
        { text: 'and accurate.\n', changed: false },
      ],
    });
  });

  it('markdown for a pull-request comment: header table, diff block, redlines', async () => {
    const { out } = await diff('order-help', '--from', 'main~1', '--to', 'main', '--format', 'markdown');
    const normalised = out.replace(/[0-9a-f]{64}/g, '<sha256>').replace(/commit [0-9a-f]{12}/g, 'commit <commit>');
    await expect(`${normalised}\n`).toMatchFileSnapshot('__snapshots__/diff-refs.md');
  });

  it('html is one self-contained page with the changed words marked', async () => {
    const { out } = await diff('order-help', '--from', 'main~1', '--to', 'main', '--only', 'policy', '--format', 'html');
    expect(out).toMatch(/^<!doctype html>/);
    expect(out).toContain('<style>');
    expect(out).not.toMatch(/<script|<link|<img|src=|url\(|https?:\/\//i);
    // The shared report shell: the browser may load nothing but the inline stylesheet.
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-`);
    expect(out).toContain('Be brief<ins>, kind </ins>and accurate.');
    expect(out).toMatch(/<tr class="ins-row"><td class="num"><\/td><td class="num">3<\/td><td class="mark">\+<\/td><td class="text">Never promise a refund\.<\/td><\/tr>/);
    expect(out).toContain('Policy fingerprint (sha256)');
  });

  it('--out writes the page and says where on stderr', async () => {
    const { code, io, err } = await diff('order-help', '--from', 'main~1', '--format', 'html', '--out', 'review/order-help.html');
    expect(code).toBe(0);
    expect(io.stdout).toEqual([]);
    expect(err).toBe('Wrote the html diff of order-help to review/order-help.html.');
    expect(readFileSync(path.join(repo, 'review/order-help.html'), 'utf8')).toContain('</html>');
  });
});

describe('a whitespace-only policy change', () => {
  it('is reported as a change, said to be whitespace only, with the changed blanks visible', async () => {
    edit('order-help', 'policy.md', 'Be brief and accurate.', 'Be brief  and\taccurate.');
    for (const format of ['text', 'markdown', 'html'] as const) {
      const { out } = await diff('order-help', '--from', 'main', '--only', 'policy', '--format', format);
      expect(out).toMatch(/changed in whitespace only \(spaces, tabs or line breaks\); the words are identical/);
      expect(out).toContain('so it still needs approval');
    }
    const text = (await diff('order-help', '--from', 'main', '--only', 'policy')).out;
    expect(text).toContain('policy text changed, whitespace only (1 line)');
    expect(text).toContain('+ Be brief{+··+}and{+→+}accurate.');
    const json = JSON.parse((await diff('order-help', '--from', 'main', '--format', 'json')).out);
    expect(json.bump).toBe('minor');
    expect(json.parts[0]).toMatchObject({ part: 'policy', changed: true, bump: 'minor', text: { whitespaceOnly: true } });
  });

  it('a line break removed at the end is a change too', async () => {
    writeFileSync(file('order-help', 'policy.md'), readFileSync(file('order-help', 'policy.md'), 'utf8').trimEnd());
    const { out } = await diff('order-help', '--from', 'main', '--only', 'policy');
    expect(out).toContain('whitespace only');
    expect(out).toMatch(/- Be brief and accurate\.\[-↵-\]/);
  });
});

describe('versions and defaults', () => {
  it('reads a version from its release tag when no registry is configured, and compares with the last release by default', async () => {
    edit('order-help', 'template.hbs', 'Question:', 'The question:');
    const { code, out } = await diff('order-help');
    expect(code).toBe(0);
    expect(out).toMatch(/from {2}1\.0\.0: git tag @acme\/prompt-order-help@1\.0\.0 \(commit [0-9a-f]{12}\)/);
    expect(out).toContain('note: no registry is configured');
    expect(out).toContain('note: no --from given: compared with the last release, @acme/prompt-order-help@1.0.0.');
    expect(out).toMatch(/to {4}working tree \(1\.0\.0\): working tree prompts\/order-help/);
    expect(out).toContain('Required release: patch.');
  });

  it('falls back to the release tag when the registry is unreachable, and says so', async () => {
    const registry = `http://127.0.0.1:${await closedPort()}/`;
    const { code, out } = await diff('order-help', '--from', '1.0.0', '--registry', registry, '--format', 'json');
    expect(code).toBe(0);
    const from = JSON.parse(out).from;
    expect(from.kind).toBe('tag');
    expect(from.notes).toEqual([`the registry ${registry} is unreachable (ECONNREFUSED); read from the git release tag @acme/prompt-order-help@1.0.0 instead.`]);
  });

  it('an unknown version lists the versions there are; unreachable registry and no tag says what to do', async () => {
    const unknown = await diff('order-help', '--from', '1.2.0');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('error cli/usage: @acme/prompt-order-help has no version 1.2.0. Release tags in this repository: 1.0.0.');
    const registry = `http://127.0.0.1:${await closedPort()}/`;
    const offline = await diff('order-help', '--from', '1.2.0', '--registry', registry);
    expect(offline.err).toContain(`The registry ${registry} is unreachable (ECONNREFUSED).`);
    expect(offline.err).toMatch(/hint: Start or reach the registry/);
  });

  it('an unknown prompt lists the prompts there are; bad options are usage errors', async () => {
    const unknown = await diff('order-hepl', '--from', 'main');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('error prompt/not-found: Unknown prompt "order-hepl" in prompts. Prompts here: order-help.');
    const part = await diff('order-help', '--only', 'tone');
    expect(part.code).toBe(2);
    expect(part.err).toContain("argument 'tone' is invalid. Allowed choices are policy, fewshots, template, variables, output, model, evals.");
    expect((await diff('order-help', '--format', 'pdf')).code).toBe(2);
    expect((await diff('order-help', '--from', 'no-such-ref')).err).toContain('Unknown git ref "no-such-ref"');
  });
});

describe('promptpack diff --shared', () => {
  beforeEach(() => {
    mkdirSync(path.join(repo, 'prompts/_shared'));
    writeFileSync(path.join(repo, 'prompts/_shared/safety.md'), 'Never give legal advice.\n');
    addPrompt('order-status', 'You tell {{shop}} customers where their order is.\n{{> safety}}\n');
    addPrompt('returns', 'You handle returns for {{shop}}.\n\n{{> safety}}\nBe brief.\n');
    commit('two prompts share the safety section');
  });

  it('lists every prompt that includes the section, with the release the change needs', async () => {
    writeFileSync(path.join(repo, 'prompts/_shared/safety.md'), 'Never give legal or medical advice.\n');
    const { code, out } = await diff('--shared', 'safety', '--from', 'HEAD');
    expect(code).toBe(0);
    expect(out).toContain('Shared section "safety" (prompts/_shared/safety.md) is changed since HEAD; 2 prompts include it, 2 of them see a different policy.');
    expect(out).toMatch(/order-status +@acme\/prompt-order-status +changed +minor +minor/);
    expect(out).toMatch(/returns +@acme\/prompt-returns +changed +minor +minor/);
    expect(out).not.toMatch(/^order-help/m);
    expect(out).toContain('+ Never give legal {+or medical +}advice.');

    const json = JSON.parse((await diff('--shared', 'safety', '--from', 'HEAD', '--format', 'json')).out);
    expect(json).toMatchObject({ specificationVersion: 'promptpack.shared-impact/v1', section: 'safety', sectionStatus: 'changed', to: 'working tree' });
    expect(json.prompts.map((prompt: { id: string; policyBump: string }) => [prompt.id, prompt.policyBump])).toEqual([
      ['order-status', 'minor'],
      ['returns', 'minor'],
    ]);
    // The prompt's own diff shows the effective policy, the section inlined.
    const policy = await diff('returns', '--from', 'HEAD', '--only', 'policy');
    expect(policy.out).toContain('+ Never give legal {+or medical +}advice.');
  });

  it('names the shared sections there are when the name is wrong', async () => {
    const { code, err } = await diff('--shared', 'safty', '--from', 'HEAD');
    expect(code).toBe(1);
    expect(err).toContain('No shared section "safty"');
    expect(err).toContain('Shared sections here: safety.');
  });
});
