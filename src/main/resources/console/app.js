import { api, ApiError, session, botPath } from './api.js';
import { el, clear, link, problem, table, time } from './dom.js';
import { callsPage } from './pages/calls.js';
import { callPage } from './pages/call.js';
import { commandsPage } from './pages/commands.js';
import { deliveriesPage } from './pages/deliveries.js';
import { settingsPage } from './pages/settings.js';
import { refusedPage } from './pages/refused.js';
import { panelsPage } from './pages/panels.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

/** Each page gets the bot id, the rest of the route and a signal that aborts its work when the route changes. */
const BOT_PAGES = [
  { pattern: /^calls\/(\d+)$/, page: callPage },
  { pattern: /^calls$/, page: callsPage, tab: 'calls' },
  { pattern: /^commands(?:\/(.+))?$/, page: commandsPage, tab: 'commands' },
  { pattern: /^deliveries$/, page: deliveriesPage, tab: 'deliveries' },
  { pattern: /^settings$/, page: settingsPage, tab: 'settings' },
  { pattern: /^refused$/, page: refusedPage, tab: 'refused' },
  { pattern: /^panels$/, page: panelsPage, tab: 'panels' },
];
const TABS = [['calls', 'Calls'], ['commands', 'Commands'], ['deliveries', 'Deliveries'], ['refused', 'Refused calls'], ['panels', 'Admin panels'],
  ['settings', 'Settings']];

let current = new AbortController();

async function route() {
  current.abort();
  current = new AbortController();
  const signal = current.signal;
  const hash = decodeURI(location.hash.replace(/^#\/?/, '').split('?')[0]);
  clear(main);
  renderChrome();
  if (!session.token) {
    if (hash !== 'signin') { location.hash = '#/signin'; return; }
    return signInPage();
  }
  if (hash === 'signin' || hash === '') {
    location.hash = session.botId ? `#/bots/${session.botId}/calls` : '#/bots';
    return;
  }
  if (hash === 'bots') return botsPage(signal);
  const botRoute = /^bots\/(\d+)\/(.*)$/.exec(hash);
  if (botRoute) {
    const [, botId, rest] = botRoute;
    session.pickBot(botId);
    renderChrome(botId);
    for (const { pattern, page, tab } of BOT_PAGES) {
      const match = pattern.exec(rest);
      if (match) {
        markTab(tab);
        try {
          await page(main, { botId, args: match.slice(1), signal, admin: isAdmin() });
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof ApiError && error.status === 401) { session.signOut(); location.hash = '#/signin'; return; }
          main.append(problem(error));
        }
        return;
      }
    }
  }
  main.append(el('p', {}, 'No such page. ', link('/bots/' + (session.botId || '') + '/calls', 'Back to the calls')));
}

function isAdmin() {
  return sessionStorage.getItem('console.admin') === 'true';
}

function renderChrome(botId) {
  clear(nav);
  clear(who);
  if (!session.token) return;
  if (botId) {
    nav.append(...TABS.map(([tab, title]) => el('a', { href: `#/bots/${botId}/${tab}`, 'data-tab': tab }, title)));
    who.append(`bot ${botId} `);
  }
  if (isAdmin()) who.append(link('/bots', 'all bots'), ' ');
  who.append(el('button', { type: 'button', id: 'sign-out', onclick: () => { session.signOut(); sessionStorage.removeItem('console.admin'); location.hash = '#/signin'; } }, 'Sign out'));
}

function markTab(tab) {
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.tab === tab);
}

function signInPage() {
  const token = el('input', { id: 'token', type: 'password', autocomplete: 'off', required: true, size: 50 });
  const botId = el('input', { id: 'bot-id', type: 'number', min: 1, placeholder: 'with a bot key' });
  const message = el('div', { id: 'sign-in-message' });
  const form = el('form', { id: 'sign-in', className: 'card' },
    el('h1', {}, 'Sign in'),
    el('p', { className: 'muted' }, 'With a bot\'s API key and its id, or with the platform admin token. The token stays in this tab only (sessionStorage) and is sent as a bearer header.'),
    el('label', {}, 'API key or admin token ', token),
    el('label', {}, 'Bot id ', botId),
    el('button', { type: 'submit', id: 'sign-in-button' }, 'Sign in'),
    message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clear(message);
    const candidate = token.value.trim();
    try {
      // GET /bots answers a bot's key too (with its own bot), so it checks the token, not the role: a bot's API key
      // is the one that starts with bwk_ (the API issues them so); only the admin token may list every bot.
      const listed = await api('GET', '/bots?limit=1', undefined, candidate).then(() => true, error => {
        if (error instanceof ApiError && error.status === 403) return false;
        throw error;
      });
      const admin = listed && !candidate.startsWith('bwk_');
      if (!admin && !botId.value) {
        message.append(problem(new Error('this is a bot\'s API key: give the bot\'s id too')));
        return;
      }
      if (botId.value) await api('GET', botPath(botId.value), undefined, candidate);
      session.signIn(candidate);
      sessionStorage.setItem('console.admin', String(admin));
      location.hash = botId.value ? `#/bots/${botId.value}/calls` : '#/bots';
    } catch (error) {
      message.append(problem(error instanceof ApiError && error.status === 401
        ? new Error('the token is not valid') : error instanceof ApiError && error.status === 404
          ? new Error('this key does not manage bot ' + botId.value) : error));
    }
  });
  main.append(form);
  token.focus();
}

async function botsPage(signal) {
  const list = el('div', { id: 'bots' });
  main.append(el('h1', {}, 'Bots'), list);
  let before = null;
  const more = el('button', { type: 'button', id: 'more-bots' }, 'More');
  const load = async () => {
    try {
      const page = await api('GET', '/bots?limit=50' + (before ? '&before=' + before : ''));
      if (signal.aborted) return;
      list.append(table([
        { title: 'id', value: bot => link(`/bots/${bot.id}/calls`, String(bot.id)) },
        { title: 'name', value: bot => link(`/bots/${bot.id}/calls`, bot.name) },
        { title: 'created', value: bot => time(bot.created_at) },
      ], page.bots, bot => ({ 'data-bot': bot.id })));
      before = page.next_before;
      more.hidden = before == null;
    } catch (error) {
      list.append(problem(error instanceof ApiError && error.status === 403
        ? new Error('only the admin token lists bots; sign in with a bot id') : error));
      more.hidden = true;
    }
  };
  more.addEventListener('click', load);
  main.append(more);
  await load();
}

window.addEventListener('hashchange', route);
route();
