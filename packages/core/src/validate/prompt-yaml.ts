import { isEmptyRange, lowerBound, promptSpecSchema, upperBound, type Diagnostic, type NumberNode, type PromptSpec, type SchemaNode, type StringNode } from '@promptpack/spec';
import { checkSync } from 'recheck';
import { parseYamlFile, type YamlFile } from '../yaml/yaml-file.js';
import { zodIssuesToDiagnostics } from '../yaml/zod-diagnostics.js';

const docs = 'docs/prompt-format.md#promptyaml';

export interface PromptYamlCheck {
  spec: PromptSpec | undefined;
  yaml: YamlFile;
  diagnostics: Diagnostic[];
}

/** Parses prompt.yaml and checks it against the spec, the folder name and its own internal consistency. */
export function checkPromptYaml(file: string, source: string, folder: string): PromptYamlCheck {
  const yaml = parseYamlFile(file, source);
  if (yaml.diagnostics.length > 0) return { spec: undefined, yaml, diagnostics: yaml.diagnostics };
  const parsed = promptSpecSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) {
    return { spec: undefined, yaml, diagnostics: zodIssuesToDiagnostics(parsed.error.issues, yaml, docs) };
  }
  const spec = parsed.data;
  const diagnostics: Diagnostic[] = [];
  if (spec.id !== folder) {
    diagnostics.push({
      code: 'prompt/id-mismatch',
      severity: 'error',
      file,
      ...yaml.locate(['id']),
      path: 'id',
      message: `Prompt id "${spec.id}" does not match its folder "${folder}".`,
      expected: `id: ${folder}`,
      hint: 'The folder name is the prompt id services and flags refer to; make them the same.',
    });
  }
  diagnostics.push(...checkSchemaNode(spec.variables, ['variables'], yaml));
  if (spec.output) diagnostics.push(...checkSchemaNode(spec.output, ['output'], yaml));
  return { spec: diagnostics.length > 0 ? undefined : spec, yaml, diagnostics };
}

// What zod cannot say alone: `required` must name declared properties, bounds
// must be ordered, patterns must compile. tools.yaml's parameters are checked the same way.
export function checkSchemaNode(node: SchemaNode, path: PropertyKey[], yaml: YamlFile): Diagnostic[] {
  const here = (suffix: PropertyKey[]) => ({ file: yaml.file, ...yaml.locate([...path, ...suffix]), path: [...path, ...suffix].join('.') });
  const diagnostics: Diagnostic[] = [];
  switch (node.type) {
    case 'object':
      (node.required ?? []).forEach((name, index) => {
        // Own keys only: `valueOf` or `constructor` are "in" every object.
        if (!Object.hasOwn(node.properties, name)) {
          diagnostics.push({
            code: 'schema/required-not-declared',
            severity: 'error',
            ...here(['required', index]),
            message: `"${name}" is listed as required but is not declared in properties.`,
            hint: `Declare "${name}" under properties, or remove it from required.`,
          });
        }
      });
      for (const [key, child] of Object.entries(node.properties)) {
        diagnostics.push(...checkSchemaNode(child, [...path, 'properties', key], yaml));
      }
      break;
    case 'array':
      diagnostics.push(...checkSchemaNode(node.items, [...path, 'items'], yaml));
      diagnostics.push(...checkBounds(node.minItems, node.maxItems, 'minItems', 'maxItems', here));
      break;
    case 'string':
      diagnostics.push(...checkBounds(node.minLength, node.maxLength, 'minLength', 'maxLength', here));
      if (node.pattern !== undefined) {
        try {
          new RegExp(node.pattern);
          const redos = checkSync(node.pattern, '', { timeout: 2000 });
          if (redos.status === 'vulnerable') diagnostics.push(backtrackingPattern(node.pattern, redos.complexity.type, here(['pattern'])));
        } catch (error) {
          diagnostics.push({
            code: 'schema/invalid-value',
            severity: 'error',
            ...here(['pattern']),
            message: `pattern is not a valid regular expression: ${(error as Error).message}.`,
            hint: 'Use JavaScript regular-expression syntax; in YAML, single-quote the pattern so backslashes stay.',
          });
        }
      }
      break;
    case 'number':
    case 'integer': {
      const ordered = checkBounds(node.minimum, node.maximum, 'minimum', 'maximum', here);
      diagnostics.push(...ordered);
      if (ordered.length === 0 && isEmptyRange(node)) {
        const keyword = node.exclusiveMaximum !== undefined ? 'exclusiveMaximum' : node.exclusiveMinimum !== undefined ? 'exclusiveMinimum' : 'maximum';
        diagnostics.push({
          code: 'schema/invalid-value',
          severity: 'error',
          ...here([keyword]),
          message: `No ${node.type === 'integer' ? 'integer' : 'number'} satisfies these bounds (${describeBounds(node)}); no value could ever be valid.`,
          hint: node.type === 'integer' ? 'Widen the range so it holds at least one integer, or use type: number.' : 'Widen the range, or make one bound inclusive (minimum/maximum).',
        });
      }
      break;
    }
  }
  // An enum value the other keywords reject could never be passed or answered,
  // and the generated zod (which checks the enum alone) would accept it while the published JSON Schema does not.
  if ((node.type === 'string' || node.type === 'number' || node.type === 'integer') && node.enum) {
    (node.enum as Array<string | number>).forEach((value, index) => {
      const problem = enumValueProblem(node, value);
      if (!problem) return;
      diagnostics.push({
        code: 'schema/invalid-value',
        severity: 'error',
        ...here(['enum', index]),
        message: `enum value ${JSON.stringify(value)} ${problem}, so no valid value can be it.`,
        hint: 'Remove the value from enum, or relax the keyword that rejects it.',
      });
    });
  }
  return diagnostics;
}

