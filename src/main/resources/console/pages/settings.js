import { api, botPath } from '../api.js';
import { el, clear, confirmButton, dl, json, problem, time } from '../dom.js';

const SETTINGS = [
  ['rate_limit', 'Rate limit'], ['allowed_ips', 'Allowed IPs'], ['ban_exempt_ips', 'Ban-exempt IPs'],
  ['idempotency', 'Idempotency'], ['signature', 'Provider signature'], ['cors', 'CORS'], ['link_previews', 'Link previews'],
  ['telegram_token', 'Chat (Telegram) token'],
];

/** The bot's settings as the API shows them (secrets masked), edited as JSON; rotations of the secret and the key. */
export async function settingsPage(main, { botId, signal, admin }) {
  const bot = await api('GET', botPath(botId));
  if (signal.aborted) return;
  const message = el('div', { id: 'settings-message' });
  const fields = new Map();
  const form = el('form', { id: 'settings', className: 'card' },
    el('p', { className: 'muted' }, 'Each setting as JSON; empty removes it. Secrets are shown masked: a masked value left as it is stays unchanged.'),
    SETTINGS.map(([key, title]) => {
      const area = el('textarea', { id: 'setting-' + key, name: key, rows: 3, cols: 70, spellcheck: false });
      area.value = bot.settings && bot.settings[key] !== undefined ? json(bot.settings[key]) : '';
      area.dataset.original = area.value;
      fields.set(key, area);
      return el('label', { className: 'setting' }, title, area);
    }),
    el('button', { type: 'submit', id: 'save-settings' }, 'Save settings'), message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clear(message);
    const patch = {};
    for (const [key, area] of fields) {
      if (area.value === area.dataset.original) continue;
      try {
        patch[key] = area.value.trim() ? JSON.parse(area.value) : null;
      } catch (malformed) {
        message.append(problem(new Error(`${key} is not JSON: ${malformed.message}`)));
        return;
      }
    }
    if (!Object.keys(patch).length) {
      message.append(el('p', { className: 'muted' }, 'Nothing changed.'));
      return;
    }
    try {
      await api('PATCH', botPath(botId), patch);
      location.reload();
    } catch (error) {
      message.append(problem(error));
    }
  });

  const rotations = el('div', { id: 'rotations', className: 'card' }, el('h2', {}, 'Secrets'));
  const rotated = el('div', { id: 'rotated' });
  rotations.append(
    el('p', {}, 'Rotating the webhook secret makes every URL made so far stop working.'),
    confirmButton('Rotate webhook secret', 'Confirm: every URL stops working', async () => {
      clear(rotated);
      try {
        await api('POST', botPath(botId, '/webhook-secret/rotate'));
        rotated.append(el('p', { className: 'ok' }, 'Webhook secret rotated: make new URLs.'));
      } catch (error) {
        rotated.append(problem(error));
      }
    }, { id: 'rotate-secret' }));
  if (admin) {
    rotations.append(
      el('p', {}, 'Reissuing the API key stops the old key at once; the new one is shown here once.'),
      confirmButton('Reissue API key', 'Confirm: the old key stops working', async () => {
        clear(rotated);
        try {
          const issued = await api('POST', botPath(botId, '/api-key/rotate'));
          const shown = el('input', { readonly: true, id: 'new-api-key', size: 50 });
          shown.value = issued.api_key;
          rotated.append(el('p', {}, 'New API key (copy it now, it is not shown again): '), shown);
        } catch (error) {
          rotated.append(problem(error));
        }
      }, { id: 'rotate-key' }));
  }
  rotations.append(rotated);
  main.append(el('h1', {}, 'Settings'),
    dl([['id', String(bot.id)], ['name', bot.name], ['created', time(bot.created_at)]]), form, rotations);
}
