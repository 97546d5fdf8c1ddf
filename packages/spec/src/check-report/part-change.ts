// What a change to a prompt means for its version, as `promptpack check`,
// `promptpack diff` and the changelog report it. Core computes it.

export type Bump = 'none' | 'patch' | 'minor' | 'major';

/** The parts of a prompt a change can touch, as legal, product and engineering own them. */
export type PromptPart = 'policy' | 'fewshots' | 'template' | 'variables' | 'output' | 'model' | 'tools' | 'evals' | 'metadata';

export interface PartChange {
  part: PromptPart;
  /** The smallest bump this change alone requires. */
  bump: Exclude<Bump, 'none'>;
  /** One line a release manager can read, e.g. `variable "ticket.priority" added, required`. */
  summary: string;
  /** Variable or output path for structured parts (`ticket.priority`). */
  path?: string;
}
