// Prints `promptpack flags status [id]`; @promptpack/operate works it out.
import { flagStatus, type Context } from '@promptpack/operate';
import type { Io } from '../output.js';
import { table } from './table.js';

export async function statusCommand(context: Context, id: string | undefined, options: { json: boolean }, io: Io): Promise<number> {
  const report = await flagStatus(context, id);
  if (options.json) {
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  const inventories = context.inventories;
  io.out(`${report.target}${inventories.given ? `; ${inventories.services.length} service inventor${inventories.services.length === 1 ? 'y' : 'ies'}` : '; no service inventory (--service / --inventory)'}`);
  if (report.prompts.length === 0) io.out('No prompt flags (prompt.<id>) and no services to show.');
  for (const status of report.prompts) {
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
  for (const problem of report.inventoryProblems) io.err(`warning: cannot read the inventory of ${problem.source}: ${problem.message}`);
  return 0;
}
