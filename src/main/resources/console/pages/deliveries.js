import { api, botPath } from '../api.js';
import { el, clear, confirmButton, problem, table, time } from '../dom.js';

/** The outbox (status, attempts, next attempt, the chat API's error, Retry) and the scheduled runs (Cancel). */
export async function deliveriesPage(main, { botId, signal }) {
  const messagesBox = el('div', { id: 'messages' });
  const runsBox = el('div', { id: 'scheduled-runs' });
  main.append(el('h1', {}, 'Deliveries'), el('h2', {}, 'Outgoing messages'), messagesBox, el('h2', {}, 'Scheduled runs'), runsBox);
  const loadMessages = async () => {
    const { messages } = await api('GET', botPath(botId, '/messages?limit=100'));
    if (signal.aborted) return;
    clear(messagesBox).append(messages.length ? table([
      { title: 'id', value: m => String(m.id) },
      { title: 'created', value: m => time(m.created_at) },
      { title: 'chat', value: m => m.chat_id || (m.user_id == null ? '' : String(m.user_id)) },
      { title: 'method', value: m => m.method || '' },
      { title: 'text', value: m => m.text || '', className: 'text' },
      { title: 'status', value: m => el('span', { className: 'delivery ' + m.status }, m.status) },
      { title: 'attempts', value: m => String(m.attempts) },
      { title: 'next attempt', value: m => time(m.next_attempt_at) },
      { title: 'error', value: m => m.last_error ?? m.error ?? '', className: 'error' },
      { title: '', value: m => m.status === 'failed' ? el('button', { type: 'button', className: 'retry', onclick: event => act(event.target, () => api('POST', botPath(botId, `/messages/${m.id}/retry`)), loadMessages) }, 'Retry') : '' },
    ], messages, m => ({ 'data-message': m.id, 'data-status': m.status })) : el('p', { className: 'muted' }, 'No messages.'));
  };
  const loadRuns = async () => {
    const { scheduled_runs: runs } = await api('GET', botPath(botId, '/scheduled-runs?limit=100'));
    if (signal.aborted) return;
    clear(runsBox).append(runs.length ? table([
      { title: 'id', value: r => String(r.id) },
      { title: 'command', value: r => r.command },
      { title: 'run at', value: r => time(r.run_at) },
      { title: 'status', value: r => r.status },
      { title: 'attempts', value: r => String(r.attempts) },
      { title: 'error', value: r => r.error || '', className: 'error' },
      { title: 'call', value: r => r.call_id == null ? '' : el('a', { href: `#/bots/${botId}/calls/${r.call_id}` }, String(r.call_id)) },
      { title: '', value: r => r.status === 'pending' ? confirmButton('Cancel', 'Confirm cancel', () => act(null, () => api('POST', botPath(botId, `/scheduled-runs/${r.id}/cancel`)), loadRuns), { className: 'cancel' }) : '' },
    ], runs, r => ({ 'data-run': r.id, 'data-status': r.status })) : el('p', { className: 'muted' }, 'No scheduled runs.'));
  };

  /** Runs an action, shows its problem next to the button if it fails, and reloads the list. */
  async function act(button, action, reload) {
    if (button) button.disabled = true;
    try {
      await action();
      await reload();
    } catch (error) {
      main.append(problem(error));
      if (button) button.disabled = false;
    }
  }

  await Promise.all([loadMessages(), loadRuns()]);
}
