// Publishes third-party packages (the runtime dependencies of prompt
// packages: handlebars, zod and what they depend on) into the local registry
// from this workspace's pnpm store, so that a consumer can install prompt
// packages from the local registry with no uplink and no network.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './registry.js';

/** The fields of an npm package.json read here (not a prompt's dist/manifest.json, which @promptpack/spec reads). */
interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * Seeds `specs` (exact `name@version`, as installed in node_modules/.pnpm)
 * and their dependency closure. Versions already on the registry are left
 * alone. Returns the `name@version` list of what is now on the registry.
 */
export async function seedDependencies(registryUrl: string, specs: readonly string[], workspace = repoRoot): Promise<string[]> {
  const closure = dependencyClosure(specs, path.join(workspace, 'node_modules/.pnpm'));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-seed-'));
  try {
    const url = new URL(registryUrl);
    const npmrc = path.join(scratch, 'npmrc');
    writeFileSync(npmrc, `registry=${url.href}\n//${url.host}${url.pathname}:_authToken=local\n`);
    const queue = [...closure.values()];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        if (await hasVersion(url, item.manifest.name, item.manifest.version)) continue;
        // A copy without scripts (never run third-party build steps) and
        // without publishConfig (which may name the public registry).
        const copy = path.join(scratch, `${item.manifest.name.replace('/', '+')}@${item.manifest.version}`);
        cpSync(item.dir, copy, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
        const manifest = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as Record<string, unknown>;
        delete manifest.scripts;
        delete manifest.publishConfig;
        writeFileSync(path.join(copy, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
        await npmPublish(copy, npmrc, url.href);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return [...closure.keys()].sort();
}

function dependencyClosure(specs: readonly string[], store: string): Map<string, { dir: string; manifest: PackageJson }> {
  const found = new Map<string, { dir: string; manifest: PackageJson }>();
  const visit = (dir: string) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
    const key = `${manifest.name}@${manifest.version}`;
    if (found.has(key)) return;
    found.set(key, { dir, manifest });
    // pnpm links a package's dependencies next to it: .pnpm/<id>/node_modules/<dep>.
    const siblings = path.resolve(dir, manifest.name.startsWith('@') ? '../..' : '..');
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const depDir = path.join(siblings, dep);
      if (existsSync(depDir)) visit(realpathSync(depDir));
      else if (!optional.has(dep)) throw new Error(`${key} depends on ${dep}, which is not installed next to it in ${siblings}.`);
    }
  };
  for (const spec of specs) {
    const at = spec.lastIndexOf('@');
    const name = spec.slice(0, at);
    // pnpm names a package's folder name@version, plus _<peers> when peer dependencies shaped it.
    const folder = `${name.replace('/', '+')}@${spec.slice(at + 1)}`;
    const match = readdirSync(store).find((entry) => entry === folder || entry.startsWith(`${folder}_`));
    const dir = match ? path.join(store, match, 'node_modules', name) : undefined;
    if (!dir || !existsSync(dir)) throw new Error(`${spec} is not in the pnpm store of this workspace (${path.join(store, folder)}); run pnpm install.`);
    visit(realpathSync(dir));
  }
  return found;
}

async function hasVersion(registry: URL, name: string, version: string): Promise<boolean> {
  const response = await fetch(new URL(name.replace('/', '%2f'), registry));
  if (response.status === 404) return false;
  if (!response.ok) throw new Error(`GET ${name} from ${registry.href}: HTTP ${response.status}`);
  const packument = (await response.json()) as { versions?: Record<string, unknown> };
  return packument.versions?.[version] !== undefined;
}

function npmPublish(dir: string, npmrc: string, registry: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['publish', dir, '--ignore-scripts', '--registry', registry, '--tag', 'latest'], {
      env: { ...process.env, NPM_CONFIG_USERCONFIG: npmrc },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm publish ${dir} failed:\n${stderr}`))));
  });
}
