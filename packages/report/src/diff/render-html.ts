import { displaySegments, type DiffEndpoint, type DiffLine, type PartDiff, type PromptDiff, type TextDiff } from '@promptpack/core';
import { Html } from '../html/html.js';
import { htmlPage } from '../html/page.js';
import { diffStyles } from './styles.js';
import { approvalSentence, bumpMeanings, bumpSentence, endpointLabel, gapBefore, hunkPlace, partStatus, partSummaries, partTitles, whitespaceNote } from './wording.js';

/**
 * The diff as one self-contained HTML page (inline CSS, no scripts, no
 * external assets) that a reviewer opens, prints or attaches: where each
 * side came from and its policy fingerprint, a summary, then each changed
 * part with removed words struck through and added words underlined, so it
 * reads in black and white too.
 */
export function renderDiffHtml(diff: PromptDiff): string {
  const title = `${diff.only ? `${capitalise(diff.only)} changes` : 'Changes'} to ${diff.id}: ${endpointLabel(diff.from)} → ${endpointLabel(diff.to)}`;
  const changed = diff.parts.filter((part) => part.changed);
  const body = `<header>
<p class="kicker">Prompt change review${diff.only ? ` · ${escape(diff.only)} only` : ''}</p>
<h1>${escape(diff.id)} <span class="package">${escape(diff.package)}</span></h1>
<p class="lead">Compares <strong>${escape(endpointLabel(diff.from))}</strong> (before) with <strong>${escape(endpointLabel(diff.to))}</strong> (after).</p>
${sides(diff.from, diff.to)}
</header>
${diff.only ? '' : summary(diff)}
<section class="legend" aria-label="How to read this page">
<h2>How to read the changes</h2>
<ul class="keys">
<li><span class="swatch del-row">− red line</span> a line as it was before, removed or rewritten</li>
<li><span class="swatch ins-row">+ green line</span> a line as it is after, added or rewritten</li>
<li><del>struck through</del> words removed</li>
<li><ins>underlined</ins> words added</li>
<li><ins class="blank-mark">·</ins> <ins class="blank-mark">→</ins> <ins class="blank-mark">↵</ins> a changed space, tab or line break</li>
</ul>
<p>The numbers on the left are line numbers before and after. Lines without a mark did not change and are shown for context.</p>
</section>
${changed.length === 0 ? `<p class="nothing">${diff.only ? `The ${escape(diff.only)} did not change.` : 'Nothing changed.'}</p>` : changed.map(part).join('\n')}
${diff.otherChangedParts.length > 0 ? `<p class="others">Also changed, not shown on this page: ${escape(diff.otherChangedParts.join(', '))}.</p>` : ''}
<footer>Produced by <code>promptpack diff ${escape(diff.id)} --from ${escape(diff.from.requested)}${diff.to.kind === 'working-tree' ? '' : ` --to ${escape(diff.to.requested)}`}${diff.only ? ` --only ${escape(diff.only)}` : ''}</code>. The fingerprint (sha256) identifies the exact policy text: any change to it, even one space, gives a different fingerprint.</footer>`;
  return htmlPage({ title, generator: 'promptpack diff', styles: diffStyles, body: new Html(body) });
}

function sides(from: DiffEndpoint, to: DiffEndpoint): string {
  const row = (label: string, pick: (side: DiffEndpoint) => string) => `<tr><th scope="row">${label}</th><td>${pick(from)}</td><td>${pick(to)}</td></tr>`;
  const notes = (side: DiffEndpoint) => side.notes.map((note) => `<p class="note">${escape(note)}</p>`).join('') || '—';
  return `<table class="sides">
<thead><tr><th></th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
<tbody>
${row('Version', (side) => escape(side.version))}
${row('Read from', (side) => escape(side.source))}
${row('Policy fingerprint (sha256)', (side) => `<code class="hash">${escape(side.policyHash.replace(/^sha256:/, ''))}</code>`)}
${row('Approval (policy.lock)', (side) => `<span class="${side.approval && !side.approval.matches ? 'warn' : ''}">${escape(approvalSentence(side))}</span>`)}
${from.notes.length + to.notes.length > 0 ? row('Notes', notes) : ''}
</tbody>
</table>`;
}

