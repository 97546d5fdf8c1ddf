// Reads what a release plan is decided on (the registry's state of each
// version, our tarballs' shasums, the eval records) and hands it to the pure
// decisions in plan.ts and eval-gate.ts. Reads only: nothing is published.
import { decideEvalGate, type EvalGateDecision, type EvalOverride } from './eval-gate.js';
import { readBuiltIdentity, readEvalRecord } from './eval-records.js';
import { type Identity, type PlanEntry, planRelease, type VersionState } from './plan.js';
import type { PromptPackage } from './prompt-packages.js';
import type { RegistryAccess } from './registry-access.js';
import { localContentHash, localShasum, queryVersion, remoteContentHash } from './registry-state.js';
import { mapLimit } from './run-process.js';

export interface AssembledPlan {
  entries: PlanEntry[];
  /** The eval gate's decision for every package; only those to publish are enforced. */
  gate: Map<string, EvalGateDecision>;
}

export async function assembleReleasePlan(packages: readonly PromptPackage[], access: RegistryAccess, override: EvalOverride | undefined): Promise<AssembledPlan> {
  const states = await queryStates(packages, access);
  const identities = new Map<string, Identity>();
  await mapLimit(packages, 4, async (pkg) => {
    const state = states.get(pkg.name);
    if (state?.kind !== 'present') return;
    const identity: Identity = { localShasum: await localShasum(pkg.dir, access.env) };
    if (identity.localShasum !== state.shasum) {
      identity.localContentHash = localContentHash(pkg.dir);
      identity.remoteContentHash = await remoteContentHash(access.targetFor(pkg.name), pkg.name, pkg.version);
    }
    identities.set(pkg.name, identity);
  });
  const gate = new Map(packages.map((pkg) => [pkg.name, decideEvalGate(pkg, readEvalRecord(pkg.dir), readBuiltIdentity(pkg.dir), override)]));
  return { entries: planRelease(packages, states, identities), gate };
}

export async function queryStates(packages: readonly PromptPackage[], access: RegistryAccess): Promise<Map<string, VersionState>> {
  const states = await mapLimit(packages, 8, (pkg) => queryVersion(access.targetFor(pkg.name), pkg.name, pkg.version));
  return new Map(packages.map((pkg, index) => [pkg.name, states[index] as VersionState]));
}
