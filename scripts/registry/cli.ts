// pnpm registry:start | registry:stop | registry:status
//   start [--port <n>] [--dir <folder>]   --port 0 picks a free port
//   stop  [--dir <folder>]
//   status [--dir <folder>]
import { parseArgs } from 'node:util';
import { runScriptMain } from '../lib/script-main.js';
import { defaultRegistryDir, findRunningRegistry, RegistryError, registryPortFromEnv, startRegistry, stopRegistry } from './registry.js';

const usage = `usage: registry.ts start [--port <n>] [--dir <folder>] | stop [--dir <folder>] | status [--dir <folder>]
  --port   port on 127.0.0.1 (default: PROMPTPACK_REGISTRY_PORT, else 4873; 0 = any free port)
  --dir    folder for config, storage, log and PID file (default .cache/registry)`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  const dir = values.dir ?? defaultRegistryDir;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  switch (command) {
    case 'start': {
      const port = values.port === undefined ? registryPortFromEnv() : registryPortFromEnv({ PROMPTPACK_REGISTRY_PORT: values.port });
      const registry = await startRegistry({ dir, port, detached: true });
      if (registry.reused) {
        console.log(`registry already running at ${registry.url} (pid ${registry.pid})`);
        if (values.port !== undefined && Number(values.port) !== 0 && Number(values.port) !== registry.port) {
          console.error(`note: it listens on port ${registry.port}, not ${values.port}; run registry:stop first to move it.`);
        }
      } else {
        console.log(`registry started at ${registry.url} (pid ${registry.pid}; storage and log in ${registry.dir})`);
      }
      // The URL alone on the last line, for scripts: url=$(... | tail -n1)
      console.log(registry.url);
      return 0;
    }
    case 'stop': {
      const stopped = await stopRegistry(dir);
      console.log(stopped ? 'registry stopped' : 'registry was not running');
      return 0;
    }
    case 'status': {
      const registry = await findRunningRegistry(dir);
      console.log(registry ? `registry running at ${registry.url} (pid ${registry.pid})` : 'registry not running');
      return registry ? 0 : 1;
    }
    default:
      console.error(command === undefined ? usage : `Unknown command "${command}".\n${usage}`);
      return 2;
  }
}

void runScriptMain(main, [RegistryError]);
