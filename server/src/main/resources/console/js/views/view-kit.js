// Small helpers shared by the person, zone, board, procuratorate and audit views.
// No framework: elements are built with el(); text always goes in as text nodes (never innerHTML),
// so names and free text from the server cannot inject markup, and no inline style attribute is
// written (the console's Content-Security-Policy forbids them).

const loaded = new Map();

/** Links a stylesheet once (views.css, vendor CSS). */
export function ensureCss(href) {
  const url = new URL(href, import.meta.url).href;
  if (!Array.from(document.querySelectorAll('link[rel="stylesheet"]')).some(l => l.href === url)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    document.head.appendChild(link);
  }
}

/** Loads a classic script once (Leaflet plugins expect the global L); resolves when it has run. */
export function ensureScript(href) {
  const url = new URL(href, import.meta.url).href;
  if (!loaded.has(url) && Array.from(document.scripts).some(s => s.src === url)) {
    loaded.set(url, Promise.resolve()); // index.html has it already
  }
  if (!loaded.has(url)) {
    loaded.set(url, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = url;
      s.onload = () => resolve();
      s.onerror = () => {
        loaded.delete(url);
        reject(new Error('could not load ' + url));
      };
      document.head.appendChild(s);
    }));
  }
  return loaded.get(url);
}

/** Our own stylesheet, linked by every view of this set. */
export function viewStyles() {
  ensureCss('../../css/views.css');
}

/**
 * el('div', {class: 'x', dataset: {test: 'y'}, onclick: fn}, child, 'text', [more]) → HTMLElement.
 * Attributes: class, dataset, on* handlers, boolean false/null skipped; children flattened.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'test') node.dataset.test = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'value') node.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'required') node[k] = !!v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** An SVG element (the board chart). */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'test') node.setAttribute('data-test', v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Replaces a container's content. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A problem from the API as one line for the user: its detail, else its title, else the message. */
export function problemText(err) {
  if (!err) return '';
  const p = err.problem || {};
  return p.detail || err.detail || p.title || err.message || String(err);
}

/** Whether the error is the API answering this status. */
export function isStatus(err, status) {
  return !!err && (err.status === status || (err.problem && err.problem.status === status));
}

/** Runs an API call; on failure returns {error} instead of throwing, so one failed panel spares the others. */
export async function settle(promise) {
  try {
    return {value: await promise};
  } catch (error) {
    return {error};
  }
}

// Shanghai has had no daylight saving since 1991: a fixed +08:00 offset converts wall time exactly.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** An instant as the value of an <input type="datetime-local"> in Asia/Shanghai ("2026-12-03T08:30"). */
export function toShanghaiInput(date) {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Asia/Shanghai wall time → ISO-8601 instant with its offset. */
export function fromShanghaiInput(value) {
  if (!value) return null;
  const withSeconds = value.length === 16 ? value + ':00' : value;
  return withSeconds + '+08:00';
}

/** The current month in Asia/Shanghai, shifted by delta months ("2026-11"). */
export function shanghaiMonth(delta = 0) {
  const d = new Date(Date.now() + SHANGHAI_OFFSET_MS);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1));
  return m.toISOString().slice(0, 7);
}

/** Today's date in Asia/Shanghai ("2026-12-03"). */
export function shanghaiToday() {
  return new Date(Date.now() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** A labelled field for forms and filter bars. */
export function field(label, control, extraClass) {
  return el('label', {class: 'vk-field' + (extraClass ? ' ' + extraClass : '')},
    el('span', {class: 'vk-label'}, label), control);
}

/** <select> with [value, label] options. */
export function select(options, value, attrs) {
  return el('select', attrs || {}, options.map(([v, label]) => el('option', {value: v, selected: v === value}, label)));
}

/** A section with a heading, as panels on a page. */
export function panel(title, test, ...children) {
  return el('section', {class: 'vk-panel', test}, el('h2', {class: 'vk-panel-title'}, title), ...children);
}

/** A simple table: header labels and rows (arrays of cells, each a node or text). */
export function table(headers, rows, attrs) {
  return el('table', Object.assign({class: 'vk-table'}, attrs || {}),
    el('thead', null, el('tr', null, headers.map(h => el('th', null, h)))),
    el('tbody', null, rows));
}

/** A small coloured label. */
export function badge(text, kind, test) {
  return el('span', {class: 'vk-badge vk-badge-' + (kind || 'plain'), test}, text);
}

/** Saves text as a file the user downloads (export GeoJSON). */
export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = el('a', {href: url, download: filename, class: 'vk-hidden'});
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * A modal dialog (<dialog>) with a form; resolves with the form's values when submitted, or null when
 * cancelled. `build(form)` adds the fields; the browser enforces `required`/`maxlength` before submit.
 */
export function formDialog({title, build, submitLabel, cancelLabel, test}) {
  return new Promise(resolve => {
    const form = el('form', {method: 'dialog', class: 'vk-dialog-form'});
    const dialog = el('dialog', {class: 'vk-dialog', test}, el('h3', null, title), form);
    build(form);
    const cancel = el('button', {type: 'button', class: 'vk-button', test: (test || 'dialog') + '-cancel'}, cancelLabel);
    const ok = el('button', {type: 'submit', class: 'vk-button vk-primary', test: (test || 'dialog') + '-submit'}, submitLabel);
    form.appendChild(el('div', {class: 'vk-dialog-buttons'}, cancel, ok));
    let result = null;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', () => {
      result = Object.fromEntries(new FormData(form).entries());
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}
