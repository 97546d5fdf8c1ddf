// One of the parallel writers in flags-lock.test.ts: `count` canary updates
// through the real command, each to a percent no other update uses.
// Usage: node --import tsx flags-writer.ts <worker> <count> <dir>
import path from 'node:path';
import { main } from '../src/main.js';

const [worker, count, dir] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]!];
const io = { out: () => {}, err: (line: string) => process.stderr.write(`${line}\n`), color: { out: false, err: false } };
for (let index = 0; index < count; index++) {
  const percent = ((worker * count + index + 1) / 10).toFixed(1);
  const args = ['canary', 'support-reply', '1.1.0', '--percent', percent, '--reason', `writer ${worker} update ${index}`, '--actor', `writer-${worker}`];
  const code = await main(['flags', ...args, '--file', path.join(dir, 'flags.json'), '--inventory', path.join(dir, 'inventory.json'), '--eval-result', path.join(dir, 'eval.json')], io, { cwd: dir });
  if (code !== 0) {
    process.stderr.write(`writer ${worker}: update ${index} exited ${code}\n`);
    process.exit(1);
  }
}
