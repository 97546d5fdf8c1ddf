// The standard workload both runtime benches render: the prompt package in
// scripts/bench/runtime-workload, built as two versions, and one request's variables.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPrompt } from '@promptpack/build';

export const workloadSource = path.resolve(import.meta.dirname, '../runtime-workload');

/**
 * Copies the workload into `<workdir>/<version>/runtime-workload` as that
 * version, with `policySuffix` appended to its policy (so versions differ),
 * builds it and returns its dist/index.js. `workdir` must lie inside a
 * package whose node_modules hold what the generated code imports.
 */
export function buildWorkloadVersion(workdir: string, version: string, policySuffix: string): string {
  const dir = path.join(workdir, version, 'runtime-workload');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(workloadSource, dir, { recursive: true });
  const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
  edit('package.json', (text) => text.replace('"version": "1.0.0"', `"version": "${version}"`));
  edit('policy.md', (text) => text + policySuffix);
  const result = buildPrompt(dir);
  if (!result.success) throw new Error(`bench prompt ${version} failed to build: ${JSON.stringify(result.diagnostics)}`);
  return path.join(dir, 'dist/index.js');
}

/** The policy line the canary version adds. */
export const canaryPolicySuffix = 'Mention the help centre when it helps.\n';

export const workloadVariables = {
  company: 'Acme',
  team: 'Acme Support',
  customer: 'Ada Lovelace',
  tier: 'pro' as const,
  subject: 'Order A-1001 is late',
  body: 'Hi, my order A-1001 was due on Monday and has not arrived. Can you check where it is? Thanks, Ada',
  orders: [
    { id: 'A-1001', status: 'shipped' },
    { id: 'A-0999', status: 'delivered' },
    { id: 'A-0950', status: 'delivered' },
  ],
};
