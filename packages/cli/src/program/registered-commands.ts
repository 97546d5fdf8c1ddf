// Every top-level command, in the order `promptpack --help` lists them. To
// add one: write program/commands/<name>.ts exporting a RegisterCommand (its
// options, help and examples; the work imported inside the action) and list
// it here. The help test walks this tree, so a command without a description
// or an example fails it.
import { registerBuild } from './commands/build.js';
import { registerCheck } from './commands/check.js';
import { registerDiff } from './commands/diff.js';
import { registerDrift } from './commands/drift.js';
import { registerEval } from './commands/eval.js';
import { registerEvalSummary } from './commands/eval-summary.js';
import { registerFlags } from './commands/flags.js';
import { registerHelp } from './commands/help.js';
import { registerInit } from './commands/init.js';
import { registerNew } from './commands/new.js';
import { registerPolicy } from './commands/policy.js';
import { registerRelease } from './commands/release.js';
import { registerReview } from './commands/review.js';
import { registerValidate } from './commands/validate.js';
import type { RegisterCommand } from './register-command.js';

export const registeredCommands: readonly RegisterCommand[] = [
  registerInit,
  registerNew,
  registerValidate,
  registerBuild,
  registerCheck,
  registerDiff,
  registerEval,
  registerReview,
  registerEvalSummary,
  registerDrift,
  registerPolicy,
  registerRelease,
  registerFlags,
  registerHelp,
];
