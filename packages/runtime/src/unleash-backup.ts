import type { ClientFeaturesResponse } from 'unleash-client';
import { flagsFileExample, flagsFileProblem, jsonErrorPosition } from '@promptpack/spec/plain';

export type BackupCheck = { data: ClientFeaturesResponse; warnings: string[] } | { data?: undefined; warnings: string[] };

/**
 * Reads the text of an Unleash backup file. Unleash writes optional lists
 * and maps as `null` in places (a feature's `variants`, a strategy's
 * `parameters`, `constraints`, `segments`); unleash-client then crashes on
 * some (`strategies: null`) and silently disables others. Those nulls are
 * read as empty, with a located warning where that changes what the flag
 * does; anything else that is not client-features JSON ignores the backup
 * (the service serves stable until the first fetch), with a warning naming
 * the file and the place, never blamed on the Unleash server.
 */
export function checkBackup(text: string, file: string): BackupCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = jsonErrorPosition(text);
    return { warnings: [ignored(file, `${position ? `:${position.line}:${position.column}` : ''} is not valid JSON (${(error as Error).message})`)] };
  }
  const warnings: string[] = [];
  const normalised = emptyForNull(data, (where, strategy) => warnings.push(`Unleash backup ${file}: ${where}.parameters is null; a ${strategy} strategy without parameters matches nobody, as Unleash evaluates it, so the flag serves stable until the next fetch replaces the backup.`));
  const problem = flagsFileProblem(normalised);
  if (problem) return { warnings: [ignored(file, ` is not Unleash client-features JSON: ${problem}; expected ${flagsFileExample}`)] };
  return { data: normalised as ClientFeaturesResponse, warnings };
}

function ignored(file: string, what: string): string {
  return `Unleash backup ${file}${what}. It is ignored: stable versions are served until the first fetch from Unleash, which rewrites it; delete the file if no fetch succeeds.`;
}

/** Strategies that take no parameters: a null there means nothing. */
const parameterless = new Set(['default']);

/** A copy with Unleash's optional nulls made empty; shapes it does not know are left for the check to report. */
function emptyForNull(data: unknown, onNullParameters: (where: string, strategy: string) => void): unknown {
  if (!isObject(data)) return data;
  const copy: Record<string, unknown> = { ...data };
  if (copy.segments === null) copy.segments = [];
  if (!Array.isArray(copy.features)) return copy;
  copy.features = copy.features.map((feature: unknown, index) => {
    if (!isObject(feature)) return feature;
    const where = `features[${index}]${typeof feature.name === 'string' ? ` ("${feature.name}")` : ''}`;
    const strategies = feature.strategies === null ? [] : feature.strategies;
    return {
      ...feature,
      ...(feature.variants === null ? { variants: [] } : {}),
      ...(strategies === undefined ? {} : { strategies: Array.isArray(strategies) ? strategies.map((strategy, position) => strategyWithoutNulls(strategy, `${where}.strategies[${position}]`, onNullParameters)) : strategies }),
    };
  });
  return copy;
}

function strategyWithoutNulls(strategy: unknown, where: string, onNullParameters: (where: string, strategy: string) => void): unknown {
  if (!isObject(strategy)) return strategy;
  const copy: Record<string, unknown> = { ...strategy };
  for (const list of ['constraints', 'variants', 'segments']) if (copy[list] === null) copy[list] = [];
  if (copy.parameters === null) {
    copy.parameters = {};
    if (typeof copy.name === 'string' && !parameterless.has(copy.name)) onNullParameters(where, copy.name);
  }
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
