import { api, botPath } from '../api.js';
import { el, append, problem, table, time } from '../dom.js';

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
  // Reasons that refused something first, largest count first; the others in one line, so the last few stay in view.
  const counts = Object.entries(refused.counts || {}).sort(([, a], [, b]) => b - a);
  const seen = counts.filter(([, n]) => n > 0), none = counts.filter(([, n]) => n === 0).map(([reason]) => reason);
  append(main, [el('h2', {}, 'By reason'),
    seen.length ? table([{ title: 'reason', value: ([reason]) => reason }, { title: 'count', value: ([, n]) => String(n) }], seen,
      ([reason]) => ({ 'data-reason': reason })) : el('p', { className: 'muted' }, 'None refused since this replica started.'),
    none.length ? el('p', { className: 'muted', id: 'refused-none' }, 'None for: ' + none.join(', ') + '.') : null,
    el('h2', {}, 'Most recent'),
    (refused.recent || []).length ? table([
      { title: 'at', value: r => time(r.at) },
      { title: 'reason', value: r => r.reason },
      { title: 'ip', value: r => r.ip || '' },
      { title: 'method', value: r => r.method || '' },
      { title: 'path (signature removed)', value: r => el('code', {}, r.path_without_sig || '') },
    ], refused.recent) : el('p', { className: 'muted' }, 'None recently.')]);
}
