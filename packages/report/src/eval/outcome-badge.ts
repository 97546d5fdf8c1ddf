import { html, type Html } from '../html/html.js';
import type { Outcome } from './summarize.js';

const outcomeLabels: Record<Outcome, string> = { 'hard-pass': 'hard pass', 'soft-pass': 'soft pass', fail: 'fail', error: 'error' };

/** A case's outcome as a coloured pill; `absent` when one side of a comparison lacks the case. */
export function outcomeBadge(outcome: Outcome | undefined): Html {
  if (!outcome) return html`<span class="badge absent">absent</span>`;
  return html`<span class="badge ${outcome}">${outcomeLabels[outcome]}</span>`;
}
