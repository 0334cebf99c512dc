import { api, botPath } from '../api.js';
import { el, clear, dl, json, link, pre, problem, section, statusBadge, time, table } from '../dom.js';
import { effectsView } from '../effects.js';

/** One call: request, answer, error and effects; Replay runs it again and shows the replay beside it. */
export async function callPage(main, { botId, args: [callId], signal }) {
  const call = await api('GET', botPath(botId, '/calls/' + callId));
  if (signal.aborted) return;
  const replayBox = el('div', { id: 'replay', className: 'column' });
  const message = el('div');
  const replay = el('button', { type: 'button', id: 'replay-button', disabled: call.origin !== 'webhook' }, 'Replay');
  replay.addEventListener('click', async () => {
    replay.disabled = true;
    clear(message);
    try {
      const result = await api('POST', botPath(botId, `/calls/${callId}/replay`));
      const again = await api('GET', botPath(botId, '/calls/' + result.call_id));
      clear(replayBox).append(el('h2', {}, 'Replay ', link(`/bots/${botId}/calls/${again.id}`, '#' + again.id)), callView(again, botId));
    } catch (error) {
      message.append(problem(error));
    } finally {
      replay.disabled = call.origin !== 'webhook';
    }
  });
  main.append(
    el('p', {}, link(`/bots/${botId}/calls`, '← Calls')),
    el('h1', {}, 'Call ', String(call.id), ' ', statusBadge(call.status), ' ', replay),
    message,
    el('div', { className: 'compare' },
      el('div', { id: 'original', className: 'column' }, el('h2', {}, 'Original'), callView(call, botId)),
      replayBox));
}

function callView(call, botId) {
  return el('div', { className: 'call', 'data-call': call.id },
    dl([
      ['received', time(call.received_at)],
      ['origin', call.origin],
      ['command', call.command],
      ['user', call.user_id == null ? null : String(call.user_id)],
      ['ip', call.ip],
      ['duration', call.duration_ms + ' ms' + (call.cpu_ms == null ? '' : `, CPU ${call.cpu_ms} ms`)],
      ['replay of', call.replay_of == null ? undefined : link(`/bots/${botId}/calls/${call.replay_of}`, '#' + call.replay_of)],
    ]),
    section('Request',
      el('p', { className: 'request-line' }, el('code', {}, (call.method || '') + ' ' + (call.url || ''))),
      headersTable(call.request_headers),
      body('request-body', call.request_body, call.request_body_base64)),
    section('Answer', el('p', {}, statusBadge(call.status)), body('response-body', call.response_body, call.response_body_base64)),
    call.error || call.error_kind ? section('Error',
      el('p', { className: 'error-kind' }, call.error_kind || ''),
      pre(call.error, { className: 'error-message' }),
      call.error_stack ? pre(call.error_stack, { className: 'error-stack' }) : null) : null,
    section('Effects', effectsView(call.effects)));
}

function headersTable(headers) {
  if (!headers || typeof headers !== 'object') return null;
  const rows = Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map(v => ({ name, value: v })));
  return table([{ title: 'header', value: h => h.name }, { title: 'value', value: h => typeof h.value === 'string' ? h.value : json(h.value) }], rows);
}

function body(className, text, base64) {
  if (text != null) return pre(text, { className: 'body ' + className });
  if (base64 != null) return el('div', {}, el('p', { className: 'muted' }, 'Binary body, base64:'), pre(base64, { className: 'body ' + className }));
  return el('p', { className: 'muted' }, 'No body.');
}
