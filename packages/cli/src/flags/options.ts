// The command line of `promptpack flags`, after the argument parser
// (program/commands/flags.ts declares the options): checked and defaulted.
import { FlagsError } from '@promptpack/operate';

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
  flagPrefix?: string;
}

/** The options of one `promptpack flags` subcommand as the argument parser hands them over; each subcommand declares a subset. */
export interface FlagsValues {
  unleash?: string;
  file?: string;
  project?: string;
  environment?: string;
  json?: boolean;
  service?: string[];
  inventory?: string[];
  evalResult?: string[];
  serviceDir?: string[];
  repo?: string;
  reason?: string;
  actor?: string;
  force?: boolean;
  percent?: string;
  tenant?: string[];
  to?: string;
  stable?: string;
  stickiness?: string;
  all?: boolean;
  flagPrefix?: string;
}

/** Defaults and the environment's lists (PROMPTPACK_SERVICES, PROMPTPACK_INVENTORY) and flag prefix (PROMPTPACK_FLAG_PREFIX) after the flags given. */
export function flagsOptionsFrom(values: FlagsValues, env: NodeJS.ProcessEnv): FlagsOptions {
  const list = (value: string | undefined) => (value ?? '').split(/[\s,]+/).filter(Boolean);
  return {
    unleash: values.unleash,
    file: values.file,
    project: values.project ?? 'default',
    environment: values.environment,
    json: values.json ?? false,
    services: [...(values.service ?? []), ...list(env.PROMPTPACK_SERVICES)],
    inventories: [...(values.inventory ?? []), ...list(env.PROMPTPACK_INVENTORY)],
    evalResults: values.evalResult ?? [],
    serviceDirs: values.serviceDir ?? [],
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
    // The service's own variable: one export for the service and its operator's shell.
    flagPrefix: values.flagPrefix ?? (env.PROMPTPACK_FLAG_PREFIX || undefined),
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
