// pnpm unleash:start | unleash:stop | unleash:status
//   start  [--dir <folder>] [--port <n>] [--postgres-port <n>]   (0 = any free port)
//   stop   [--dir <folder>]
//   status [--dir <folder>]
import { parseArgs } from 'node:util';
import { SetupError } from '../lib/process.js';
import { runScriptMain } from '../lib/script-main.js';
import { defaultUnleashDir, startUnleash, stopUnleash, unleashStatus } from './unleash.js';

const usage = `usage: cli.ts start [--dir <folder>] [--port <n>] [--postgres-port <n>] | stop [--dir <folder>] | status [--dir <folder>]
  --dir            state folder: PostgreSQL data, logs, PID files, tokens (default .cache/unleash)
  --port           Unleash port on 127.0.0.1 (default 4242; 0 = any free port)
  --postgres-port  PostgreSQL port on 127.0.0.1 (default 5433; 0 = any free port)`;

function portOption(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SetupError(`--${name} must be a port number (0-65535), found "${raw}".`, `Example: --${name} 0 for any free port.`);
  return port;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { dir: { type: 'string' }, port: { type: 'string' }, 'postgres-port': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  const dir = values.dir ?? defaultUnleashDir;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  switch (command) {
    case 'start': {
      const started = Date.now();
      const unleash = await startUnleash({ dir, port: portOption(values.port, 'port'), postgresPort: portOption(values['postgres-port'], 'postgres-port') });
      console.log(`${unleash.reused ? 'already running' : `ready in ${((Date.now() - started) / 1000).toFixed(1)} s`} (pids: postgres ${unleash.pids.postgres}, unleash ${unleash.pids.server}; state in ${unleash.dir})`);
      console.log(`UI login: admin / ${unleash.adminPassword}`);
      // Shell-friendly lines last: eval "$(pnpm -s unleash:start | tail -n3)"
      console.log(`UNLEASH_URL=${unleash.url}`);
      console.log(`UNLEASH_ADMIN_TOKEN='${unleash.adminToken}'`);
      console.log(`UNLEASH_CLIENT_TOKEN='${unleash.clientToken}'`);
      return 0;
    }
    case 'stop': {
      const stopped = await stopUnleash(dir);
      console.log(`unleash ${stopped.server ? 'stopped' : 'was not running'}; postgres ${stopped.postgres ? 'stopped' : 'was not running'}`);
      return 0;
    }
    case 'status': {
      const status = await unleashStatus(dir);
      console.log(status.postgres ? `postgres running on 127.0.0.1:${status.postgres.port} (pid ${status.postgres.pid})` : 'postgres not running');
      const { server } = status;
      console.log(server ? `unleash running at ${server.url} (pid ${server.pid}${server.healthy ? '' : ', not answering /health yet'})` : 'unleash not running');
      return server?.healthy ? 0 : 1;
    }
    default:
      console.error(command === undefined ? usage : `Unknown command "${command}".\n${usage}`);
      return 2;
  }
}

void runScriptMain(main, [SetupError]);
