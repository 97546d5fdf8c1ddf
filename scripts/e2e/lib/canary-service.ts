// A service outside the workspace that installs two released versions of a
// prompt side by side (npm aliases) plus @promptpack/runtime from the
// registry, and serves a canary of the newer one from a flags file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AdopterShell } from './adopter-environment.js';
import type { PackageManager } from './consumer.js';

export interface CanaryOptions {
  packageName: string;
  promptId: string;
  stable: string;
  canary: string;
  /** Per mille of users that get the canary (100 = 10%). */
  canaryWeight: number;
  users: number;
}

export interface CanaryTally {
  users: number;
  /** version -> users served it */
  served: Record<string, number>;
  /** Users whose second render came from another version than the first. */
  unstable: number;
}

/** Writes package.json, the flags file and serve-canary.mjs into `dir` and installs with `packageManager`. */
export async function installCanaryService(shell: AdopterShell, dir: string, packageManager: PackageManager, options: CanaryOptions, runtimeVersion: string): Promise<void> {
  const manifest = {
    name: 'order-service',
    private: true,
    type: 'module',
    dependencies: {
      '@promptpack/runtime': runtimeVersion,
      'prompt-stable': `npm:${options.packageName}@${options.stable}`,
      'prompt-canary': `npm:${options.packageName}@${options.canary}`,
    },
  };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(dir, 'flags.json'), `${JSON.stringify(flagsFile(options), null, 2)}\n`);
  writeFileSync(path.join(dir, 'serve-canary.mjs'), serveScript(options));
  if (packageManager === 'pnpm') {
    // A service is a pnpm project of its own; releases minutes old must install.
    writeFileSync(path.join(dir, 'pnpm-workspace.yaml'), `minimumReleaseAgeExclude:\n  - "${options.packageName.split('/')[0]}/*"\n  - "@promptpack/*"\n`);
    await shell.run(dir, 'pnpm', ['install']);
  } else {
    await shell.run(dir, 'npm', ['install']);
  }
}

/** Runs serve-canary.mjs: renders for every user twice and counts the versions served. */
export async function runCanary(shell: AdopterShell, dir: string): Promise<CanaryTally> {
  const result = await shell.run(dir, 'node', ['serve-canary.mjs']);
  try {
    return JSON.parse(result.stdout) as CanaryTally;
  } catch {
    throw new Error(`serve-canary.mjs did not print a tally as JSON:\n${result.output}`);
  }
}

/** Unleash's client-features format: the stable version takes what the canary leaves. */
function flagsFile(options: CanaryOptions) {
  return {
    version: 2,
    features: [
      {
        name: `prompt.${options.promptId}`,
        enabled: true,
        strategies: [
          {
            name: 'flexibleRollout',
            parameters: { rollout: '100', stickiness: 'default', groupId: `prompt.${options.promptId}` },
            variants: [
              { name: options.stable, weight: 1000 - options.canaryWeight, weightType: 'variable', stickiness: 'default' },
              { name: options.canary, weight: options.canaryWeight, weightType: 'fix', stickiness: 'default' },
            ],
          },
        ],
      },
    ],
  };
}

function serveScript(options: CanaryOptions): string {
  return `// Serves ${options.promptId}: the stable version, and the canary for the users the flags file picks.
import { createPromptRuntime, fileFlags } from '@promptpack/runtime';
import stable from 'prompt-stable';
import canary from 'prompt-canary';

const runtime = createPromptRuntime({
  prompts: { ${JSON.stringify(options.promptId)}: { stable, candidates: [canary] } },
  flags: fileFlags('flags.json', { appName: 'order-service', pollInterval: 0 }),
});
const served = {};
let unstable = 0;
for (let user = 0; user < ${options.users}; user++) {
  const userId = 'user-' + user;
  const first = runtime.render(${JSON.stringify(options.promptId)}, { question: 'Where is order ' + user + '?' }, { userId }).meta.version;
  const again = runtime.render(${JSON.stringify(options.promptId)}, { question: 'And now?' }, { userId }).meta.version;
  served[first] = (served[first] ?? 0) + 1;
  if (again !== first) unstable++;
}
console.log(JSON.stringify({ users: ${options.users}, served, unstable }));
`;
}
