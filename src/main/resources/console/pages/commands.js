import { api, botPath } from '../api.js';
import { el, append, clear, dl, json, link, pre, problem, section, statusBadge, table, time } from '../dom.js';
import { effectsView } from '../effects.js';

/** The bot's commands; one command's editor (syntax checked on save) and its Test run, which commits nothing. */
export async function commandsPage(main, { botId, args: [encodedName], signal }) {
  const { commands } = await api('GET', botPath(botId, '/commands'));
  if (signal.aborted) return;
  const name = encodedName == null ? null : decodeURIComponent(encodedName);
  const list = el('nav', { id: 'command-list', className: 'side' },
    el('h2', {}, 'Commands'),
    el('ul', {}, commands.map(command => el('li', { className: command.name === name ? 'active' : null },
      el('a', { href: `#/bots/${botId}/commands/${encodeURIComponent(command.name)}`, 'data-command': command.name }, command.name)))),
    link(`/bots/${botId}/commands/` + encodeURIComponent('/new'), '+ New command'));
  const pane = el('div', { className: 'pane' });
  main.append(el('h1', {}, 'Commands'), el('div', { className: 'split' }, list, pane));
  if (name == null) {
    pane.append(commands.length ? el('p', { className: 'muted' }, 'Pick a command to edit or test it.')
      : el('p', { className: 'muted' }, 'No commands yet.'));
    return;
  }
  const existing = commands.find(command => command.name === name);
  // append(), not Element.append, which would show a null as the text "null".
  append(pane, [editor(botId, existing || { name: name === '/new' ? '' : name, code: '' }), existing ? testRun(botId, existing.name) : null]);
}

function editor(botId, command) {
  const name = el('input', { id: 'command-name', value: command.name, size: 30, required: true });
  const code = el('textarea', { id: 'command-code', rows: 16, cols: 80, spellcheck: false });
  code.value = command.code || '';
  const message = el('div', { id: 'save-message' });
  const save = el('button', { type: 'submit', id: 'save-command' }, 'Save');
  const form = el('form', { id: 'command-editor', className: 'card' },
    el('h2', {}, command.name ? 'Edit ' + command.name : 'New command'),
    command.version ? el('p', { className: 'muted' }, `version ${command.version}, saved `, time(command.updated_at)) : null,
    el('label', {}, 'Name ', name), code, el('div', {}, save), message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clear(message);
    save.disabled = true;
    try {
      const saved = await api('POST', botPath(botId, '/commands'), { name: name.value.trim(), code: code.value });
      message.append(el('p', { className: 'ok' }, `Saved ${saved.name}, version ${saved.version}.`));
      if (saved.name !== command.name) location.hash = `#/bots/${botId}/commands/${encodeURIComponent(saved.name)}`;
    } catch (error) {
      message.append(problem(error));
      selectLine(code, error.problem);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

/** Puts the caret on the line a syntax error names ("line N" in the problem, or its line and column fields). */
function selectLine(textarea, body) {
  if (!body) return;
  const line = body.line ?? Number((/line (\d+)/.exec(body.detail || '') || [])[1]);
  if (!line) return;
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + (lines[line - 1] || '').length);
}

function testRun(botId, name) {
  const content = el('textarea', { id: 'test-content', rows: 4, cols: 60, placeholder: 'the request body (content)' });
  const headers = el('textarea', { id: 'test-headers', rows: 3, cols: 60, placeholder: '{"X-Signature": "…"}' });
  const userId = el('input', { id: 'test-user', type: 'number', size: 10 });
  const params = el('textarea', { id: 'test-params', rows: 2, cols: 60, placeholder: '{"ref": "r1"} (added to the URL\'s query: options.params)' });
  const result = el('div', { id: 'test-result' });
  const run = el('button', { type: 'submit', id: 'test-run' }, 'Test run');
  const form = el('form', { id: 'test-run-form', className: 'card' },
    el('h2', {}, 'Test run'),
    el('p', { className: 'muted' }, 'Runs the saved command with this request and shows the answer and the effects it would commit. Nothing is committed.'),
    el('label', {}, 'Body ', content), el('label', {}, 'Headers (JSON object) ', headers),
    el('label', {}, 'User id ', userId), el('label', {}, 'Params (JSON object) ', params), el('div', {}, run), result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clear(result);
    // The API takes headers and params as JSON objects of strings (an unknown shape is its 400).
    const objects = {};
    for (const [field, input] of [['headers', headers], ['params', params]]) {
      try {
        objects[field] = input.value.trim() ? JSON.parse(input.value) : null;
      } catch (malformed) {
        result.append(problem(new Error(field + ' must be a JSON object: ' + malformed.message)));
        return;
      }
    }
    run.disabled = true;
    try {
      const outcome = await api('POST', botPath(botId, `/commands/${encodeURIComponent(name)}/test-run`), {
        content: content.value, headers: objects.headers, user_id: userId.value ? Number(userId.value) : null,
        params: objects.params });
      append(result, [
        dl([['status', statusBadge(outcome.status)], ['committed', String(outcome.committed)]]),
        section('Answer', pre(typeof outcome.answer === 'string' ? outcome.answer : json(outcome.answer), { className: 'test-answer' })),
        outcome.error ? section('Error', pre(outcome.error.message, { className: 'error-message' }), pre(outcome.error.stack, { className: 'error-stack' })) : null,
        section('Effects it would commit', effectsView(outcome.effects))]);
    } catch (error) {
      result.append(problem(error));
    } finally {
      run.disabled = false;
    }
  });
  return form;
}
