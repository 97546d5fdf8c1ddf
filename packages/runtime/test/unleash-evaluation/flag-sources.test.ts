// The client specification through the runtime's flag sources, with its
// contexts as FlagContext: fileFlags on a flags file, and unleashFlags
// started from a bootstrap file (before and after unleash-client has loaded
// it, with segments inline). FlagDecision carries the variant's name, not its
// payload: payloads are checked on the evaluator itself (specification.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fileFlags, unleashFlags, type FlagContext, type FlagDecision, type FlagSource } from '../../src/index.js';
import { specificationFiles } from './specification.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'promptpack-spec-sources-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const files = specificationFiles();
const enabled = (decision: FlagDecision) => decision.status === 'variant' || decision.status === 'no-variant';
const variantName = (decision: FlagDecision) => (decision.status === 'variant' ? decision.variant : 'disabled');

function check(source: FlagSource, file: (typeof files)[number]) {
  for (const spec of file.tests) {
    expect(enabled(source.evaluate(spec.toggleName, spec.context as FlagContext)), `${file.file}: ${spec.description}`).toBe(spec.expectedResult);
  }
  for (const spec of file.variantTests) {
    const decision = source.evaluate(spec.toggleName, spec.context as FlagContext);
    expect({ name: variantName(decision), enabled: decision.status === 'variant' }, `${file.file}: ${spec.description}`).toEqual({
      name: spec.expectedResult.name,
      enabled: spec.expectedResult.enabled,
    });
  }
}

function writeState(file: (typeof files)[number]): string {
  const target = path.join(folder, file.file);
  writeFileSync(target, JSON.stringify(file.document));
  return target;
}

describe('fileFlags', () => {
  for (const file of files) {
    test(file.file, async () => {
      const source = fileFlags(writeState(file), { pollInterval: 0 });
      try {
        check(source, file);
      } finally {
        await source.close();
      }
    });
  }
});

describe('unleashFlags from a bootstrap file, server unreachable', () => {
  for (const file of files) {
    test(file.file, async () => {
      const source = unleashFlags({
        // Port 9 (discard) on loopback: nothing listens, the fetch fails at once and changes nothing.
        url: 'http://127.0.0.1:9/api',
        appName: 'specification',
        token: 'unused',
        bootstrapFile: writeState(file),
        refreshInterval: 3_600_000,
        metrics: false,
      });
      try {
        // Served from the bootstrap promptpack read itself, before unleash-client has loaded it.
        check(source, file);
        // Then from unleash-client's own copy (segments inline), once it says it is ready.
        await new Promise<void>((resolve) => {
          const stop = source.subscribe((event) => {
            if (event.type === 'ready') {
              stop();
              resolve();
            }
          });
        });
        check(source, file);
      } finally {
        await source.close();
      }
    });
  }
});
