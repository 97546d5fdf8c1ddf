/** The review page's stylesheet: readable answers, the grade visible at a glance. */
export const reviewStyles = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1d232b; }
main { max-width: 960px; margin: 0 auto; padding: 16px 24px 48px; }
header h1 { font-size: 20px; margin: 0; }
.who { margin: 4px 0 16px; color: #4a5563; }
.case { background: #fff; border: 1px solid #d8dde3; border-radius: 8px; padding: 12px 20px; }
.case h2 { font-size: 17px; margin: 4px 0 8px; display: flex; gap: 12px; align-items: baseline; }
.case h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #5b6573; margin: 14px 0 4px; }
.position { color: #5b6573; font-weight: normal; }
.tier { font-size: 12px; background: #eef1f4; border-radius: 4px; padding: 1px 6px; font-weight: normal; }
.grade { margin-left: auto; font-size: 13px; border-radius: 4px; padding: 2px 8px; background: #fff3cd; }
.case[data-grade="hard"] .grade { background: #d1f0d8; }
.case[data-grade="soft"] .grade { background: #dbe9ff; }
.case[data-grade="fail"] .grade { background: #f8d3d3; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f5f7; border-radius: 6px; padding: 8px 12px; margin: 0; font: 13px/1.45 ui-monospace, monospace; }
pre.answer { background: #fffdf5; border: 1px solid #eadfb8; }
label { display: block; margin-top: 12px; font-size: 13px; color: #4a5563; }
textarea { display: block; width: 100%; box-sizing: border-box; font: inherit; margin-top: 4px; }
.buttons button { font: inherit; padding: 4px 12px; margin-right: 4px; }
#status { min-height: 1.5em; color: #4a5563; }
#status.error { color: #a11; }
footer { color: #5b6573; font-size: 13px; }
kbd { border: 1px solid #c4cad1; border-bottom-width: 2px; border-radius: 3px; padding: 0 4px; font: 12px ui-monospace, monospace; background: #fff; }
#help { position: fixed; top: 15%; left: 50%; transform: translateX(-50%); background: #fff; border: 1px solid #c4cad1; border-radius: 8px; padding: 12px 24px; box-shadow: 0 8px 32px rgba(0,0,0,.2); }
#help dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 16px; }
#help dd { margin: 0; }
`;
