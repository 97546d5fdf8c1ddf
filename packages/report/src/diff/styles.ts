// The stylesheet of the diff page: reads in black and white (struck-through and underlined words) and prints on A4.

export const diffStyles = `
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
