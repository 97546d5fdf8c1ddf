import { defaultMinimumBlockingCases, type Diagnostic, type EvalManifest } from '@promptpack/spec';
import type { YamlFile } from '../yaml/yaml-file.js';

const field = 'thresholds.minimumBlockingCases';

/**
 * Warns when the blocking tier is smaller than `thresholds.minimumBlockingCases`
 * (default 50): a gate over a handful of cases passes or fails on one answer,
 * so its verdict says little about the prompt. A warning, not an error: a new
 * prompt starts small, and the author decides when the set is ready.
 */
export function blockingCaseMinimum(manifest: EvalManifest, yaml: YamlFile): Diagnostic[] {
  const blocking = manifest.cases.filter((evalCase) => evalCase.tier === 'blocking').length;
  const set = manifest.thresholds.minimumBlockingCases;
  const minimum = set ?? defaultMinimumBlockingCases;
  if (blocking >= minimum) return [];
  return [
    {
      code: 'evals/few-blocking-cases',
      severity: 'warning',
      file: yaml.file,
      // Point at the number the author chose when there is one; otherwise at the cases to add to.
      ...(set ? yaml.locate(['thresholds', 'minimumBlockingCases']) : yaml.locate(['cases'], { key: true })),
      path: set ? field : 'cases',
      message: `The blocking tier has ${blocking} ${blocking === 1 ? 'case' : 'cases'}; the minimum is ${minimum}${set ? '' : ' (the default)'}.`,
      hint: `Add blocking cases (real-shaped tasks, edge cases, jailbreaks and out-of-scope requests) until there are ${minimum}, or set ${field} to a lower number with a comment saying why this prompt needs fewer than the bar of ${defaultMinimumBlockingCases}.`,
    },
  ];
}

