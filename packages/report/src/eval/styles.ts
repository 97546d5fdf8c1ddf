// One stylesheet for the result page and the compare page, so a case card looks the same on both.

export const evalStyles = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; --card:#fff;
  --pass:#1a7f37; --pass-bg:#dafbe1; --soft:#7d4e00; --soft-bg:#fff8c5; --fail:#cf222e; --fail-bg:#ffebe9; --error:#8250df; --error-bg:#fbefff; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--fg); font:14px/1.5 -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width:1200px; margin:0 auto; padding:24px 28px 48px; }
h1 { font-size:22px; margin:0 0 4px; }
h2 { font-size:16px; margin:28px 0 10px; }
.meta { color:var(--muted); margin:0 0 18px; }
code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size:12.5px; }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(190px, 1fr)); gap:12px; margin:0 0 8px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
.card .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
.card .value { font-size:22px; font-weight:600; margin-top:2px; }
.card .sub { color:var(--muted); font-size:12.5px; }
.up { color:var(--pass); } .down { color:var(--fail); } .flat { color:var(--muted); }
table { border-collapse:collapse; width:100%; background:var(--card); border:1px solid var(--line); border-radius:8px; overflow:hidden; }
th, td { text-align:left; padding:7px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#eef1f4; font-weight:600; font-size:12.5px; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
tr:last-child td { border-bottom:0; }
.badge { display:inline-block; padding:1px 8px; border-radius:999px; font-size:12px; font-weight:600; white-space:nowrap; }
.badge.hard-pass { color:var(--pass); background:var(--pass-bg); }
.badge.soft-pass { color:var(--soft); background:var(--soft-bg); }
.badge.fail { color:var(--fail); background:var(--fail-bg); }
.badge.error { color:var(--error); background:var(--error-bg); }
.badge.absent { color:var(--muted); background:#eef1f4; }
.tag { display:inline-block; padding:0 6px; border:1px solid var(--line); border-radius:4px; color:var(--muted); font-size:11.5px; }
.verdict { padding:10px 14px; border-radius:8px; margin:0 0 16px; font-weight:600; }
.verdict.passed { background:var(--pass-bg); color:var(--pass); }
.verdict.failed { background:var(--fail-bg); color:var(--fail); }
.verdict ul { margin:6px 0 0; padding-left:20px; font-weight:400; color:var(--fg); }
.case { background:var(--card); border:1px solid var(--line); border-radius:8px; margin:0 0 14px; overflow:hidden; }
.case.regressed { border-left:4px solid var(--fail); }
.case.improved { border-left:4px solid var(--pass); }
.case.new, .case.removed { border-left:4px solid var(--error); }
.case-head { display:flex; flex-wrap:wrap; align-items:center; gap:8px; padding:9px 14px; border-bottom:1px solid var(--line); background:#fbfcfd; }
.case-head code { font-size:13.5px; font-weight:600; }
.case-head .change { margin-left:auto; font-weight:600; font-size:12.5px; text-transform:uppercase; letter-spacing:.04em; }
.change.regressed { color:var(--fail); } .change.improved { color:var(--pass); } .change.unchanged { color:var(--muted); } .change.new, .change.removed { color:var(--error); }
.sides { display:grid; grid-template-columns:1fr 1fr; }
.side { padding:10px 14px; min-width:0; }
.side + .side { border-left:1px solid var(--line); }
.side h3 { font-size:12.5px; margin:0 0 6px; color:var(--muted); display:flex; gap:8px; align-items:center; }
.reasons { margin:0 0 8px; padding-left:18px; color:var(--fail); font-size:12.5px; }
.reasons li { overflow-wrap:anywhere; }
.reasons li.soft { color:var(--soft); }
.grades { margin:0 0 8px; padding-left:18px; font-size:12.5px; }
.grades li { overflow-wrap:anywhere; }
.grades li.fail strong { color:var(--fail); }
.grades .grader { color:var(--muted); }
pre.output { margin:0; padding:10px 12px; background:var(--bg); border:1px solid var(--line); border-radius:6px; white-space:pre-wrap; overflow-wrap:anywhere; max-height:340px; overflow:auto; }
.empty { color:var(--muted); font-style:italic; }
.tool-calls-label { margin:8px 0 4px; color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
details > summary { cursor:pointer; color:var(--muted); }
@media (max-width: 760px) { .sides { grid-template-columns:1fr; } .side + .side { border-left:0; border-top:1px solid var(--line); } }
`;
