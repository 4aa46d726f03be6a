// The page's only stylesheet, inlined so the file stands alone. A constant: nothing from
// the database is ever put in here.
export const HISTORY_CSS = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #d5dae3; --accent: #2d5fb4; --bad: #b3261e; --good: #1e7a3a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; font: 15px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 17px; margin-top: 28px; }
h4 { font-size: 15px; margin: 18px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
code { font: 13px ui-monospace, monospace; background: #f3f5f9; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f9; }
blockquote { margin: 6px 0 10px; padding: 4px 12px; border-left: 3px solid var(--line); color: #2c3444; white-space: pre-wrap; }
.note { color: var(--muted); font-size: 13px; }
.verdict-violation, .verdict-deadlock, .verdict-lost-wakeup { color: var(--bad); font-weight: 600; }
.verdict-ok { color: var(--good); font-weight: 600; }
.tree, .tree ul { list-style: none; padding-left: 18px; margin: 0; }
.tree { padding-left: 0; }
.tree li { margin: 2px 0; border-left: 1px dotted var(--line); padding-left: 8px; }
.tree li.stub { color: var(--muted); }
.when { font-variant-numeric: tabular-nums; color: var(--muted); }
.who { font-weight: 600; }
.badge { font-size: 11px; padding: 0 5px; border-radius: 8px; background: #e6eefc; color: var(--accent); margin-right: 4px; }
.stub-badge { background: #eee; color: var(--muted); }
.pair { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.swimlanes { margin: 10px 0; overflow-x: auto; }
.swimlanes svg { font: 12px system-ui, sans-serif; }
.swimlanes .lane-0 { fill: #f7f9fc; } .swimlanes .lane-1 { fill: #eef2f8; }
.swimlanes .lane-name { font-weight: 600; fill: var(--ink); }
.swimlanes .step rect { fill: #fff; stroke: var(--accent); }
.swimlanes .step text { fill: var(--ink); } .swimlanes .step-n { fill: var(--muted); font-size: 10px; }
.swimlanes .handover { stroke: var(--muted); stroke-dasharray: 3 3; }
.swimlanes marker path { fill: var(--muted); }
figcaption { color: var(--muted); font-size: 13px; }
`;
