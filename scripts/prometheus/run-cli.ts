// The CLI from its sources in a child process (`node --import tsx`, from the
// repository root so tsconfig paths resolve @promptpack/* to src): what the
// long-lived guard's signal test runs, as bin/promptpack.js runs dist.
import { main } from '../../packages/cli/src/main.js';

process.exitCode = await main(process.argv.slice(2));
