// Writes the editor JSON Schemas (prompt.yaml, evals.yaml, fewshots.yaml)
// generated from spec's zod schemas. A test fails when they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { editorJsonSchemas } from '../packages/spec/src/schema/json-schemas.js';

const dir = path.resolve(import.meta.dirname, '../packages/spec/schemas');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(editorJsonSchemas())) {
  writeFileSync(path.join(dir, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote packages/spec/schemas/${name}.schema.json`);
}
