// pnpm prometheus:start | prometheus:stop
//   start [--dir <folder>] [--port <n>] --target <host:port> ...   (0 = any free port)
//   stop  [--dir <folder>]
import { parseArgs } from 'node:util';
import { SetupError } from '../lib/process.js';
import { runScriptMain } from '../lib/script-main.js';
import { startPrometheus, stopPrometheus } from './prometheus.js';

const usage = `usage: cli.ts start [--dir <folder>] [--port <n>] --target <host:port> [--target ...] | stop [--dir <folder>]
  --dir     state folder: config, TSDB, log, PID file (default .cache/prometheus)
  --port    port on 127.0.0.1 (default 9091; 0 = any free port)
  --target  a /metrics endpoint to scrape every second, e.g. 127.0.0.1:3000 (repeatable)`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { dir: { type: 'string' }, port: { type: 'string' }, target: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } });
  const dir = values.dir ?? '.cache/prometheus';
  if (values.help) {
    console.log(usage);
    return 0;
  }
  switch (positionals[0]) {
    case 'start': {
      const port = values.port === undefined ? undefined : Number(values.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new SetupError(`--port must be a port number (0-65535), found "${values.port}".`, 'Example: --port 0 for any free port.');
      if (!values.target?.length) throw new SetupError('start needs at least one --target <host:port>: the /metrics endpoints to scrape.', 'Example: --target 127.0.0.1:3000');
      const prometheus = await startPrometheus({ dir, port, targets: values.target });
      // Shell-friendly line last: eval "$(pnpm -s prometheus:start --target ... | tail -n1)"
      console.log(`PROMETHEUS_URL=${prometheus.url}`);
      return 0;
    }
    case 'stop':
      console.log((await stopPrometheus(dir)) ? 'prometheus stopped' : 'prometheus was not running');
      return 0;
    default:
      console.error(positionals[0] === undefined ? usage : `Unknown command "${positionals[0]}".\n${usage}`);
      return 2;
  }
}

void runScriptMain(main, [SetupError]);
