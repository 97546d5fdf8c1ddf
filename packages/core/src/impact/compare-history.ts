import type { HistorySpec, PartChange } from '@promptpack/spec';

/**
 * prompt.yaml's `history:` semver rules. History is input, so it is judged
 * as part of the render interface, like variables:
 * - support added is minor: every call that worked still works, and a caller may now pass turns;
 * - support removed is major: a caller passing turns now gets an error;
 * - a limit lowered is major: a conversation that fit may no longer;
 * - a limit raised is minor: more fits, and the model may see more context.
 */
export function compareHistory(before: HistorySpec | undefined, after: HistorySpec | undefined): PartChange[] {
  if (!before && !after) return [];
  if (!before) return [{ part: 'variables', bump: 'minor', path: 'history', summary: 'chat history support added (render takes { history })' }];
  if (!after) return [{ part: 'variables', bump: 'major', path: 'history', summary: 'chat history support removed (callers passing history now fail)' }];
  const limits = ['maxTurns', 'maxChars'] as const;
  return limits.flatMap((limit): PartChange[] => {
    const old = before[limit];
    const now = after[limit];
    if (old === now) return [];
    const lowered = now < old;
    return [{ part: 'variables', bump: lowered ? 'major' : 'minor', path: `history.${limit}`, summary: `chat history ${limit} ${lowered ? 'lowered' : 'raised'} from ${old} to ${now}` }];
  });
}
