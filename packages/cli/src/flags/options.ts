// The command line of `promptpack flags`.
import { parseArgs } from 'node:util';
import { FlagsError } from '@promptpack/operate';

export const flagsUsage = `promptpack flags <command> [options]

Commands:
  status [id]                         each prompt flag: state per environment, each version's share,
                                      stickiness, constraints, and what each service has installed
  canary <id> <version> --percent N   N% get <version>, the rest the stable [--tenant T ...]
  promote <id> <version>              100% to <version>
  rollback <id> [--to <version>]      back to the previous stable (from the flag's history)
  kill <id>                           switch the flag off: every service serves its built-in stable
  history <id>                        the changes and their reasons [--all: every Unleash event]

Target (one of):
  --unleash URL        Unleash base URL; admin token from UNLEASH_ADMIN_TOKEN (never printed)
      [--project default] [--environment development]
  --file PATH          a flags file (Unleash client-features JSON, what fileFlags reads);
                       changes are locked, atomic, and logged to PATH.audit.jsonl

Changes (canary, promote, rollback, kill):
  --reason "..."       required; recorded with the change
  --actor NAME         who (default $USER)
  --force              override the guardrails (recorded as overridden)
  --stable VERSION     canary: the version everyone else gets (default: the flag's current stable)
  --stickiness FIELD   canary: default | userId | sessionId | tenantId (default: the flag's current one)

Guardrails (canary, promote) read:
  --service URL        a service's /.well-known/promptpack (repeatable; or PROMPTPACK_SERVICES)
  --inventory FILE     an inventory file a service wrote (repeatable; or PROMPTPACK_INVENTORY)
  --eval-result FILE   an eval record kept elsewhere (repeatable)
  --service-dir DIR    a service folder whose installed packages may carry eval-result.json
  --repo DIR           the prompts repository (release tags); default: the git repo around cwd

  --json               machine-readable output

Exit codes: 0 done (or nothing to do), 1 failed, 2 wrong usage, 3 refused by a guardrail.`;

export interface FlagsOptions {
  unleash?: string;
  file?: string;
  project: string;
  environment?: string;
  json: boolean;
  services: string[];
  inventories: string[];
  evalResults: string[];
  serviceDirs: string[];
  repo?: string;
  reason?: string;
  actor?: string;
  force: boolean;
  percent?: string;
  tenants: string[];
  to?: string;
  stable?: string;
  stickiness?: string;
  all: boolean;
  help: boolean;
}

export function parseFlagsArgs(args: readonly string[], env: NodeJS.ProcessEnv): { command: string | undefined; positionals: string[]; options: FlagsOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        unleash: { type: 'string' },
        file: { type: 'string' },
        project: { type: 'string' },
        environment: { type: 'string' },
        json: { type: 'boolean' },
        service: { type: 'string', multiple: true },
        inventory: { type: 'string', multiple: true },
        'eval-result': { type: 'string', multiple: true },
        'service-dir': { type: 'string', multiple: true },
        repo: { type: 'string' },
        reason: { type: 'string' },
        actor: { type: 'string' },
        force: { type: 'boolean' },
        percent: { type: 'string' },
        tenant: { type: 'string', multiple: true },
        to: { type: 'string' },
        stable: { type: 'string' },
        stickiness: { type: 'string' },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new FlagsError('flags/usage', (error as Error).message, 'See `promptpack flags --help`.');
  }
  const { values, positionals } = parsed;
  const list = (value: string | undefined) => (value ?? '').split(/[\s,]+/).filter(Boolean);
  const [command, ...rest] = positionals;
  return {
    command,
    positionals: rest,
    options: {
      unleash: values.unleash,
      file: values.file,
      project: values.project ?? 'default',
      environment: values.environment,
      json: values.json ?? false,
      services: [...(values.service ?? []), ...list(env.PROMPTPACK_SERVICES)],
      inventories: [...(values.inventory ?? []), ...list(env.PROMPTPACK_INVENTORY)],
      evalResults: values['eval-result'] ?? [],
      serviceDirs: values['service-dir'] ?? [],
      repo: values.repo,
      reason: values.reason,
      actor: values.actor,
      force: values.force ?? false,
      percent: values.percent,
      tenants: (values.tenant ?? []).flatMap(list),
      to: values.to,
      stable: values.stable,
      stickiness: values.stickiness,
      all: values.all ?? false,
      help: values.help ?? false,
    },
  };
}

/** `--percent`: 0-100 in steps of 0.1 (Unleash weights are out of 1000). */
export function parsePercent(raw: string | undefined): number {
  if (raw === undefined) throw new FlagsError('flags/usage', 'canary needs --percent N: the share of traffic the version gets, 0-100.', 'Example: promptpack flags canary support-reply 1.1.0 --percent 10 --reason "..."');
  const percent = Number(raw.replace(/%$/, ''));
  if (raw.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new FlagsError('flags/usage', `--percent must be a number from 0 to 100, found "${raw}".`, 'Example: --percent 10 for 10% of traffic; --percent 0.5 for half a percent.');
  }
  if (Math.abs(percent * 10 - Math.round(percent * 10)) > 1e-9) {
    throw new FlagsError('flags/usage', `--percent ${raw} is finer than Unleash can store: weights are out of 1000, so steps of 0.1%.`, `Example: --percent ${Math.round(percent * 10) / 10}.`);
  }
  return percent;
}

export function requireReason(options: FlagsOptions, command: string): string {
  const reason = options.reason?.trim();
  if (!reason) {
    throw new FlagsError('flags/usage', `${command} needs --reason "...": every change is recorded with why it was made.`, `Example: promptpack flags ${command} support-reply ... --reason "INC-1234: answers in the wrong language"`);
  }
  return reason;
}
