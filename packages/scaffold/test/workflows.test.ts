import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaffoldRepository } from '../src/index.js';

// SchemaStore's GitHub workflow schema, the copy scripts/ci/workflows.test.ts lints this repository's own workflows with.
const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../scripts/ci/github-workflow.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe.each(['npm', 'pnpm'] as const)('scaffolded workflows (%s)', (packageManager) => {
  const workflows = scaffoldRepository({ scope: '@acme', packageManager }).filter((file) => file.path.startsWith('.github/workflows/'));

  it.each(workflows.map((file) => [file.path, file.contents] as const))('%s is a valid workflow with pinned actions, a timeout and least privilege', (_file, contents) => {
    const workflow = parse(contents) as { permissions?: unknown; jobs: Record<string, { 'timeout-minutes'?: number }> };
    expect(validate(workflow), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow.jobs)) expect(job['timeout-minutes']).toBeGreaterThan(0);
    for (const [, action] of contents.matchAll(/uses:\s*(\S+)/g)) expect(action).toMatch(/@[0-9a-f]{40}$/);
  });
});
