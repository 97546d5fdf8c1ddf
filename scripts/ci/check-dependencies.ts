import path from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface DependencyCheckOptions {
  /** The tree to check, with packages/<name>/src inside; the repository by default. */
  root?: string;
}

/**
 * Runs the rules of .dependency-cruiser.cjs over packages/*\/src of a tree
 * and returns one line per violation: the rule, the import (or the circle,
 * file by file) and what to do about it. Empty when the layout holds.
 */
export async function checkDependencies(options: DependencyCheckOptions = {}): Promise<string[]> {
  const root = options.root ?? repoRoot;
  const cruiseOptions = await extractDepcruiseOptions(path.join(repoRoot, '.dependency-cruiser.cjs'));
  const tsConfigFile = path.join(root, 'tsconfig.json');
  const { output } = await cruise(['packages/*/src'], { ...cruiseOptions, baseDir: root, tsConfig: { fileName: tsConfigFile } }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  if (typeof output === 'string') throw new Error(`dependency-cruiser answered with text instead of a result: ${output.slice(0, 200)}`);
  // The rule's comment says what to do; a violation carries only the rule's name.
  const comments = new Map((cruiseOptions.ruleSet?.forbidden ?? []).map((rule) => [rule.name ?? '', rule.comment ?? '']));
  return describeViolations(output, comments);
}

function describeViolations(result: ICruiseResult, comments: ReadonlyMap<string, string>): string[] {
  return result.summary.violations.filter((violation) => violation.rule.severity === 'error').map((violation) => `${violation.rule.name}: ${where(violation)}\n  ${comments.get(violation.rule.name) ?? ''}`);
}

function where(violation: IViolation): string {
  if (violation.cycle && violation.cycle.length > 0) return [violation.from, ...violation.cycle.map((step) => step.name)].join(' → ');
  return `${violation.from} → ${violation.to}`;
}
