// Renders every built prompt package with its first eval case, the way a
// service would: importing the package's dist, not promptpack's sources.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Message {
  role: string;
  content: string;
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
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
