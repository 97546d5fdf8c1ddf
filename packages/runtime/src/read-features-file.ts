import { readFileSync } from 'node:fs';
import type { ClientFeaturesResponse } from 'unleash-client';
import { jsonErrorPosition } from './json-error-position.js';

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
  const problem = shapeProblem(data);
  if (problem) {
    return {
      ok: false,
      message: `Flags file ${file} is not Unleash client-features JSON: ${problem}. Expected {"version": 2, "features": [{"name": "prompt.<id>", "enabled": true, "strategies": [...]}]}. The previous flags stay in effect until it is fixed.`,
    };
  }
  return { ok: true, data: data as ClientFeaturesResponse, text };
}

function shapeProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'the top level must be an object';
  const features = (data as { features?: unknown }).features;
  if (!Array.isArray(features)) return '"features" must be a list';
  for (const [index, feature] of features.entries()) {
    const where = `features[${index}]`;
    if (feature === null || typeof feature !== 'object') return `${where} must be an object`;
    const { name, enabled, strategies, variants } = feature as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') return `${where}.name must be a non-empty string`;
    if (typeof enabled !== 'boolean') return `${where} ("${name}").enabled must be true or false`;
    if (strategies !== undefined && !Array.isArray(strategies)) return `${where} ("${name}").strategies must be a list`;
    for (const [strategyIndex, strategy] of ((strategies as unknown[]) ?? []).entries()) {
      if (strategy === null || typeof strategy !== 'object' || typeof (strategy as { name?: unknown }).name !== 'string') {
        return `${where} ("${name}").strategies[${strategyIndex}] must be an object with a "name"`;
      }
    }
    if (variants !== undefined && !Array.isArray(variants)) return `${where} ("${name}").variants must be a list`;
  }
  return undefined;
}

function jsonPosition(text: string): string {
  const position = jsonErrorPosition(text);
  return position ? `:${position.line}:${position.column}` : '';
}
