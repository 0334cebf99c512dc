import { api, botPath } from '../api.js';
import { el, clear, problem } from '../dom.js';

const MASK = '***';

/** One input per field, of its type; a password field starts empty and is sent only when typed into. */
function input(panelName, field) {
  const id = `panel-${panelName}-${field.name}`;
  const value = field.value;
  if (field.type === 'checkbox') {
    const box = el('input', { type: 'checkbox', id, name: field.name });
    box.checked = value === true;
    return box;
  }
  if (field.type === 'text') {
    const area = el('textarea', { id, name: field.name, rows: 3, cols: 60, placeholder: field.placeholder });
    area.value = value == null ? '' : String(value);
    return area;
  }
  const type = field.type === 'integer' || field.type === 'float' ? 'number'
    : field.type === 'password' ? 'password' : 'text';
  const box = el('input', { type, id, name: field.name, size: 50, placeholder: field.type === 'password' && value === MASK
    ? 'set (type to replace)' : field.placeholder, step: field.type === 'float' ? 'any' : null });
  box.value = value == null || value === MASK ? '' : String(value);
  return box;
}

/** The field's value as the API takes it, or undefined when the owner did not change it. */
function changed(field, box) {
  if (field.type === 'checkbox') return box.checked === (field.value === true) ? undefined : box.checked;
  const text = box.value;
  if (field.type === 'password') return text === '' ? undefined : text;
  const original = field.value == null ? '' : String(field.value);
  if (text === original) return undefined;
  if (text === '') return null;
  if (field.type === 'integer' || field.type === 'float') return Number(text);
  return text;
}

function panelForm(botId, panel) {
  const message = el('div', { className: 'panel-message' });
  const inputs = new Map();
  const form = el('form', { className: 'card panel', 'data-panel': panel.panel_name },
    el('h2', {}, panel.title || panel.panel_name),
    panel.description ? el('p', { className: 'muted' }, panel.description) : null,
    (panel.fields || []).filter(field => !field.hidden).map(field => {
      const box = input(panel.panel_name, field);
      inputs.set(field.name, [field, box]);
      return el('label', { className: 'setting' }, field.title || field.name,
        field.description ? el('span', { className: 'muted' }, ' ' + field.description) : null, box);
    }),
    el('button', { type: 'submit', id: `save-panel-${panel.panel_name}` }, panel.button_title || 'Save'), message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clear(message);
    const values = {};
    for (const [name, [field, box]] of inputs) {
      const value = changed(field, box);
      if (value !== undefined) values[name] = value;
    }
    if (!Object.keys(values).length) {
      message.append(el('p', { className: 'muted' }, 'Nothing changed.'));
      return;
    }
    try {
      const saved = await api('PATCH', botPath(botId, '/admin-panels/' + encodeURIComponent(panel.panel_name)), { values });
      form.replaceWith(panelForm(botId, saved));
      document.querySelector(`form[data-panel="${CSS.escape(saved.panel_name)}"] .panel-message`)
        .append(el('p', { className: 'ok' }, 'Saved.'));
    } catch (error) {
      message.append(problem(error));
    }
  });
  return form;
}

/** BB's Admin Panels: the forms the bot defined with AdminPanel.setPanel, filled here by its owner. */
export async function panelsPage(main, { botId, signal }) {
  const { panels } = await api('GET', botPath(botId, '/admin-panels'));
  if (signal.aborted) return;
  main.append(el('h1', {}, 'Admin panels'));
  if (!panels.length) {
    main.append(el('p', { className: 'muted', id: 'no-panels' },
      'No panels yet: a command defines one with AdminPanel.setPanel({panel_name, data: {title, fields}}).'));
    return;
  }
  main.append(...panels.map(panel => panelForm(botId, panel)));
}
