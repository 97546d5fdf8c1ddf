import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { effectivePolicy, policyLockFor, sha256 } from '@promptpack/core';
import { formatPolicyLock } from '@promptpack/spec';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPrompt } from '../src/index.js';
import { copyFixture, loadFixture, scratchDir, type GeneratedModule } from './temp-build.js';

const safety = '## Safety\n\nIf {{customer.name}} is in danger, point to local emergency services.\n';
let root: string;
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir: root, cleanup } = scratchDir());
  mkdirSync(path.join(root, '_shared'));
  writeFileSync(path.join(root, '_shared/safety.md'), safety);
  dir = copyFixture('support-mini', root);
  const policy = path.join(dir, 'policy.md');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace('- Refunds up to', '  {{> safety}}\n- Refunds up to'));
});
afterAll(() => cleanup());

describe('building a prompt that includes shared sections', () => {
  test('compiles the effective policy, copies each section to dist/shared and records the approval', async () => {
    const prompt = loadFixture(dir);
    writeFileSync(path.join(dir, 'policy.lock'), formatPolicyLock(policyLockFor(prompt, { by: 'legal@acme.example', at: '2026-11-21T09:30:00Z' })));
    const result = buildPrompt(dir);
    if (!result.success) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.written).toContain('dist/shared/safety.md');
    expect(readFileSync(path.join(dir, 'dist/shared/safety.md'), 'utf8')).toBe(safety);

    const manifest = JSON.parse(readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8'));
    const hash = sha256(effectivePolicy(loadFixture(dir)));
    expect(manifest.policyHash).toBe(hash);
    expect(manifest.hashes.policy).toBe(hash);
    expect(manifest.policy).toEqual({
      hash,
      approval: { by: 'legal@acme.example', at: '2026-11-21T09:30:00Z' },
      sections: [{ name: 'safety', file: 'dist/shared/safety.md', hash: sha256(safety) }],
    });

    // The section is part of the system message, indented as Handlebars indents a standalone partial.
    const esm = (await import(pathToFileURL(path.join(dir, 'dist/index.js')).href)) as GeneratedModule;
    const variables = { customer: { name: 'Ada', tier: 'pro' }, ticket: { subject: 's', body: 'b' }, orders: [] };
    const system = esm.render(variables).messages[0]!.content;
    expect(system).toContain('\n  ## Safety\n  \n  If Ada is in danger, point to local emergency services.\n- Refunds up to');
    expect(esm.render(variables).meta.policyHash).toBe(hash);
    const cjs = createRequire(path.join(dir, 'package.json'))('./dist/index.cjs') as GeneratedModule;
    expect(cjs.render(variables).messages[0]!.content).toBe(system);
  });

  test('a rebuild is byte-identical and writes nothing', () => {
    const before = readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8');
    const again = buildPrompt(dir);
    if (!again.success) throw new Error('rebuild failed');
    expect(again.written).toEqual([]);
    expect(again.unchanged).toContain('dist/shared/safety.md');
    expect(readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8')).toBe(before);
  });

  test('a section change changes the hashes and drops the approval; a section no longer included leaves dist', () => {
    const approved = JSON.parse(readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8'));
    writeFileSync(path.join(root, '_shared/safety.md'), safety.replace('local emergency', 'emergency'));
    const changed = buildPrompt(dir);
    if (!changed.success) throw new Error('build failed');
    // The lock approves the old text: an approval of another policy says nothing about this one.
    expect(changed.manifest.policy.approval).toBeNull();
    expect(changed.manifest.policyHash).not.toBe(approved.policyHash);
    expect(changed.manifest.contentHash).not.toBe(approved.contentHash);

    const policy = path.join(dir, 'policy.md');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('  {{> safety}}\n', ''));
    const without = buildPrompt(dir);
    if (!without.success) throw new Error('build failed');
    expect(without.removed).toEqual(['dist/shared/safety.md']);
    expect(without.manifest.policy.sections).toEqual([]);
  });
});
