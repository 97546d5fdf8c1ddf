import { escapeHtml, html, type Html } from '../html/html.js';
import { reviewScript } from './review-script.js';
import { reviewStyles } from './review-styles.js';

export type ReviewPageGrade = 'hard' | 'soft' | 'fail';

/** One answer waiting for (or carrying) this reviewer's grade. */
export interface ReviewItem {
  caseId: string;
  requestHash: string;
  tier: string;
  description?: string;
  /** The case's variables as evals.yaml has them; undefined when they could not be read. */
  variables?: unknown;
  rubrics: readonly string[];
  /** The model's answer: hostile text, only ever shown escaped. */
  answer: string;
  /** The tools the model called, as text (toolCallsText): as hostile as the answer, shown escaped the same way. */
  toolCalls?: string;
  /** This reviewer's grade so far. */
  grade?: ReviewPageGrade;
  note?: string;
}

export interface ReviewPageParts {
  prompt: { id: string; version: string };
  reviewer: string;
  /** Required on every POST (CSRF): another site's page cannot read it from this one. */
  token: string;
  /** Allows this response's one script and one stylesheet (CSP). */
  nonce: string;
  items: readonly ReviewItem[];
}

/**
 * The review page: every answer rendered on the server as escaped text (the
 * script never turns text into markup, it only shows, hides and counts), one
 * shown at a time. The script and stylesheet run by this response's nonce,
 * so a tag smuggled into an answer could not run even past an escaping bug.
 */
export function renderReviewPage(parts: ReviewPageParts): string {
  const { prompt, reviewer, items } = parts;
  const first = Math.max(0, items.findIndex((item) => item.grade === undefined));
  const graded = items.filter((item) => item.grade !== undefined).length;
  const body = html`
<header>
  <h1>Review ${prompt.id}@${prompt.version}</h1>
  <p class="who">as <strong>${reviewer}</strong> · <span id="counts" data-total="${items.length}">${counts(graded, items.length)}</span></p>
</header>
${items.length === 0 ? html`<p class="empty">No case in this result asks for a person. Add <code>review: true</code>, <code>human: { rubric: … }</code> or a <code>type: human</code> assertion in evals.yaml, then run promptpack eval again.</p>` : ''}
${items.map((item, index) => section(item, index, items.length, index !== first))}
<p id="status" role="status" aria-live="polite"></p>
<footer><kbd>h</kbd> hard · <kbd>s</kbd> soft · <kbd>f</kbd> fail · <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>n</kbd> note · <kbd>?</kbd> help</footer>
<div id="help" hidden role="dialog" aria-label="Keyboard help">
  <h2>Keys</h2>
  <dl>
    <dt><kbd>h</kbd></dt><dd>hard: as good as a hard pass</dd>
    <dt><kbd>s</kbd></dt><dd>soft: acceptable, not what we want</dd>
    <dt><kbd>f</kbd></dt><dd>fail</dd>
    <dt><kbd>j</kbd> <kbd>→</kbd> <kbd>↓</kbd></dt><dd>next answer</dd>
    <dt><kbd>k</kbd> <kbd>←</kbd> <kbd>↑</kbd></dt><dd>previous answer</dd>
    <dt><kbd>n</kbd></dt><dd>write a note (Escape leaves the note; it is saved with the grade)</dd>
    <dt><kbd>?</kbd></dt><dd>this help (Escape closes it)</dd>
  </dl>
  <p>Every grade is saved at once to reviews.json; grading again replaces your verdict.</p>
</div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="review-token" content="${escapeHtml(parts.token)}">
<title>${escapeHtml(`Review ${prompt.id}@${prompt.version}`)}</title>
<style nonce="${escapeHtml(parts.nonce)}">${reviewStyles}</style>
</head>
<body>
<main>
${body.text}
</main>
<script nonce="${escapeHtml(parts.nonce)}">${reviewScript}</script>
</body>
</html>
`;
}

/** The Content-Security-Policy header of the page: its own nonce'd script and style, requests to this server only, nothing else. */
export function reviewPagePolicy(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

function counts(graded: number, total: number): string {
  return `${graded} of ${total} graded, ${total - graded} pending`;
}

function section(item: ReviewItem, index: number, total: number, hidden: boolean): Html {
  const variables = item.variables === undefined ? 'not available (evals.yaml could not be read)' : JSON.stringify(item.variables, null, 2);
  return html`<section class="case" data-index="${index}" data-request-hash="${item.requestHash}" data-case-id="${item.caseId}" data-grade="${item.grade ?? ''}"${hidden ? html` hidden` : ''}>
  <h2><span class="position">${index + 1} / ${total}</span> <span class="case-id">${item.caseId}</span> <span class="tier">${item.tier}</span> <span class="grade">${item.grade ?? 'pending'}</span></h2>
  ${item.description ? html`<p class="description">${item.description}</p>` : ''}
  <h3>Rubric</h3>
  ${item.rubrics.length > 0 ? html`<ul class="rubrics">${item.rubrics.map((rubric) => html`<li>${rubric}</li>`)}</ul>` : html`<p class="rubrics">No rubric: judge by the description.</p>`}
  <h3>Variables</h3>
  <pre class="variables">${variables}</pre>
  <h3>Answer</h3>
  <pre class="answer">${item.answer}</pre>
  ${item.toolCalls ? html`<h3>Tool calls</h3>
  <pre class="answer tool-calls">${item.toolCalls}</pre>` : ''}
  <label>Note <textarea class="note" rows="2" maxlength="4000">${item.note ?? ''}</textarea></label>
  <p class="buttons"><button type="button" data-grade="hard">Hard (h)</button> <button type="button" data-grade="soft">Soft (s)</button> <button type="button" data-grade="fail">Fail (f)</button> <button type="button" data-move="-1">Previous (k)</button> <button type="button" data-move="1">Next (j)</button></p>
</section>
`;
}
