// Calls per minute by status class as stacked bars, drawn as SVG nodes (no inline styles: classes carry the colours).

const SVG = 'http://www.w3.org/2000/svg';
const CLASSES = ['2xx', '3xx', '4xx', '5xx'];

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/** rows: [{minute, status_class, count}]; the last `minutes` minutes up to now, one bar each. */
export function perMinuteChart(rows, minutes = 60) {
  const width = 600, height = 120, bar = width / minutes;
  const end = Math.floor(Date.now() / 60000);
  const buckets = new Map();
  for (const row of rows) {
    const index = minutes - 1 - (end - Math.floor(Date.parse(row.minute) / 60000));
    if (index < 0 || index >= minutes) continue;
    const bucket = buckets.get(index) || {};
    bucket[row.status_class] = (bucket[row.status_class] || 0) + row.count;
    buckets.set(index, bucket);
  }
  const max = Math.max(1, ...[...buckets.values()].map(bucket => Object.values(bucket).reduce((a, b) => a + b, 0)));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 16}`, role: 'img', id: 'per-minute', class: 'chart' });
  const title = svg('title');
  title.textContent = `Calls per minute by status class, last ${minutes} minutes (highest ${max})`;
  chart.append(title);
  chart.append(svg('line', { x1: 0, y1: height, x2: width, y2: height, class: 'axis' }));
  for (const [index, bucket] of buckets) {
    let y = height;
    for (const statusClass of CLASSES) {
      const count = bucket[statusClass] || 0;
      if (!count) continue;
      const h = (count / max) * height;
      y -= h;
      const rect = svg('rect', { x: index * bar + 1, y, width: Math.max(bar - 2, 1), height: h, class: 'c' + statusClass });
      const tip = svg('title');
      tip.textContent = `${count} × ${statusClass}`;
      rect.append(tip);
      chart.append(rect);
    }
  }
  const label = (x, text, anchor) => {
    const node = svg('text', { x, y: height + 13, 'text-anchor': anchor, class: 'label' });
    node.textContent = text;
    chart.append(node);
  };
  label(0, `-${minutes} min`, 'start');
  label(width, 'now', 'end');
  label(width / 2, `max ${max}/min`, 'middle');
  return chart;
}

export function legend() {
  const node = document.createElement('div');
  node.className = 'legend';
  for (const statusClass of CLASSES) {
    const item = document.createElement('span');
    item.className = 'key c' + statusClass;
    item.textContent = statusClass;
    node.append(item);
  }
  return node;
}
