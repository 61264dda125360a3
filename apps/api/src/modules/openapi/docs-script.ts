// The reference page's script, as text: served by this server as /api/docs/reference.js, so the
// page needs no bundle, no CDN and no network beyond this server. DOM is built with textContent only.
export const DOCS_SCRIPT = String.raw`
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
};
const pretty = (value) => JSON.stringify(value, null, 2);

// Descriptions are written in a little Markdown (paragraphs, "- " lists, \`code\`, **bold**):
// rendered into nodes, never through innerHTML, so a description cannot inject markup.
function inline(text) {
  const nodes = [];
  for (const [i, part] of text.split('\x60').entries()) {
    if (i % 2 === 1) { nodes.push(el('code', {}, part)); continue; }
    for (const [j, piece] of part.split('**').entries()) nodes.push(j % 2 === 1 ? el('strong', {}, piece) : piece);
  }
  return nodes;
}
function rendered(text, className) {
  const out = [];
  for (const block of (text || '').split('\n\n')) {
    if (!block.trim()) continue;
    const lines = block.split('\n');
    if (lines.every((line) => line.startsWith('- ')))
      out.push(el('ul', { class: className }, ...lines.map((line) => el('li', {}, ...inline(line.slice(2))))));
    else out.push(el('p', { class: className }, ...inline(lines.join(' '))));
  }
  return out;
}
// A JSON block can be wider than the screen: it scrolls inside itself, so it is a named region
// that keyboard users can reach and scroll.
const jsonBlock = (label, value) => el('pre', { tabindex: '0', role: 'region', 'aria-label': label }, pretty(value));
const refName = (ref) => ref.split('/').pop();
let counter = 0;

function schemaBlock(label, schema) {
  const block = el('details', {}, el('summary', {}, label), jsonBlock(label + ' schema', schema));
  if (schema && schema.$ref) block.append(el('p', {}, 'See ', el('a', { href: '#schema-' + refName(schema.$ref) }, refName(schema.$ref))));
  return block;
}

function tryIt(base, path, method, op) {
  const form = el('form', { class: 'try' });
  const fields = [];
  for (const p of op.parameters || []) {
    const id = 'f' + ++counter;
    const input = el('input', { id, name: p.name, ...(p.required ? { required: '' } : {}) });
    fields.push({ p, input });
    form.append(el('label', { for: id }, p.name + ' (' + p.in + (p.required ? ', required' : '') + ')'), input);
  }
  let body;
  if (op.requestBody) {
    const id = 'f' + ++counter;
    body = el('textarea', { id, rows: '6' }, '{}');
    form.append(el('label', { for: id }, 'JSON body'), body);
  }
  const out = el('pre', { 'aria-live': 'polite', class: 'out', tabindex: '0', role: 'region', 'aria-label': 'Response' });
  form.append(el('button', { type: 'submit' }, 'Send ' + method.toUpperCase()), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let url = path;
    const query = new URLSearchParams();
    for (const { p, input } of fields) {
      if (p.in === 'path') url = url.replace('{' + p.name + '}', encodeURIComponent(input.value));
      else if (input.value !== '') query.set(p.name, input.value);
    }
    const headers = { accept: 'application/json' };
    const key = document.getElementById('api-key').value.trim();
    if (key) headers.authorization = 'Bearer ' + key;
    if (body) headers['content-type'] = 'application/json';
    out.textContent = 'Sending…';
    try {
      const res = await fetch(base + url + (query.size ? '?' + query : ''), {
        method: method.toUpperCase(), headers, credentials: 'omit', ...(body ? { body: body.value } : {}),
      });
      const text = await res.text();
      let shown = text;
      try { shown = pretty(JSON.parse(text)); } catch {}
      out.textContent = res.status + ' ' + res.statusText + '\n' + shown;
    } catch (error) {
      out.textContent = 'Request failed: ' + error.message;
    }
  });
  return el('details', {}, el('summary', {}, 'Try it'), form);
}

function operation(base, path, method, op) {
  const section = el('section', { 'aria-labelledby': op.operationId, class: 'op' });
  section.append(el('h3', { id: op.operationId }, el('span', { class: 'method ' + method }, method.toUpperCase()), ' ', el('code', {}, path)));
  section.append(...rendered(op.summary));
  section.append(...rendered(op.description, 'note'));
  if ((op.parameters || []).length) {
    const rows = op.parameters.map((p) => el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in), el('td', {}, p.required ? 'yes' : 'no'), el('td', {}, el('code', {}, JSON.stringify(p.schema))), el('td', {}, ...inline(p.description || ''))));
    section.append(el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Parameters of ' + op.operationId }, el('table', {}, el('caption', {}, 'Parameters'), el('thead', {}, el('tr', {}, ...['Name', 'In', 'Required', 'Schema', 'Description'].map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, ...rows))));
  }
  if (op.requestBody) section.append(schemaBlock('Request body', op.requestBody.content['application/json'].schema));
  for (const [status, response] of Object.entries(op.responses)) {
    const schema = response.content && response.content['application/json'].schema;
    section.append(schema ? schemaBlock(status + ': ' + response.description, schema) : el('p', {}, status + ': ' + response.description));
  }
  section.append(tryIt(base, path, method, op));
  return section;
}

async function main() {
  const root = document.getElementById('operations');
  const res = await fetch('/api/v1/openapi.json', { credentials: 'omit' });
  const doc = await res.json();
  const base = doc.servers[0].url;
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
  document.getElementById('intro').replaceChildren(...rendered(doc.info.description));
  root.textContent = '';
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) root.append(operation(base, path, method, op));
  const schemas = document.getElementById('schemas');
  for (const [name, schema] of Object.entries(doc.components.schemas))
    schemas.append(el('section', { id: 'schema-' + name }, el('h3', {}, name), jsonBlock(name + ' schema', schema)));
}
main().catch((error) => { document.getElementById('operations').textContent = 'Could not load the API description: ' + error.message; });
`;
