// pnpm tooling:publish --registry <url> [--no-build]
// Builds and publishes the promptpack tooling (@promptpack/* and
// create-promptpack) that the registry lacks, in dependency order.
import { parseArgs } from 'node:util';
import { RegistryProblem } from './npm-registry.js';
import { publishTooling } from './publish-tooling.js';

const usage = `pnpm tooling:publish --registry <url> [--no-build]

Publishes every @promptpack/* package and create-promptpack the registry does not hold yet
(name@version), dependencies first; a re-run publishes only what is missing.
Credentials come from your npm configuration (.npmrc, npm login).
  --registry <url>   the npm registry, e.g. http://127.0.0.1:4873/
  --no-build         publish the dist/ folders as they are`;

async function main(argv: string[]): Promise<number> {
  let values: { registry?: string; 'no-build'?: boolean; help?: boolean };
  try {
    values = parseArgs({ args: argv, options: { registry: { type: 'string' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const registry = values.registry === undefined ? undefined : normalize(values.registry);
  if (!registry) {
    console.error(`${values.registry === undefined ? '--registry is required.' : `--registry "${values.registry}" is not an http(s) address.`}\n\n${usage}`);
    return 2;
  }
  try {
    await publishTooling({ registry, build: !values['no-build'] });
    return 0;
  } catch (error) {
    if (error instanceof RegistryProblem) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function normalize(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return undefined;
  }
}

process.exitCode = await main(process.argv.slice(2));
