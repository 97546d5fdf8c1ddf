import { type Diagnostic, type FewShot, fewShotsSchema } from '@promptpack/spec';
import { parseYamlFile } from '../yaml/yaml-file.js';
import { zodIssuesToDiagnostics } from '../yaml/zod-diagnostics.js';

const docs = 'docs/prompt-format.md#fewshotsyaml';
const pairHint = 'Write each example as a mapping with exactly two keys, `user:` and `assistant:`, e.g.\n  - user: Where is my order?\n    assistant: It shipped yesterday.';

/** Parses fewshots.yaml: a list of user/assistant pairs. */
export function checkFewShots(file: string, source: string): { fewshots: FewShot[] | undefined; diagnostics: Diagnostic[] } {
  const yaml = parseYamlFile(file, source);
  if (yaml.diagnostics.length > 0) return { fewshots: undefined, diagnostics: yaml.diagnostics };
  // An empty file means "no examples", which is a legitimate choice.
  const value = yaml.value ?? [];
  const diagnostics: Diagnostic[] = [];
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      const keys = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? Object.keys(entry).sort() : [];
      if (keys.join(',') !== 'assistant,user') {
        diagnostics.push({
          code: 'fewshots/not-a-pair',
          severity: 'error',
          file,
          ...yaml.locate([index]),
          path: `[${index}]`,
          message: `Example ${index + 1} is not a user/assistant pair${keys.length ? ` (found keys: ${keys.join(', ')})` : ''}.`,
          expected: 'a mapping with exactly the keys user and assistant',
          hint: pairHint,
        });
      }
    });
  }
  if (diagnostics.length > 0) return { fewshots: undefined, diagnostics };
  const parsed = fewShotsSchema.safeParse(value);
  if (!parsed.success) return { fewshots: undefined, diagnostics: zodIssuesToDiagnostics(parsed.error.issues, yaml, docs) };
  return { fewshots: parsed.data, diagnostics: [] };
}
