// One of the parallel writers in flags-lock.test.ts: `count` canary updates
// through the library the CLI calls, each to a percent no other update uses.
// Usage: node --import tsx flags-writer.ts <worker> <count> <dir>
import path from 'node:path';
import { applyChange } from '../src/change.js';
import { loadContext } from '../src/context.js';

const [worker, count, dir] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]!];
const options = {
  file: path.join(dir, 'flags.json'),
  project: 'default',
  services: [],
  inventories: [path.join(dir, 'inventory.json')],
  evalResults: [path.join(dir, 'eval.json')],
  serviceDirs: [],
};
for (let index = 0; index < count; index++) {
  const percent = (worker * count + index + 1) / 10;
  // A fresh context per update, as each CLI run has: nothing is cached between changes.
  const context = await loadContext(options, process.env, dir);
  const outcome = await applyChange(
    context,
    { command: 'canary', id: 'support-reply', version: '1.1.0', percent, tenants: [] },
    { reason: `writer ${worker} update ${index}`, actor: `writer-${worker}`, force: false },
    (message) => process.stderr.write(`warning: ${message}\n`),
  );
  if (!outcome.changed) {
    process.stderr.write(`writer ${worker}: update ${index} changed nothing: ${outcome.message}\n`);
    process.exit(1);
  }
}
