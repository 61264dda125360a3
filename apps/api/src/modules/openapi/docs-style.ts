// The reference page's stylesheet, served as a file (the CSP allows no inline style).
export const DOCS_STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1a1a1a; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9rem; }
pre { background: #f4f4f5; padding: 0.75rem; overflow-x: auto; }
.op { border-top: 1px solid #d4d4d8; padding: 0.5rem 0 1rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; }
.get { color: #1d4ed8; } .post { color: #15803d; } .delete { color: #b91c1c; }
table { border-collapse: collapse; margin: 0.5rem 0; } th, td { border: 1px solid #d4d4d8; padding: 0.25rem 0.5rem; text-align: left; }
caption { text-align: left; font-weight: 600; }
label { display: block; margin-top: 0.5rem; font-weight: 600; }
input, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.25rem; }
button { margin-top: 0.5rem; font: inherit; padding: 0.25rem 1rem; }
:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
.note { color: #52525b; }
`;
