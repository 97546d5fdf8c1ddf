// The CLI from its sources in a child process, as bin/promptpack.js runs it from dist.
import { main } from '../../../src/main.js';

process.exitCode = await main(process.argv.slice(2));
