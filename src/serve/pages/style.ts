// The explorer's one stylesheet (served at /static/style.css): the history page's rules, which
// the swimlanes and verdicts use, plus the explorer's own. A constant: nothing from mail.
import { HISTORY_CSS } from '../../history/html/style.js';

export const EXPLORER_CSS = `${HISTORY_CSS}
header.top { display: flex; gap: 16px; align-items: center; border-bottom: 1px solid var(--line); padding-bottom: 10px; margin-bottom: 16px; }
header.top .home { font-weight: 700; font-size: 18px; text-decoration: none; }
form.search { display: flex; gap: 6px; flex: 1; }
form.search input { flex: 1; font: inherit; padding: 4px 8px; }
pre { font: 13px/1.4 ui-monospace, monospace; background: #f6f8fb; padding: 8px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; margin: 6px 0; }
details.quote > summary, details.diff > summary { cursor: pointer; color: var(--muted); }
details.quote pre { border-left: 3px solid var(--line); background: #fafbfc; }
.hunk { border: 1px solid var(--line); border-radius: 4px; margin: 8px 0; }
.hunk .touches { background: #eef3fb; padding: 2px 8px; font-size: 13px; }
.hunk .touches a { margin-right: 8px; }
.hunk pre { margin: 0; }
.add { color: var(--good); } .del { color: var(--bad); }
dl.headers { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dl.headers dt { color: var(--muted); }
dl.headers dd { margin: 0; overflow-wrap: anywhere; }
ol.steps li.done { color: var(--muted); }
ol.steps li.current { font-weight: 700; background: #fff6d6; }
nav.stepper { display: flex; gap: 12px; align-items: center; margin: 8px 0; }
.evidence { font-size: 13px; }
.suggest li { margin: 2px 0; }
main h4 { text-transform: none; letter-spacing: 0; font-size: 15px; }
`;
