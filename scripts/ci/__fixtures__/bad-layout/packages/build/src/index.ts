// Below the CLI, importing it; and past core's entry into one of its files.
import { cli } from '@promptpack/cli';
import { readLock } from '../../core/src/policy-lock.js';

export const build = [cli, readLock];
