import { readFileSync } from 'node:fs';
import type { ClientFeaturesResponse } from 'unleash-client';
import { flagsFileExample, flagsFileProblem, jsonErrorPosition } from '@promptpack/spec/plain';

export type ReadResult = { ok: true; data: ClientFeaturesResponse; text: string } | { ok: false; message: string };

/**
 * Reads a flags file in Unleash's client-features format (what
 * `GET /api/client/features` returns) and checks the parts evaluation relies
 * on, so a typo is reported with its place instead of silently disabling flags.
 */
export function readFeaturesFile(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `Cannot read flags file ${file}: ${(error as Error).message}. Create it, or point fileFlags() at the right path.` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Flags file ${file}${jsonPosition(text)} is not valid JSON: ${(error as Error).message}. The previous flags stay in effect until it is fixed.` };
  }
  const problem = flagsFileProblem(data);
  if (problem) {
    return {
      ok: false,
      message: `Flags file ${file} is not Unleash client-features JSON: ${problem}. Expected ${flagsFileExample}. The previous flags stay in effect until it is fixed.`,
    };
  }
  return { ok: true, data: data as ClientFeaturesResponse, text };
}

function jsonPosition(text: string): string {
  const position = jsonErrorPosition(text);
  return position ? `:${position.line}:${position.column}` : '';
}
