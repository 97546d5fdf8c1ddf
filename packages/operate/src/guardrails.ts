// The checks before a version gets traffic: every service that serves the
// prompt has installed it (one contentHash everywhere), and an eval record
// passed for exactly that contentHash. Each violation names the guardrail
// `--force` overrides and says what to do instead. Pure.
import type { EvalVerdict } from './eval-records.js';
import { hashesOf, type Inventories, promptIn } from './inventory.js';

export type Guardrail = 'inventory-missing' | 'inventory-unreadable' | 'not-installed' | 'content-hash-conflict' | 'eval-missing' | 'eval-failed';

export interface Violation {
  guardrail: Guardrail;
  message: string;
  hint: string;
}

export interface VersionCheck {
  id: string;
  version: string;
  inventories: Inventories;
  evalVerdict: EvalVerdict;
}

export function installationViolations(id: string, version: string, inventories: Inventories): Violation[] {
  const violations: Violation[] = [];
  if (!inventories.given) {
    violations.push({
      guardrail: 'inventory-missing',
      message: 'No service inventory was given, so nothing shows that the services serving this prompt have installed the version.',
      hint: 'Pass --service http://<service> (its /.well-known/promptpack) or --inventory <file>, once per service, or set PROMPTPACK_SERVICES.',
    });
  }
  for (const problem of inventories.problems) {
    violations.push({ guardrail: 'inventory-unreadable', message: `Cannot read the inventory of ${problem.source}: ${problem.message}.`, hint: 'A service we cannot see may lack the version: bring it back, or leave it out if it no longer runs.' });
  }
  const serving = inventories.services.filter((service) => promptIn(service, id));
  const missing = serving.filter((service) => !promptIn(service, id)!.versions.some((entry) => entry.version === version));
  if (inventories.services.length > 0 && serving.length === 0) {
    violations.push({ guardrail: 'not-installed', message: `None of the services in the inventory (${inventories.services.map((s) => s.service).join(', ')}) serves prompt "${id}".`, hint: 'Check --service / --inventory: they should list the services that render this prompt.' });
  }
  for (const service of missing) {
    const installed = promptIn(service, id)!.versions.map((entry) => entry.version).join(', ');
    violations.push({
      guardrail: 'not-installed',
      message: `${service.service} (${service.source}) has not installed ${id}@${version} (installed: ${installed}); it would serve its stable to those users.`,
      hint: `Deploy ${service.service} with ${version} among its candidates first, then run this again.`,
    });
  }
  const hashes = hashesOf(inventories, id, version);
  if (hashes.size > 1) {
    violations.push({
      guardrail: 'content-hash-conflict',
      message: `Services disagree on what ${id}@${version} is: ${[...hashes].map(([hash, services]) => `${hash.slice(0, 12)} on ${services.join(', ')}`).join('; ')}.`,
      hint: 'One of them installed a different build under the same version: reinstall it from the registry.',
    });
  }
  return violations;
}

export function evalViolations(id: string, version: string, verdict: EvalVerdict, contentHash: string | undefined): Violation[] {
  const hint = `Run \`promptpack eval ${id} --gate\` on ${version}'s sources and keep its eval-result.json (release tag, installed package or --eval-result <file>).`;
  if (verdict.status === 'passed') return [];
  if (verdict.status === 'failed') {
    return [{ guardrail: 'eval-failed', message: `The eval record for ${id}@${version} (${verdict.source}) did not pass its gate${verdict.reasons.length ? `: ${verdict.reasons.join('; ')}` : ''}.`, hint }];
  }
  const stale = verdict.mismatched.length > 0 ? ` Records found were for other content: ${verdict.mismatched.map((m) => `${m.source} (contentHash ${m.contentHash.slice(0, 12)})`).join(', ')}.` : '';
  const unreadable = verdict.invalid.length > 0 ? ` Files that are not eval records: ${verdict.invalid.map((entry) => `${entry.source} (${entry.problem.replace(/\.$/, '')})`).join(', ')}.` : '';
  const what = contentHash ? `contentHash ${contentHash.slice(0, 12)}` : 'this version';
  return [{ guardrail: 'eval-missing', message: `No passing eval record for ${id}@${version} (${what}). Looked in: ${verdict.looked.join(', ') || 'nowhere (no repository, no --service-dir, no --eval-result)'}.${stale}${unreadable}`, hint }];
}
