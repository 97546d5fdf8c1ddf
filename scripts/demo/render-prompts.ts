// Renders every built prompt package with its first eval case, the way a
// service would: importing the package's dist, not promptpack's sources.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Message {
  role: string;
  content: string;
}

interface Tool {
  name: string;
  strict?: boolean;
}

interface Assertion {
  type: string;
  name?: string;
  arguments?: Record<string, unknown>;
}

const root = path.resolve(import.meta.dirname, '../../prompts');
for (const folder of readdirSync(root).filter((name) => !/^[_.]/.test(name)).sort()) {
  const entry = pathToFileURL(path.join(root, folder, 'dist/index.js')).href;
  const prompt = await import(entry);
  const firstCase = prompt.evals.cases[0];
  const result = prompt.render(firstCase.variables);
  const { meta, model } = result;
  console.log(`\n━━ ${meta.name}@${meta.version} (case "${firstCase.id}") model ${model.name} ${meta.contentHash.slice(0, 19)}…`);
  for (const message of result.messages as Message[]) {
    console.log(`\n[${message.role}]`);
    console.log(indent(message.content.trimEnd()));
  }
  if (result.tools) {
    console.log(`\n[tools] ${(result.tools as Tool[]).map((tool) => `${tool.name}${tool.strict ? ' (strict)' : ''}`).join(', ')}`);
    checkExpectedCall(prompt, firstCase.assert as Assertion[]);
  }
}

// The call the case expects, in the shape OpenAI's chat completions return
// (arguments as a JSON string), checked the way a service checks the model's.
function checkExpectedCall(prompt: { parseToolCall(call: unknown): unknown }, assertions: Assertion[]): void {
  const expected = assertions.find((assertion) => assertion.type === 'tool-called' && assertion.name && assertion.arguments);
  if (!expected) return;
  const call = { id: 'call_demo', type: 'function', function: { name: expected.name, arguments: JSON.stringify(expected.arguments) } };
  console.log(`  parseToolCall(${call.function.name}) -> ${JSON.stringify(prompt.parseToolCall(call))}`);
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
