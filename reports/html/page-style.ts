/** The style of every HTML page conform writes: readable without colour, visible focus, all expanded in print. */
export const pageStyle = `
:root { --fg: #1b1b1b; --muted: #555; --line: #c8c8c8; --soft: #f4f4f4; --pass: #176f2c; --fail: #b3261e;
  --error: #7a3a96; --skip: #5f5f5f; --focus: #1a55d6; --read: #1a55d6; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff;
  margin: 0 auto; max-width: 75rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
code, pre, kbd { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
pre { background: var(--soft); padding: .6rem .8rem; margin: .3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.requirement, .muted { color: var(--muted); font-size: 13px; }
.status { white-space: nowrap; font-weight: 600; }
td.time { white-space: nowrap; }
.status-passed { color: var(--pass); }
.status-failed { color: var(--fail); }
.status-error { color: var(--error); }
.status-skipped { color: var(--skip); font-weight: normal; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
a { color: var(--focus); }
a:focus-visible, button:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
details.failure { border: 1px solid var(--line); border-left: 6px double var(--fail); margin: 1rem 0; padding: 0 1rem .5rem; }
details.failure.failure-error { border-left-style: dotted; border-left-color: var(--error); }
details.failure > summary { cursor: pointer; padding: .6rem 0; font-weight: 600; }
.message { font-weight: 600; }
.diagram { overflow-x: auto; border: 1px solid var(--line); background: #fff; margin: .4rem 0; }
.legend { font-size: 13px; color: var(--muted); margin: .2rem 0 .8rem; }
.diff td, .diff th { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.replay { display: flex; gap: .6rem; align-items: flex-start; flex-wrap: wrap; }
.replay pre { flex: 1 1 30rem; margin: 0; }
button.copy { font: inherit; padding: .3rem .8rem; border: 2px solid var(--fg); border-radius: 4px; background: #fff; cursor: pointer; }
.copied { font-size: 13px; color: var(--muted); }
svg.sequence { display: block; }
svg.sequence text { font: 12px ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; fill: var(--fg); }
svg.sequence .lane-head rect { fill: var(--soft); stroke: var(--fg); }
svg.sequence .lane-head text { font-weight: 600; text-anchor: middle; }
svg.sequence .lane-line { stroke: #8a8a8a; stroke-dasharray: 3 3; }
svg.sequence .arrow line { stroke: var(--fg); stroke-width: 1.5; }
svg.sequence .arrow.read line, svg.sequence .arrow.eof line { stroke: var(--read); }
svg.sequence .arrow.barrier text { fill: var(--muted); }
svg.sequence .arrow.missing line { stroke: var(--fail); stroke-dasharray: 7 5; }
svg.sequence .arrow.missing text { fill: var(--fail); font-style: italic; }
svg.sequence .arrow.failing line { stroke-width: 3.5; }
svg.sequence .time, svg.sequence .aside, svg.sequence .gap { fill: var(--muted); }
svg.sequence .aside { font-style: italic; }
svg.sequence .fail-mark rect { fill: #fdecea; fill-opacity: .7; stroke: var(--fail); stroke-width: 1.5; }
svg.sequence .fail-mark text { fill: var(--fail); font-weight: 700; }
svg.sequence .head { fill: var(--fg); }
svg.sequence .head-read { fill: var(--read); }
svg.sequence .head-missing { fill: none; stroke: var(--fail); stroke-width: 1.5; }
.class-table td.cell, .class-table th.test { text-align: center; }
.class-table th.test { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 600; white-space: nowrap; }
.class-table td.cell a { text-decoration: none; display: inline-block; min-width: 1.6rem; }
@media print {
  body { max-width: none; padding: 0; }
  button.copy, .copied { display: none; }
  details > summary { list-style: none; }
  details::details-content { content-visibility: visible; display: contents; }
  details.failure { break-inside: auto; }
  .diagram { overflow: visible; border: none; }
  a { color: inherit; }
}
`;
