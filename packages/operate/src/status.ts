// `flags status`: what each prompt flag serves, per environment, and what
// each service has installed. Data only; the CLI prints it.
import type { StateSummary } from '@promptpack/spec/plain';
import { type Context, flagOf, requireKnownPrompt } from './context.js';
import { type FlagView, summarize } from './flag-state.js';
import { builtInStable, promptIn, type Inventories } from './inventory.js';

export interface PromptStatus {
  id: string;
  flag: string;
  exists: boolean;
  environments: Array<{ name: string; enabled: boolean; stickiness: string[]; constraints: string[]; summary: StateSummary }>;
  services: Array<{ service: string; source: string; stable: string; versions: Array<{ version: string; contentHash: string }> }>;
  warnings: string[];
}

/** `--json` of `flags status`, and what its text is printed from. */
export interface StatusReport {
  target: string;
  prompts: PromptStatus[];
  inventoryProblems: Inventories['problems'];
}

/** What each prompt flag serves (one prompt, or every `prompt.*` flag and every prompt a service reported). */
export async function flagStatus(context: Context, id: string | undefined): Promise<StatusReport> {
  const views = id ? [await context.target.read(flagOf(id, context.flagPrefix))] : await context.target.list(context.flagPrefix);
  if (id) await requireKnownPrompt(context, id, views[0]!);
  const ids = new Set(views.map((view) => view.flag.slice(context.flagPrefix.length)));
  // Prompts the services have installed but no flag names yet: they serve their stable.
  if (!id) for (const service of context.inventories.services) for (const prompt of service.prompts) ids.add(prompt.id);
  const byFlag = new Map(views.map((view) => [view.flag, view]));
  const prompts = [...ids].sort().map((promptId) => promptStatus(context, promptId, byFlag.get(flagOf(promptId, context.flagPrefix)) ?? { flag: flagOf(promptId, context.flagPrefix), exists: false, environments: [] }));
  return { target: context.target.label, prompts, inventoryProblems: context.inventories.problems };
}

function promptStatus(context: Context, id: string, view: FlagView): PromptStatus {
  const environments = view.environments.map((env) => {
    const summary = summarize(env);
    const active = env.strategies.filter((strategy) => !strategy.disabled);
    return {
      name: env.name,
      enabled: env.enabled,
      stickiness: [...new Set(active.map((strategy) => strategy.parameters?.stickiness ?? 'default'))],
      constraints: summary.rules.map((rule) => rule.audience).filter((audience) => audience !== 'everyone'),
      summary,
    };
  });
  const services = context.inventories.services.flatMap((service) => {
    const prompt = promptIn(service, id);
    return prompt ? [{ service: service.service, source: service.source, stable: prompt.stable, versions: prompt.versions }] : [];
  });
  const warnings: string[] = [];
  for (const env of environments) {
    if (!env.enabled) continue;
    const served = new Set(env.summary.rules.flatMap((rule) => rule.shares.filter((share) => share.percent > 0).map((share) => share.version)));
    for (const service of services) {
      const lacking = [...served].filter((version) => !service.versions.some((entry) => entry.version === version));
      if (lacking.length > 0) warnings.push(`${env.name}: ${service.service} has not installed ${lacking.join(', ')}; it serves its stable ${service.stable} to those users (reason unknown-version).`);
    }
  }
  const stables = builtInStable(context.inventories, id);
  if (stables.all.size > 1) warnings.push(`services disagree on the built-in stable: ${[...stables.all].map(([version, names]) => `${version} on ${names.join(', ')}`).join('; ')}; kill serves each its own.`);
  return { id, flag: view.flag, exists: view.exists, environments, services, warnings };
}
