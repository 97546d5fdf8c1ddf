// Publishes third-party packages (the runtime dependencies of prompt
// packages: zod and what it depends on) into the local registry
// from this workspace's pnpm store, so that a consumer can install prompt
// packages from the local registry with no uplink and no network.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PackageManifest, putPackage } from './put-package.js';
import { repoRoot } from './registry.js';

/** The fields of an npm package.json read here (not a prompt's dist/manifest.json, which @promptpack/spec reads). */
interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * Seeds `specs` (exact `name@version`, as installed in node_modules/.pnpm)
 * and their dependency closure. Versions already on the registry are left
 * alone, also when another process seeds the same ones at the same time. Returns the `name@version` list of what is now on the registry.
 */
export async function seedDependencies(registryUrl: string, specs: readonly string[], workspace = repoRoot): Promise<string[]> {
  const closure = dependencyClosure(specs, path.join(workspace, 'node_modules/.pnpm'));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-seed-'));
  try {
    const url = new URL(registryUrl);
    const queue = [...closure.values()];
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        if (await hasVersion(url, item.manifest.name, item.manifest.version)) continue;
        // A copy without scripts (never run third-party build steps) and
        // without publishConfig (which may name the public registry).
        const parent = path.join(scratch, `${item.manifest.name.replace('/', '+')}@${item.manifest.version}`);
        const copy = path.join(parent, 'package');
        cpSync(item.dir, copy, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
        const manifest = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as PackageManifest;
        delete manifest.scripts;
        delete manifest.publishConfig;
        writeFileSync(path.join(copy, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
        try {
          await putPackage(url, parent, manifest);
        } catch (error) {
          // Another seeder (a test file sharing this registry) published the
          // same store copy between the check and the PUT: it is there, as wanted.
          if (!(await hasVersion(url, item.manifest.name, item.manifest.version))) throw error;
        }
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
    // Peers pnpm resolved for it (linked next to it) go too: npm checks even an
    // optional peer against the tree it builds (@inquirer/* wants @types/node >= 18
    // while another package brings @types/node 12) and fails when the registry
    // has no version that fits.
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
      const peerDir = path.join(siblings, peer);
      if (existsSync(peerDir)) visit(realpathSync(peerDir));
    }
  };
  for (const spec of specs) visit(realpathSync(storeDir(store, spec)));
  return found;
}

/**
 * The folder of `name@version` in node_modules/.pnpm. A package with peer
 * dependencies lives under `<name>@<version>_<peers>` (openai@6.49.0_zod@4.6.7):
 * any of those copies holds the same files.
 */
function storeDir(store: string, spec: string): string {
  const at = spec.lastIndexOf('@');
  const name = spec.slice(0, at);
  const id = `${name.replace('/', '+')}@${spec.slice(at + 1)}`;
  const candidates = [id, ...(existsSync(store) ? readdirSync(store).filter((entry) => entry.startsWith(`${id}_`)).sort() : [])];
  const dir = candidates.map((entry) => path.join(store, entry, 'node_modules', name)).find((candidate) => existsSync(candidate));
  if (!dir) throw new Error(`${spec} is not in the pnpm store of this workspace (no ${path.join(store, id)} nor ${id}_<peers>); run pnpm install.`);
  return dir;
}

async function hasVersion(registry: URL, name: string, version: string): Promise<boolean> {
  const response = await fetch(new URL(name.replace('/', '%2f'), registry));
  if (response.status === 404) return false;
  if (!response.ok) throw new Error(`GET ${name} from ${registry.href}: HTTP ${response.status}`);
  const packument = (await response.json()) as { versions?: Record<string, unknown> };
  return packument.versions?.[version] !== undefined;
}
