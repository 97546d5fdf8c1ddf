// Installs a Debian package for a local test server (PostgreSQL, Prometheus):
// the servers these scripts start are the real ones, from the distribution.
import { execFileSync } from 'node:child_process';
import { SetupError } from './process.js';

export interface DebianPackage {
  /** What apt-get installs, e.g. `postgresql`. */
  name: string;
  /** How the log and errors name it, e.g. `PostgreSQL`. */
  label: string;
  /** Said in parentheses after the install time: what the package did not do that the caller will. */
  note: string;
}

/**
 * Runs `apt-get install -y --no-install-recommends <name>`, after an
 * `apt-get update` when the first attempt fails. Synchronous on purpose: the
 * callers need the binary before anything else can start.
 */
export function installDebianPackage(debian: DebianPackage, log: (message: string) => void): void {
  const command = `apt-get install -y --no-install-recommends ${debian.name}`;
  // As root (this machine, CI here) apt-get runs directly; elsewhere (a GitHub
  // runner) through passwordless sudo, as scripts/browser does for Chromium.
  const root = process.getuid?.() === 0;
  const apt = (args: string[]) => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync(root ? 'apt-get' : 'sudo', root ? args : ['-n', 'apt-get', ...args], { stdio: 'inherit', env });
    } catch (error) {
      if (root) throw error;
      throw new SetupError(`${debian.label} is not installed, and apt-get cannot run here (not root, no passwordless sudo).`, `Install it once as root: apt-get update && ${command}`);
    }
  };
  const install = () => apt(['install', '-y', '--no-install-recommends', debian.name]);
  log(`${debian.label} is missing: ${command}`);
  const started = Date.now();
  try {
    install();
  } catch {
    // A fresh image has no package lists yet.
    log('apt-get install failed; running apt-get update and retrying');
    apt(['update']);
    install();
  }
  log(`${debian.label} installed in ${((Date.now() - started) / 1000).toFixed(1)} s (${debian.note})`);
}
