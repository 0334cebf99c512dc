import { el, json, section, table, time } from './dom.js';

/** What a run wrote or would write: properties, messages, jobs. */
export function effectsView(effects) {
  if (!effects) return el('p', { className: 'muted' }, 'No effects recorded for this call.');
  const properties = effects.properties || [], messages = effects.messages || [], jobs = effects.jobs || [];
  if (!properties.length && !messages.length && !jobs.length) return el('p', { className: 'muted effects-none' }, 'No properties, messages or jobs.');
  return el('div', { className: 'effects' },
    properties.length ? section('Properties', table([
      { title: 'user', value: p => p.user_id == null ? 'bot' : String(p.user_id) },
      { title: 'name', value: p => p.name },
      { title: 'type', value: p => p.type },
      { title: 'value', value: p => el('code', {}, json(p.value)) },
    ], properties)) : null,
    messages.length ? section('Messages', table([
      { title: 'id', value: m => m.id == null ? '' : String(m.id) },
      { title: 'user', value: m => m.user_id == null ? '' : String(m.user_id) },
      { title: 'method', value: m => m.method || '' },
      { title: 'text', value: m => m.text || '' },
      { title: 'status', value: m => m.status || '' },
    ], messages)) : null,
    jobs.length ? section('Jobs', table([
      { title: 'id', value: j => j.id == null ? '' : String(j.id) },
      { title: 'command', value: j => j.command },
      { title: 'run at', value: j => time(j.run_at) },
      { title: 'status', value: j => j.status || '' },
    ], jobs)) : null);
}
