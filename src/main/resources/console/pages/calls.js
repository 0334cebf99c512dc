import { api, botPath, query, stream } from '../api.js';
import { el, clear, problem, statusBadge, time, append } from '../dom.js';
import { perMinuteChart, legend } from '../chart.js';

const COLUMNS = ['id', 'received', 'status', 'command', 'request', 'ms', 'origin'];

/** Newest first, with filters, a per-minute chart and the live tail prepending calls as they commit. */
export async function callsPage(main, { botId, signal }) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const filters = {
    status: el('input', { name: 'status', id: 'filter-status', placeholder: '503 or 5xx', size: 8, value: params.get('status') || '' }),
    command: el('input', { name: 'command', id: 'filter-command', placeholder: '/onPay', size: 14, value: params.get('command') || '' }),
    from: el('input', { name: 'from', id: 'filter-from', type: 'datetime-local', value: params.get('from') || '' }),
    to: el('input', { name: 'to', id: 'filter-to', type: 'datetime-local', value: params.get('to') || '' }),
  };
  const form = el('form', { id: 'call-filters', className: 'filters' },
    el('label', {}, 'Status ', filters.status), el('label', {}, 'Command ', filters.command),
    el('label', {}, 'From ', filters.from), el('label', {}, 'To ', filters.to),
    el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = Object.fromEntries(Object.entries(filters).map(([name, input]) => [name, input.value.trim()]));
    location.hash = `#/bots/${botId}/calls` + query(values);
  });
  const liveState = el('span', { id: 'live-state', className: 'live off' }, 'connecting…');
  const chartBox = el('div', { id: 'chart-box' });
  const message = el('div');
  const body = el('tbody', { id: 'calls' });
  const more = el('button', { type: 'button', id: 'more-calls', hidden: true }, 'Older calls');
  main.append(el('h1', {}, 'Calls ', liveState), chartBox, form, message,
    el('table', { className: 'calls' }, el('thead', {}, el('tr', {}, COLUMNS.map(c => el('th', {}, c)))), body), more);

  const apiFilters = {
    status: filters.status.value.trim(), command: filters.command.value.trim(),
    from: isoOrEmpty(filters.from.value), to: isoOrEmpty(filters.to.value),
  };
  let before = null;
  const load = async () => {
    try {
      const page = await api('GET', botPath(botId, '/calls') + query({ ...apiFilters, before, limit: 50 }));
      if (signal.aborted) return;
      append(body, page.calls.map(call => row(botId, call)));
      before = page.next_before;
      more.hidden = before == null;
      if (!page.calls.length && !body.children.length) body.append(el('tr', { className: 'empty' }, el('td', { colspan: COLUMNS.length }, 'No calls yet.')));
    } catch (error) {
      message.append(problem(error));
    }
  };
  more.addEventListener('click', load);
  await load();
  loadChart(botId, chartBox, signal);

  // A call that commits now is newer than any listed, so it goes on top when it matches the filters.
  const matches = call => (!apiFilters.status || statusMatches(apiFilters.status, call.status))
    && (!apiFilters.command || call.command === apiFilters.command || (call.command || '').startsWith(apiFilters.command + ' '))
    && !apiFilters.to;
  let chartRefresh = null;
  stream(botPath(botId, '/calls/stream'), (name, call) => {
    if (name !== 'call') return;
    // The chart counts every call: redrawn from the API, at most once a second however many arrive.
    chartRefresh ??= setTimeout(() => {
      chartRefresh = null;
      if (!signal.aborted) loadChart(botId, chartBox, signal);
    }, 1000);
    if (!matches(call)) return;
    body.querySelector('tr.empty')?.remove();
    const fresh = row(botId, call);
    fresh.classList.add('fresh');
    body.prepend(fresh);
  }, (state, error) => {
    liveState.className = 'live ' + (state === 'live' ? 'on' : 'off');
    liveState.textContent = state === 'live' ? 'live' : state === 'closed' ? 'not live' : 'reconnecting…';
    liveState.title = error ? error.message : '';
  }, signal);
}

async function loadChart(botId, box, signal) {
  try {
    const data = await api('GET', botPath(botId, '/calls/per-minute?minutes=60'));
    if (signal.aborted) return;
    clear(box).append(perMinuteChart(data.minutes, 60), legend());
  } catch (error) {
    clear(box).append(el('p', { className: 'muted' }, 'Per-minute counts are not available: ', error.message));
  }
}

function row(botId, call) {
  const open = () => { location.hash = `#/bots/${botId}/calls/${call.id}`; };
  return el('tr', { 'data-call': call.id, className: 'clickable', tabindex: 0, onclick: open,
    onkeydown: event => { if (event.key === 'Enter') open(); } },
    el('td', {}, el('a', { href: `#/bots/${botId}/calls/${call.id}` }, String(call.id))),
    el('td', {}, time(call.received_at)),
    el('td', {}, statusBadge(call.status)),
    el('td', { className: 'command' }, call.command || ''),
    el('td', { className: 'request' }, call.method ? call.method + ' ' + shortBody(call.request_body) : ''),
    el('td', {}, String(call.duration_ms)),
    el('td', {}, call.origin + (call.replay_of ? ' (replay of ' + call.replay_of + ')' : '')));
}

function shortBody(body) {
  if (!body) return '';
  return body.length > 60 ? body.slice(0, 60) + '…' : body;
}

function statusMatches(filter, status) {
  return /xx$/i.test(filter) ? String(status).charAt(0) === filter.charAt(0) : String(status) === filter;
}

function isoOrEmpty(local) {
  return local ? new Date(local).toISOString() : '';
}
