// The text readers of eval-result.json and dist/manifest.json: what every
// reader outside spec calls with a file's text. Not-JSON is a located
// SpecificationError; JSON goes through the format's own check.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeParseEvalRecordText, safeParseEvalResultText, safeParseManifestText, SpecificationError, type SafeParseResult } from '../src/index.js';
import { completeEvalRecord } from './complete-eval-record.js';

const builtManifest = readFileSync(path.resolve(import.meta.dirname, '../../build/test/__snapshots__/support-mini/manifest.json'), 'utf8');
const record = completeEvalRecord();

const readers: Array<[string, (text: string) => SafeParseResult<unknown>, string]> = [
  ['eval record', safeParseEvalRecordText, JSON.stringify(record)],
  ['eval result', safeParseEvalResultText, JSON.stringify(record.result)],
  ['prompt manifest', safeParseManifestText, builtManifest],
];

describe.each(readers)('the %s text reader', (format, read, valid) => {
  it('reads what promptpack writes, a byte-order mark included', () => {
    expect(read(valid)).toEqual({ success: true, data: JSON.parse(valid) });
    expect(read(`\uFEFF${valid}`).success).toBe(true);
  });

  it('says where text that is not JSON goes wrong, with the format and its hint', () => {
    const parsed = read('{\n  "specificationVersion": ,\n}');
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(SpecificationError.isInstance(parsed.error)).toBe(true);
    expect(parsed.error.summary).toMatch(new RegExp(`^Not a valid ${format}: it is not JSON: .*\\(line 2, column \\d+\\)\\.$`));
    expect(parsed.error.hint).not.toBe('');
  });

  it('rejects JSON of another shape with the path of the first wrong field', () => {
    const parsed = read(JSON.stringify({ ...JSON.parse(valid), specificationVersion: 'promptpack.other/v9' }));
    expect(parsed.success === false && parsed.error.path).toBe('specificationVersion');
  });
});