function summary(diff: PromptDiff): string {
  const rows = diff.parts
    .map((part) => `<tr class="${part.changed ? 'changed' : 'same'}"><th scope="row">${escape(partTitles[part.part])}</th><td>${escape(partStatus(part))}</td><td>${part.bump === 'none' ? '—' : escape(part.bump)}</td><td>${partSummaries(part).map(escape).join('<br>') || '—'}</td></tr>`)
    .join('\n');
  return `<section class="summary">
<h2>Summary</h2>
<p class="verdict bump-${diff.bump}">${escape(bumpSentence(diff.bump))}</p>
<p class="meaning">This change needs ${escape(bumpMeanings[diff.bump])}</p>
<table class="parts">
<thead><tr><th scope="col">Part</th><th scope="col">Status</th><th scope="col">Release</th><th scope="col">What changed</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function part(part: PartDiff): string {
  const summaries = partSummaries(part);
  return `<section class="part" id="part-${part.part}">
<h2>${escape(partTitles[part.part])}${part.bump === 'none' ? '' : ` <span class="bump">${escape(part.bump)}</span>`}</h2>
${summaries.length > 0 ? `<ul class="changes">${summaries.map((summary) => `<li>${escape(summary)}</li>`).join('')}</ul>` : ''}
${part.text?.whitespaceOnly ? `<p class="callout"><strong>Whitespace only.</strong> ${escape(whitespaceNote(part.part))}</p>` : ''}
${part.text ? textDiff(part.text) : ''}
</section>`;
}

function textDiff(text: TextDiff): string {
  const bodies = text.hunks.map((hunk, index) => {
    const skipped = gapBefore(text.hunks, index);
    const gap = skipped > 0 ? `<tr class="gap"><td colspan="4">⋯ ${skipped} unchanged ${skipped === 1 ? 'line' : 'lines'} not shown</td></tr>\n` : '';
    return `<tbody>
${gap}<tr class="place"><td colspan="4">${escape(hunkPlace(hunk))}</td></tr>
${hunk.lines.map(line).join('\n')}
</tbody>`;
  });
  return `<table class="diff">
<colgroup><col class="num"><col class="num"><col class="mark"><col></colgroup>
<thead><tr><th scope="col">Before</th><th scope="col">After</th><th scope="col"><span class="visually-hidden">Change</span></th><th scope="col">Text</th></tr></thead>
${bodies.join('\n')}
</table>`;
}

function line(line: DiffLine): string {
  const kind = line.kind === 'removed' ? 'del-row' : line.kind === 'added' ? 'ins-row' : 'context';
  const mark = line.kind === 'removed' ? '−' : line.kind === 'added' ? '+' : '';
  const tag = line.kind === 'removed' ? 'del' : 'ins';
  const text =
    line.kind === 'context'
      ? escape(line.text)
      : displaySegments(line)
          // A changed blank alone (·, →, ↵) gets a box: a strike-through line would hide it.
          .map((segment) => (segment.changed ? `<${tag}${/^[·→↵␍⍽]+$/.test(segment.text) ? ' class="blank-mark"' : ''}>${escape(segment.text)}</${tag}>` : escape(segment.text)))
          .join('');
  return `<tr class="${kind}"><td class="num">${line.oldLine ?? ''}</td><td class="num">${line.newLine ?? ''}</td><td class="mark">${mark}</td><td class="text">${text || (line.kind === 'context' ? '' : '<span class="blank">(blank line)</span>')}</td></tr>`;
}

// Unlike escapeHtml this leaves ' as it is (every attribute here is double-quoted), so diff pages keep
// the bytes they had before they shared the page shell with the eval reports.
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function capitalise(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
