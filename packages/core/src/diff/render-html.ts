import type { DiffEndpoint, PartDiff, PromptDiff } from './prompt-diff.js';
import { displaySegments, type DiffLine, type TextDiff } from './text-diff.js';
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
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="promptpack diff">
<title>${html(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
<header>
<p class="kicker">Prompt change review${diff.only ? ` · ${html(diff.only)} only` : ''}</p>
<h1>${html(diff.id)} <span class="package">${html(diff.package)}</span></h1>
<p class="lead">Compares <strong>${html(endpointLabel(diff.from))}</strong> (before) with <strong>${html(endpointLabel(diff.to))}</strong> (after).</p>
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
${changed.length === 0 ? `<p class="nothing">${diff.only ? `The ${html(diff.only)} did not change.` : 'Nothing changed.'}</p>` : changed.map(part).join('\n')}
${diff.otherChangedParts.length > 0 ? `<p class="others">Also changed, not shown on this page: ${html(diff.otherChangedParts.join(', '))}.</p>` : ''}
<footer>Produced by <code>promptpack diff ${html(diff.id)} --from ${html(diff.from.requested)}${diff.to.kind === 'working-tree' ? '' : ` --to ${html(diff.to.requested)}`}${diff.only ? ` --only ${html(diff.only)}` : ''}</code>. The fingerprint (sha256) identifies the exact policy text: any change to it, even one space, gives a different fingerprint.</footer>
</main>
</body>
</html>
`;
}

function sides(from: DiffEndpoint, to: DiffEndpoint): string {
  const row = (label: string, pick: (side: DiffEndpoint) => string) => `<tr><th scope="row">${label}</th><td>${pick(from)}</td><td>${pick(to)}</td></tr>`;
  const notes = (side: DiffEndpoint) => side.notes.map((note) => `<p class="note">${html(note)}</p>`).join('') || '—';
  return `<table class="sides">
<thead><tr><th></th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
<tbody>
${row('Version', (side) => html(side.version))}
${row('Read from', (side) => html(side.source))}
${row('Policy fingerprint (sha256)', (side) => `<code class="hash">${html(side.policyHash.replace(/^sha256:/, ''))}</code>`)}
${row('Approval (policy.lock)', (side) => `<span class="${side.approval && !side.approval.matches ? 'warn' : ''}">${html(approvalSentence(side))}</span>`)}
${from.notes.length + to.notes.length > 0 ? row('Notes', notes) : ''}
</tbody>
</table>`;
}

function summary(diff: PromptDiff): string {
  const rows = diff.parts
    .map((part) => `<tr class="${part.changed ? 'changed' : 'same'}"><th scope="row">${html(partTitles[part.part])}</th><td>${html(partStatus(part))}</td><td>${part.bump === 'none' ? '—' : html(part.bump)}</td><td>${partSummaries(part).map(html).join('<br>') || '—'}</td></tr>`)
    .join('\n');
  return `<section class="summary">
<h2>Summary</h2>
<p class="verdict bump-${diff.bump}">${html(bumpSentence(diff.bump))}</p>
<p class="meaning">This change needs ${html(bumpMeanings[diff.bump])}</p>
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
<h2>${html(partTitles[part.part])}${part.bump === 'none' ? '' : ` <span class="bump">${html(part.bump)}</span>`}</h2>
${summaries.length > 0 ? `<ul class="changes">${summaries.map((summary) => `<li>${html(summary)}</li>`).join('')}</ul>` : ''}
${part.text?.whitespaceOnly ? `<p class="callout"><strong>Whitespace only.</strong> ${html(whitespaceNote(part.part))}</p>` : ''}
${part.text ? textDiff(part.text) : ''}
</section>`;
}

function textDiff(text: TextDiff): string {
  const bodies = text.hunks.map((hunk, index) => {
    const skipped = gapBefore(text.hunks, index);
    const gap = skipped > 0 ? `<tr class="gap"><td colspan="4">⋯ ${skipped} unchanged ${skipped === 1 ? 'line' : 'lines'} not shown</td></tr>\n` : '';
    return `<tbody>
${gap}<tr class="place"><td colspan="4">${html(hunkPlace(hunk))}</td></tr>
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
      ? html(line.text)
      : displaySegments(line)
          // A changed blank alone (·, →, ↵) gets a box: a strike-through line would hide it.
          .map((segment) => (segment.changed ? `<${tag}${/^[·→↵␍⍽]+$/.test(segment.text) ? ' class="blank-mark"' : ''}>${html(segment.text)}</${tag}>` : html(segment.text)))
          .join('');
  return `<tr class="${kind}"><td class="num">${line.oldLine ?? ''}</td><td class="num">${line.newLine ?? ''}</td><td class="mark">${mark}</td><td class="text">${text || (line.kind === 'context' ? '' : '<span class="blank">(blank line)</span>')}</td></tr>`;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function capitalise(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

const css = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --del-row: #ffebe9; --del-word: #ffc1bc; --ins-row: #e6ffec; --ins-word: #9be9a8; --accent: #0b4f8a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f6f8fa; color: var(--ink); font: 16px/1.55 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 40px 48px; background: #fff; min-height: 100vh; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 13px; }
h1 { margin: 4px 0 8px; font-size: 28px; line-height: 1.25; }
h1 .package { font-weight: 400; color: var(--muted); font-size: 18px; margin-left: 8px; }
h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--rule); }
.lead { margin: 0 0 16px; font-size: 17px; }
table { border-collapse: collapse; width: 100%; }
.sides th, .sides td, .parts th, .parts td { text-align: left; vertical-align: top; padding: 6px 10px; border: 1px solid var(--rule); }
.sides thead th, .parts thead th { background: #f6f8fa; }
.sides th[scope=row] { width: 22%; font-weight: 600; }
.sides td { width: 39%; }
code, .hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
.hash { word-break: break-all; }
.note { margin: 0 0 4px; color: #7a4b00; }
.warn { color: #a40e26; font-weight: 600; }
.verdict { font-size: 18px; font-weight: 600; margin: 0 0 4px; }
.meaning { margin: 0 0 12px; color: var(--muted); }
.bump-major { color: #a40e26; } .bump-minor { color: #7a4b00; } .bump-patch, .bump-none { color: #116329; }
.parts tr.same td, .parts tr.same th { color: var(--muted); }
.legend p { margin: 6px 0 0; color: var(--muted); font-size: 14px; }
.keys { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 28px; font-size: 14px; }
.swatch { display: inline-block; padding: 0 6px; margin-right: 6px; border-radius: 3px; color: var(--ink); }
del { background: var(--del-word); text-decoration: line-through; text-decoration-thickness: 2px; color: #82071e; }
ins { background: var(--ins-word); text-decoration: underline; text-decoration-thickness: 2px; color: #04260f; }
del.blank-mark, ins.blank-mark { text-decoration: none; font-weight: 700; padding: 0 3px; margin: 0 1px; border: 1px solid currentColor; border-radius: 3px; }
.bump { display: inline-block; font-size: 13px; font-weight: 600; padding: 1px 8px; border: 1px solid var(--rule); border-radius: 10px; vertical-align: middle; color: var(--muted); }
.changes { margin: 0 0 12px; padding-left: 22px; }
.callout { border-left: 4px solid #bf8700; background: #fff8c5; padding: 10px 14px; margin: 0 0 12px; }
.diff { border: 1px solid var(--rule); font-size: 15px; table-layout: fixed; }
.diff col.num { width: 52px; } .diff col.mark { width: 24px; }
.diff thead th { font-size: 12px; font-weight: 600; color: var(--muted); text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--rule); background: #f6f8fa; }
.diff td { padding: 2px 6px; vertical-align: top; }
.diff td.num { color: var(--muted); text-align: right; font-size: 12px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; padding-top: 5px; user-select: none; }
.diff td.mark { font-weight: 700; text-align: center; }
.diff td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.diff tr.place td { background: #ddf4ff; color: #0a3069; font-size: 13px; padding: 4px 8px; border-top: 1px solid var(--rule); }
.diff tr.gap td { color: var(--muted); font-style: italic; font-size: 13px; padding: 4px 8px; text-align: center; }
.del-row { background: var(--del-row); } .del-row td.mark { color: #a40e26; }
.ins-row { background: var(--ins-row); } .ins-row td.mark { color: #116329; }
.blank { color: var(--muted); font-style: italic; }
.nothing, .others { font-size: 17px; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 13px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; min-height: 0; }
  h2 { break-after: avoid; }
  .diff tr, .parts tr, .sides tr { break-inside: avoid; }
  .diff thead { display: table-header-group; }
  @page { margin: 16mm 14mm; }
}
`;
