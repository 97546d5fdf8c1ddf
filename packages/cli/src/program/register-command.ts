import type { Command } from 'commander';
import type { Invocation } from './invocation.js';

/**
 * Adds one top-level command (and its subcommands) to the program. A
 * registration declares arguments, options, help and examples, and imports
 * the module that does the work only inside its action, so `promptpack flags
 * rollback` never loads the compiler or the eval engine.
 */
export type RegisterCommand = (program: Command, invocation: Invocation) => void;
