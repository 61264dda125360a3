// The reference page's stylesheet, served as a file (the CSP allows no inline style). Its colours,
// type and focus ring are the admin app's (apps/web/src/styles/base.css), so the page reads as
// part of the product; copied rather than imported because the API serves it without a build.
export const DOCS_STYLE = `
:root { --bg: #f4f6f9; --surface: #fff; --border: #dde2ea; --text: #1b2430; --muted: #5b6675;
  --primary: #0b5cab; --focus: #1a73e8; --radius: 8px; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  margin: 0 auto; max-width: 60rem; padding: 0 1rem 2rem; color: var(--text); background: var(--bg); }
.topbar { margin: 0 -1rem 1rem; padding: 0.75rem 1rem; background: #0f1c2e; }
.topbar a { color: #fff; font-weight: 600; }
h1 { font-size: 1.6rem; font-weight: 650; margin: 0 0 0.5rem; } h2 { margin-top: 2rem; }
a { color: var(--primary); }
code, pre { font-family: ui-monospace, monospace; font-size: 0.875rem; }
p code, li code, td code { background: #e8edf4; padding: 0 0.25rem; border-radius: 4px; }
pre { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
  padding: 0.75rem; overflow-x: auto; }
.op, #schemas section { background: var(--surface); border: 1px solid var(--border);
  border-radius: var(--radius); padding: 0.75rem 1rem 1rem; margin: 0 0 1rem; }
h3 { overflow-wrap: anywhere; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; }
.get { color: #1d4ed8; } .post { color: #15803d; } .delete { color: #b91c1c; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5rem 0; background: var(--surface); }
th, td { border: 1px solid var(--border); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: 600; }
summary { cursor: pointer; font-weight: 600; color: var(--primary); }
label { display: block; margin-top: 0.5rem; font-weight: 600; }
input, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.375rem 0.5rem;
  border: 1px solid var(--border); border-radius: 6px; }
button { margin-top: 0.5rem; font: inherit; font-weight: 600; padding: 0.375rem 1rem; color: #fff;
  background: var(--primary); border: 0; border-radius: 6px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.note { color: var(--muted); }
`;
