// Safe DOM building: document text is data, always set as text, never as HTML.

/** h('p', {class: 'x', onclick: f}, 'text', child, ...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Text with highlighted ranges [[start, end], ...] (UTF-16 offsets) as <mark>s. */
export function highlighted(text, ranges, markAttrs = {}) {
  const out = [];
  let at = 0;
  // Adjacent matches separated only by spaces become one mark ("indivisibility of security").
  const merged = [];
  for (const [s, e] of [...(ranges || [])].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && s >= last[1] && /^\s*$/.test(text.slice(last[1], s))) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  for (const [s, e] of merged) {
    if (s < at) continue;
    if (s > at) out.push(text.slice(at, s));
    out.push(h('mark', markAttrs, text.slice(s, e)));
    at = e;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function formatNumber(n) {
  return new Intl.NumberFormat('en').format(n);
}

/** CSV text (RFC 4180) from a header and rows. */
export function toCsv(head, rows) {
  const esc = (v) => (v === null || v === undefined ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [head, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}
