import type { ToolSpec } from '@promptpack/spec';
import { emitZod } from './emit-zod.js';
import { emitType, jsDoc } from './emit-types.js';
import { jsonLiteral, propertyKey, typeStringLiteral } from './literals.js';
import { toJsonSchema } from './json-schema.js';

/**
 * tools.yaml in a generated module: `tools`, the list a model is sent (name,
 * description, parameters as JSON Schema, strict), frozen data; and
 * `toolArgumentSchemas`, the check of each tool's arguments, which only
 * parseToolCall reads. Two lists, because a zod schema must not be frozen
 * (zod caches on its objects), must not reach a model request, and must stay
 * out of a bundle that only renders.
 */
/** The zod code of each tool's arguments, for schemas.cjs (in tools.yaml's order). */
export function toolArgumentsZod(tools: readonly ToolSpec[]): string[] {
  return tools.map((tool) => emitZod(tool.parameters));
}

export function emitToolsCode(tools: readonly ToolSpec[]): string {
  const shown = tools.map(modelFacingTool);
  // zod is built on the first check of a call (schemas.cjs), like the other schemas, and only
  // parseToolCall refers to these: a bundle that only renders drops them, and zod with them.
  const checks = tools.map((_tool, index) => `  /* @__PURE__ */ lazySchema(() => zodSchemas().toolArguments[${index}]),`);
  return [
    '/** tools.yaml: the tools the model may call, as a model request carries them. */',
    `const tools = /* @__PURE__ */ deepFreeze(${jsonLiteral(shown)});`,
    '/** The check of each tool\'s arguments, in the order of `tools`, for parseToolCall. */',
    `const toolArgumentSchemas = ${checks.length === 0 ? '[]' : `[\n${checks.join('\n')}\n]`};`,
  ].join('\n');
}

/** A tool as a model is sent it: the JSON Schema of its parameters, `strict` only when set. */
export function modelFacingTool(tool: ToolSpec): Record<string, unknown> {
  return { name: tool.name, description: tool.description, parameters: toJsonSchema(tool.parameters), ...(tool.strict === undefined ? {} : { strict: tool.strict }) };
}

/**
 * Declarations for the tools: `ToolArguments` maps each tool name to the type
 * of its arguments, and `ToolCall` is the union parseToolCall returns, so a
 * `switch (call.name)` narrows `call.arguments` to that tool's type.
 */
export function emitToolTypes(tools: readonly ToolSpec[]): string {
  const members = tools.map((tool) => `${jsDoc(tool.description, '  ')}  ${propertyKey(tool.name)}: ${emitType(tool.parameters, '  ')};\n`).join('');
  const names = tools.map((tool) => typeStringLiteral(tool.name)).join(' | ');
  return `/** Each tool's arguments, by tool name. */
export interface ToolArguments {
${members}}

/** A tool the model may call. */
export type ToolName = ${tools.length === 0 ? 'never' : names};

/** A checked tool call: the tool's name narrows its arguments. */
export type ToolCall = { [Name in ToolName]: { name: Name; arguments: ToolArguments[Name]; id?: string } }[ToolName];

/** A tool as a model request carries it. */
export interface Tool {
  readonly name: ToolName;
  readonly description: string;
  readonly parameters: JsonSchema;
  readonly strict?: boolean;
}
`;
}
