import type { z } from 'zod';
import type { Diagnostic, DiagnosticCode } from '@promptpack/spec';
import type { YamlFile } from './yaml-file.js';

/**
 * Turns zod issues about a YAML file's data into diagnostics pointing at the
 * exact key or value. `docsHint` names where the format is described.
 */
export function zodIssuesToDiagnostics(issues: readonly z.core.$ZodIssue[], yaml: YamlFile, docsHint: string): Diagnostic[] {
  return issues.flatMap((issue) => issueToDiagnostics(issue, yaml, docsHint));
}

function issueToDiagnostics(issue: z.core.$ZodIssue, yaml: YamlFile, docsHint: string): Diagnostic[] {
  const path = issue.path;
  const dotted = formatPath(path);
  const at = (p: readonly PropertyKey[], key = false) => ({ file: yaml.file, ...yaml.locate(p, { key }) });
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        code: 'schema/unknown-key' as const,
        severity: 'error' as const,
        ...at([...path, key], true),
        path: formatPath([...path, key]),
        message: `Unknown key "${key}"${dotted ? ` in ${dotted}` : ''}.`,
        hint: `Remove it or fix its spelling; see ${docsHint} for the keys allowed here.`,
      }));
    case 'invalid_type': {
      // zod 4 leaves `input` out of issues; read the value from the document instead.
      const found = valueAtPath(path, yaml);
      const received = describeReceived(found);
      const missing = found === undefined;
      return [
        {
          code: missing ? 'schema/missing-key' : 'schema/invalid-type',
          severity: 'error',
          ...at(path, false),
          path: dotted,
          message: missing ? `Missing required key "${dotted}".` : `${dotted || 'The document'} has the wrong type: found ${received}.`,
          expected: issue.expected,
          hint: missing ? `Add "${String(path.at(-1))}" (${issue.expected}); see ${docsHint}.` : `Change the value to a ${issue.expected}; see ${docsHint}.`,
        },
      ];
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator) {
        // A discriminated union reports the discriminator's own path.
        const found = valueAtPath(path, yaml);
        return [
          {
            code: found === undefined ? 'schema/missing-key' : 'schema/invalid-value',
            severity: 'error',
            ...at(path, false),
            path: dotted,
            message: found === undefined ? `Missing "${discriminator}" at ${dotted}.` : `"${String(found)}" is not a valid ${discriminator} at ${dotted}.`,
            expected: `one of ${options?.map((o) => JSON.stringify(o)).join(', ')}`,
            hint: `Use one of the listed values; see ${docsHint}.`,
          },
        ];
      }
      return [genericDiagnostic(issue, yaml, docsHint)];
    }
    case 'invalid_key': {
      // A bad property name: point at the key itself and say which rule it broke.
      const reason = issue.issues[0]?.message ?? issue.message;
      return [
        {
          code: 'schema/invalid-value',
          severity: 'error',
          ...at(path, true),
          path: dotted,
          message: `"${String(path.at(-1))}" is not a valid name here: ${reason}.`,
          hint: `Rename it; see ${docsHint}.`,
        },
      ];
    }
    default:
      return [genericDiagnostic(issue, yaml, docsHint)];
  }
}

function genericDiagnostic(issue: z.core.$ZodIssue, yaml: YamlFile, docsHint: string): Diagnostic {
  const dotted = formatPath(issue.path);
  const code: DiagnosticCode = 'schema/invalid-value';
  return {
    code,
    severity: 'error',
    file: yaml.file,
    ...yaml.locate(issue.path),
    path: dotted,
    message: `${dotted || 'The document'} is invalid: ${lowerFirst(issue.message)}.`.replace(/\.\.$/, '.'),
    hint: `See ${docsHint}.`,
  };
}

function valueAtPath(path: readonly PropertyKey[], yaml: YamlFile): unknown {
  let value: unknown = yaml.value;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    return out ? `${out}.${String(segment)}` : String(segment);
  }, '');
}

function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