function enumValueProblem(node: StringNode | NumberNode, value: string | number): string | undefined {
  if (node.type === 'string') {
    const text = String(value);
    if (node.minLength !== undefined && text.length < node.minLength) return `is shorter than minLength ${node.minLength}`;
    if (node.maxLength !== undefined && text.length > node.maxLength) return `is longer than maxLength ${node.maxLength}`;
    if (node.pattern !== undefined && !safelyMatches(node.pattern, text)) return `does not match pattern ${JSON.stringify(node.pattern)}`;
    return undefined;
  }
  const number = Number(value);
  if (node.type === 'integer' && !Number.isInteger(number)) return 'is not an integer';
  const lower = lowerBound(node);
  const upper = upperBound(node);
  if (lower && (lower.inclusive ? number < lower.value : number <= lower.value)) return `is below the lower bound (${describeBounds(node)})`;
  if (upper && (upper.inclusive ? number > upper.value : number >= upper.value)) return `is above the upper bound (${describeBounds(node)})`;
  return undefined;
}

// The pattern's own problems (syntax, backtracking) are reported separately.
function safelyMatches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return true;
  }
}

function describeBounds(node: NumberNode): string {
  return (['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'] as const)
    .filter((keyword) => node[keyword] !== undefined)
    .map((keyword) => `${keyword}: ${node[keyword]}`)
    .join(', ');
}

/**
 * A pattern that backtracks catastrophically (`(a+)+`, `^(\\w+\\s?)*$`) can
 * take seconds on one crafted value: render() and parseOutput() would block
 * a service's event loop on caller or model text. recheck decides this
 * exactly (an automaton check, not a star-height guess), so a safe pattern
 * with nested groups like ^[a-z]+(-[a-z]+)*$ passes.
 */
function backtrackingPattern(pattern: string, complexity: string, where: { file: string; line: number; column: number; path: string }): Diagnostic {
  return {
    code: 'schema/unsafe-pattern',
    severity: 'error',
    ...where,
    message: `pattern ${JSON.stringify(pattern)} can backtrack catastrophically (${complexity} time in the length of the value): one crafted value would block render() or parseOutput() for seconds.`,
    hint: 'Make each repetition unambiguous, e.g. ^[a-z]+(-[a-z]+)*$ instead of ^([a-z]+-?)*$, and bound the length with maxLength.',
  };
}

function checkBounds(
  min: number | undefined,
  max: number | undefined,
  minKey: string,
  maxKey: string,
  here: (suffix: PropertyKey[]) => { file: string; line: number; column: number; path: string },
): Diagnostic[] {
  if (min === undefined || max === undefined || min <= max) return [];
  return [
    {
      code: 'schema/invalid-value',
      severity: 'error',
      ...here([maxKey]),
      message: `${maxKey} (${max}) is smaller than ${minKey} (${min}); no value could ever be valid.`,
      hint: `Swap them or raise ${maxKey}.`,
    },
  ];
}
