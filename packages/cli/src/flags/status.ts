// `promptpack flags status [id]`: what each prompt flag serves, per
// environment, and what each service has installed.
import type { Io } from '../output.js';
import { type Context, flagOf, flagPrefix, requireKnownPrompt } from './context.js';
import { type FlagView, type StateSummary, summarize } from './flag-state.js';
import { builtInStable, promptIn } from './inventory.js';
import { table } from './table.js';

export interface PromptStatus {
  id: string;
  flag: string;
  exists: boolean;
  environments: Array<{ name: string; enabled: boolean; stickiness: string[]; constraints: string[]; summary: StateSummary }>;
  services: Array<{ service: string; source: string; stable: string; versions: Array<{ version: string; contentHash: string }> }>;
  warnings: string[];
}

export async function statusCommand(context: Context, id: string | undefined, options: { json: boolean }, io: Io): Promise<number> {
  const views = id ? [await context.target.read(flagOf(id))] : await context.target.list(flagPrefix);
  if (id) await requireKnownPrompt(context, id, views[0]!);
  const ids = new Set(views.map((view) => view.flag.slice(flagPrefix.length)));
  // Prompts the services have installed but no flag names yet: they serve their stable.
  if (!id) for (const service of context.inventories.services) for (const prompt of service.prompts) ids.add(prompt.id);
  const byFlag = new Map(views.map((view) => [view.flag, view]));
  const statuses = [...ids].sort().map((promptId) => promptStatus(context, promptId, byFlag.get(flagOf(promptId)) ?? { flag: flagOf(promptId), exists: false, environments: [] }));

  if (options.json) {
    io.out(JSON.stringify({ target: context.target.label, prompts: statuses, inventoryProblems: context.inventories.problems }, null, 2));
    return 0;
  }
  io.out(`${context.target.label}${context.inventories.given ? `; ${context.inventories.services.length} service inventor${context.inventories.services.length === 1 ? 'y' : 'ies'}` : '; no service inventory (--service / --inventory)'}`);
  if (statuses.length === 0) io.out('No prompt flags (prompt.<id>) and no services to show.');
  for (const status of statuses) {
    io.out('');
    io.out(`${status.flag}${status.exists ? '' : '  (no flag: every service serves its built-in stable)'}`);
    if (status.exists) {
      const rows = status.environments.map((env) => [env.name, env.enabled ? 'on' : 'off', env.summary.text, env.stickiness.join(', ') || '-']);
      io.out(table(['ENVIRONMENT', 'STATE', 'SERVES', 'STICKINESS'], rows, '  ').join('\n'));
    }
    if (status.services.length > 0) {
      const rows = status.services.map((service) => [service.service, service.stable, service.versions.map((entry) => `${entry.version} (${entry.contentHash.slice(0, 12)})`).join(', '), service.source]);
      io.out(table(['SERVICE', 'STABLE', 'INSTALLED', 'FROM'], rows, '  ').join('\n'));
    }
    for (const warning of status.warnings) io.out(`  warning: ${warning}`);
  }
  for (const problem of context.inventories.problems) io.err(`warning: cannot read the inventory of ${problem.source}: ${problem.message}`);
  return 0;
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
