import { api, botPath } from '../api.js';
import { el, problem, table, time } from '../dom.js';

/** Calls refused before any script ran (bad signature, expired, rate-limited, banned): counts and the last few. */
export async function refusedPage(main, { botId, signal }) {
  main.append(el('h1', {}, 'Refused calls'),
    el('p', { className: 'muted' }, 'Calls that never reached a command. Bodies are not kept.'));
  let refused;
  try {
    refused = await api('GET', botPath(botId, '/refused-calls'));
  } catch (error) {
    main.append(problem(error));
    return;
  }
  if (signal.aborted) return;
  const counts = Object.entries(refused.counts || {});
  main.append(el('h2', {}, 'By reason'),
    counts.length ? table([{ title: 'reason', value: ([reason]) => reason }, { title: 'count', value: ([, n]) => String(n) }], counts,
      ([reason]) => ({ 'data-reason': reason })) : el('p', { className: 'muted' }, 'None refused.'),
    el('h2', {}, 'Most recent'),
    (refused.recent || []).length ? table([
      { title: 'at', value: r => time(r.at) },
      { title: 'reason', value: r => r.reason },
      { title: 'ip', value: r => r.ip || '' },
      { title: 'method', value: r => r.method || '' },
      { title: 'path (signature removed)', value: r => el('code', {}, r.path_without_sig || '') },
    ], refused.recent) : el('p', { className: 'muted' }, 'None recently.'));
}
