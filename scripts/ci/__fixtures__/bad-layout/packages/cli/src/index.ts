// Allowed: the CLI wires every package.
import { report } from '@promptpack/report';

export const cli = report;
