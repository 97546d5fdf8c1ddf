import type { Diagnostic, EvalManifest, HistorySpec } from '@promptpack/spec';
import type { YamlFile } from '../yaml/yaml-file.js';

/**
 * Case history that render() would refuse, found before any model is called:
 * turns for a prompt that takes none (`history` null), or more turns or
 * characters than prompt.yaml's `history:` allows.
 */
export function invalidCaseHistory(manifest: EvalManifest, history: HistorySpec | null, yaml: YamlFile): Diagnostic[] {
  return manifest.cases.flatMap((evalCase, index): Diagnostic[] => {
    const turns = evalCase.history;
    if (!turns) return [];
    const at = { severity: 'error' as const, file: yaml.file, ...yaml.locate(['cases', index, 'history'], { key: true }), path: `cases[${index}].history` };
    if (history === null) {
      return [{ ...at, code: 'evals/invalid-history', message: `Case "${evalCase.id}" gives chat history, but prompt.yaml declares no \`history:\`.`, hint: 'Declare history: {} in prompt.yaml (a minor release) or remove the turns from this case.' }];
    }
    const characters = turns.reduce((sum, turn) => sum + turn.content.length, 0);
    const problems = [
      ...(turns.length > history.maxTurns ? [`${turns.length} turns, more than history.maxTurns (${history.maxTurns})`] : []),
      ...(characters > history.maxChars ? [`${characters} characters, more than history.maxChars (${history.maxChars})`] : []),
    ];
    return problems.map((problem) => ({ ...at, code: 'evals/invalid-history' as const, message: `Case "${evalCase.id}" gives ${problem}; render() would refuse it.`, hint: 'Shorten the case history, or raise the limit in prompt.yaml.' }));
  });
}
