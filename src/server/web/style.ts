// The web view's only stylesheet, served by tix serve itself (no fonts, scripts or styles from elsewhere: the
// Content-Security-Policy allows this origin only). Its path carries a hash of its content, so browsers may
// keep it for a year and still get a new one with a new tix.
import { createHash } from 'node:crypto';

export const stylesheet = `
:root {
  color-scheme: light dark;
  --fg: #1d2330; --muted: #5b6474; --bg: #f7f8fa; --card: #fff; --line: #dde1e8; --accent: #2457c5;
  --sent: #8a5a00; --answered: #1a7f37; --open: #0b6f8c; --resolved: #3d7a3d; --closed: #6b7280; --new: #b35c00;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6e9ef; --muted: #9aa3b2; --bg: #14171c; --card: #1c2027; --line: #2e343e; --accent: #7aa2ff;
    --sent: #e0a43a; --answered: #4cc36b; --open: #4fc1e0; --resolved: #7cc67c; --closed: #9aa3b2; --new: #f0a050;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1.25rem;
  background: var(--card); border-bottom: 1px solid var(--line); }
header.top .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
header.top nav { display: flex; gap: 1rem; align-items: center; flex: 1; }
header.top .who { color: var(--muted); font-size: .9rem; }
header.top form { margin: 0; }
main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.muted { color: var(--muted); }
button { font: inherit; padding: .4rem .9rem; border-radius: 6px; border: 1px solid var(--line); background: var(--card);
  color: var(--fg); cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
form.login { max-width: 24rem; display: grid; gap: .75rem; }
form.login label { display: grid; gap: .25rem; font-weight: 600; }
form.login input { font: inherit; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 6px;
  background: var(--bg); color: var(--fg); }
.alert { border-left: 4px solid var(--new); padding: .5rem .75rem; background: var(--card); margin: 0 0 1rem; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.summary { overflow-wrap: anywhere; }
.status { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .85rem; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.status-sent { color: var(--sent); } .status-answered { color: var(--answered); } .status-open { color: var(--open); }
.status-resolved { color: var(--resolved); } .status-closed { color: var(--closed); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ul.values { margin: 0; padding-left: 1.1rem; }
article.message { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin: .75rem 0; }
article.message.agent { border-left: 4px solid var(--answered); }
article.message header { display: flex; flex-wrap: wrap; gap: .25rem .75rem; padding: .5rem 1rem; border-bottom: 1px solid var(--line);
  font-size: .9rem; }
article.message .author { font-weight: 600; }
article.message .badge { font-size: .8rem; color: var(--muted); }
article.message .new { color: var(--new); font-weight: 600; }
article.message .body { padding: .75rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
article.message .attachments { padding: .25rem 1rem .75rem; margin: 0; list-style: none; border-top: 1px dashed var(--line); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--card); border: 1px solid var(--line);
  border-radius: 4px; padding: .05rem .3rem; }
@media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .5rem; } }
`;

export const stylesheetPath = `/assets/tix-${createHash('sha256').update(stylesheet).digest('hex').slice(0, 12)}.css`;
