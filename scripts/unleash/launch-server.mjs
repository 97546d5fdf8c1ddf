// The detached Unleash process: node launch-server.mjs <launch.json>.
// Plain JavaScript so it runs on bare node, without a TypeScript loader in the
// server's memory. unleash-server's start() registers its own graceful
// shutdown on SIGTERM/SIGINT, so stopping is a signal to this PID.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [launchFile] = process.argv.slice(2);
if (!launchFile) {
  console.error('usage: node launch-server.mjs <launch.json>');
  process.exit(2);
}
const { installDir, options } = JSON.parse(readFileSync(launchFile, 'utf8'));
const entry = createRequire(path.join(installDir, 'package.json')).resolve('unleash-server');
const { start } = await import(pathToFileURL(entry).href);
await start(options);
