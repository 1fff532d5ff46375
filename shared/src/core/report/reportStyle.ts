/** The page's style sheet: plain CSS, inline, nothing loaded. */
const REPORT_STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 48px; color: #222; }
h1 { font-size: 22px; margin: 20px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
h4 { font-size: 13px; margin: 12px 0 4px; color: #444; }
nav a { margin-right: 12px; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
.muted { color: #666; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
.chart { position: relative; height: 300px; }
.tree-box { overflow-x: auto; border: 1px solid #eee; }
.legend .scale { display: inline-block; width: 120px; height: 10px; vertical-align: middle; }
.legend .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; vertical-align: middle; }
.legend .swatch.rejected { border: 2px dashed #9e9e9e; width: 7px; height: 7px; }
pre.diff, pre.feedback { background: #f7f7f7; padding: 8px; overflow-x: auto; font-size: 12px; }
pre.diff .add { color: #116329; background: #dafbe1; }
pre.diff .del { color: #82071e; background: #ffebe9; }
pre.diff .hunk { color: #0550ae; }
pre.diff .file { font-weight: 600; }
details.program { border: 1px solid #ddd; border-radius: 4px; margin: 6px 0; padding: 4px 10px; }
details.program.failed > summary .failed { color: #d62728; font-weight: 600; }
details.program > summary { cursor: pointer; }
dl { display: grid; grid-template-columns: 90px 1fr; gap: 2px 12px; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; }
.status { font-weight: 600; padding: 0 4px; border-radius: 3px; }
.status.CRITICAL { background: #ffebe9; color: #82071e; }
.status.NEEDS_IMPROVEMENT { background: #fff8c5; color: #7d4e00; }
.status.STABLE { background: #dafbe1; color: #116329; }
.rejected { color: #7d4e00; }
tr.this-run { font-weight: 600; }
`;

export { REPORT_STYLE };
