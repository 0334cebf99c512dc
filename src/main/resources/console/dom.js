// Every value reaches the page as a text node or an attribute value: never as HTML, so data cannot become markup.

/** el('td', {className: 'x'}, 'text', childNode, [more]) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** A link inside the console; hrefs are built from ids and encoded names only. */
export function link(hash, ...children) {
  return el('a', { href: '#' + hash }, ...children);
}

export function table(columns, rows, rowProps = () => ({})) {
  return el('table', {},
    el('thead', {}, el('tr', {}, columns.map(column => el('th', {}, column.title)))),
    el('tbody', {}, rows.map(row => el('tr', rowProps(row), columns.map(column => el('td', { className: column.className }, column.value(row)))))));
}

export function pre(text, props = {}) {
  return el('pre', props, text == null ? '' : text);
}

export function json(value) {
  return value == null ? '' : JSON.stringify(value, null, 2);
}

export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return el('time', { datetime: iso, title: iso }, date.toLocaleString());
}

export function statusBadge(status) {
  const cls = status == null ? 'status' : 'status s' + String(status).charAt(0) + 'xx';
  return el('span', { className: cls }, status == null ? '' : String(status));
}

/** A problem+json (or any error) as a visible message. */
export function problem(error) {
  const body = error && error.problem;
  const parts = [];
  if (error && error.status) parts.push(String(error.status));
  if (body && body.title) parts.push(body.title);
  const detail = body && body.detail ? body.detail : (error && error.message) || String(error);
  const where = body && body.line != null ? ` (line ${body.line}${body.column != null ? ', column ' + body.column : ''})` : '';
  return el('div', { className: 'problem', role: 'alert' },
    el('strong', {}, parts.join(' ') || 'Error'), ' ', detail + where);
}

export function dl(pairs) {
  return el('dl', {}, pairs.filter(([, value]) => value !== undefined).map(([term, value]) => [el('dt', {}, term), el('dd', {}, value == null ? '—' : value)]));
}

export function section(title, ...children) {
  return el('section', {}, el('h2', {}, title), ...children);
}

/** A button that asks for a second click before it acts (no modal dialogs). */
export function confirmButton(label, confirmLabel, action, props = {}) {
  const button = el('button', { type: 'button', ...props }, label);
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      button.textContent = confirmLabel;
      button.classList.add('armed');
      return;
    }
    armed = false;
    button.textContent = label;
    button.classList.remove('armed');
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
