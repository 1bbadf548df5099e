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

/** Ranges [[start, end], ...] sorted, adjacent ones separated only by
 * spaces in `text` joined into one ("indivisibility of security"). */
export function mergeRanges(text, ranges) {
  const merged = [];
  for (const [s, e] of [...(ranges || [])].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && s >= last[1] && /^\s*$/.test(text.slice(last[1], s))) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Text with highlighted ranges [[start, end], ...] (UTF-16 offsets) as <mark>s. */
export function highlighted(text, ranges, markAttrs = {}) {
  const out = [];
  let at = 0;
  for (const [s, e] of mergeRanges(text, ranges)) {
    if (s < at) continue;
    if (s > at) out.push(text.slice(at, s));
    out.push(h('mark', markAttrs, text.slice(s, e)));
    at = e;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

// ---- long paragraphs in the reader ----
// A paragraph longer than BLOCK_CHARS is shown as blocks of about that
// many characters (cut at a space), each its own element (data-from,
// data-to: its range in the paragraph), which the stylesheet lays out only
// near the viewport (content-visibility: auto). Marks on such a paragraph
// are put in its blocks (fillParagraph), each block when it first comes
// near the viewport: a 30 MB paragraph opens at once, and its quotes and
// dates appear as it is read.

/** Characters per block of a long paragraph. */
export const BLOCK_CHARS = 8000;

/** The [from, to) ranges of the blocks `text` is shown in: one range for a
 * paragraph of up to 2 × BLOCK_CHARS, else blocks of about BLOCK_CHARS cut
 * after a space (or at BLOCK_CHARS when there is none near). Never splits a
 * surrogate pair. */
export function paragraphBlocks(text) {
  if (text.length <= 2 * BLOCK_CHARS) return [[0, text.length]];
  const out = [];
  let from = 0;
  while (text.length - from > BLOCK_CHARS * 1.5) {
    let to = text.lastIndexOf(' ', from + BLOCK_CHARS);
    if (to <= from + BLOCK_CHARS / 2) to = from + BLOCK_CHARS;
    else to += 1;
    const c = text.charCodeAt(to - 1);
    if (c >= 0xd800 && c <= 0xdbff) to += 1;
    out.push([from, to]);
    from = to;
  }
  out.push([from, text.length]);
  return out;
}

// The observer filling the blocks of each paragraph element lazily.
const pendingFill = new WeakMap();

/**
 * Fills the reader's element for a paragraph (`el`, showing `text`) with
 * `text` and `marks` ([{start, end, wrap}], UTF-16 offsets, as marked()).
 * When `el` holds blocks (data-from), each block gets the marks that fall
 * in it (a mark across a boundary is cut in two), and, unless `now`, a
 * block is filled only when it first comes within two screens of the
 * viewport. A later call on the same element replaces a pending one.
 */
export function fillParagraph(el, text, marks, { now = false } = {}) {
  pendingFill.get(el)?.disconnect();
  pendingFill.delete(el);
  const blocks = [...el.querySelectorAll(':scope > [data-from]')];
  if (!blocks.length) { clear(el).append(...marked(text, marks)); return; }
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const jobs = new Map();
  let i = 0;
  let carry = [];
  for (const block of blocks) {
    const from = Number(block.dataset.from);
    const to = Number(block.dataset.to);
    const here = carry.filter((m) => m.end > from);
    while (i < sorted.length && sorted[i].start < to) here.push(sorted[i++]);
    carry = here.filter((m) => m.end > to);
    const local = here.filter((m) => m.end > from)
      .map((m) => ({ start: Math.max(m.start, from) - from, end: Math.min(m.end, to) - from, wrap: m.wrap }));
    jobs.set(block, () => clear(block).append(...marked(text.slice(from, to), local)));
  }
  if (now || typeof IntersectionObserver !== 'function') {
    for (const job of jobs.values()) job();
    return;
  }
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting || !jobs.has(e.target)) continue;
      jobs.get(e.target)();
      jobs.delete(e.target);
      io.unobserve(e.target);
    }
    if (!jobs.size) { io.disconnect(); pendingFill.delete(el); }
  }, { rootMargin: '200% 0px' });
  for (const block of jobs.keys()) io.observe(block);
  pendingFill.set(el, io);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function formatNumber(n) {
  return new Intl.NumberFormat('en').format(n);
}

/** A byte count for people: "340 KB", "2.1 MB". */
export function formatBytes(n) {
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// A plain decimal number: a spreadsheet reads it as that number.
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One CSV field, as every CSV of the page spells it: quoted when needed
 * (RFC 4180: a comma, a quote or a line break wraps it in quotes, inner
 * quotes doubled), and neutralised against formula injection (OWASP, "CSV
 * Injection"): a field starting with =, +, -, @, a tab or a carriage
 * return, which a spreadsheet would run as a formula (=HYPERLINK(…) in an
 * imported title), gets a ' in front and is always quoted. Numbers, and
 * strings that are plain numbers (-1.25), stay as they are. */
export function csvField(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text (RFC 4180, fields through csvField) from a header and rows. */
export function toCsv(head, rows) {
  return [head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Text with nested marks: marks = [{start, end, wrap(children) -> Node}]
 * in UTF-16 offsets. A mark inside another is nested in it; a mark that
 * crosses another's boundary is dropped.
 */
export function marked(text, marks) {
  const sorted = [...marks].filter((m) => m.start < m.end && m.start >= 0 && m.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  function build(from, to, list) {
    const out = [];
    let at = from;
    let i = 0;
    while (i < list.length) {
      const m = list[i];
      if (m.start < at) { i++; continue; }
      const inner = [];
      let j = i + 1;
      while (j < list.length && list[j].start < m.end) {
        if (list[j].end <= m.end) inner.push(list[j]);
        j++;
      }
      if (m.start > at) out.push(text.slice(at, m.start));
      out.push(m.wrap(build(m.start, m.end, inner)));
      at = m.end;
      i = j;
    }
    if (at < to) out.push(text.slice(at, to));
    return out;
  }
  return build(0, text.length, sorted);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** svg('rect', {x: 0, width: 4}, child, ...): an SVG element. Attributes
 * that are null or undefined are left out (0 is kept); children that are
 * null, undefined or false are left out, others become text. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

/** Saves `text` (a string or a Blob) as the file `name` (a download, nothing leaves the browser). */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- lists moved through with the arrow keys ----
// A list of items (links with role="option" in a role="listbox") is one Tab
// stop: the selected item (aria-selected="true"), else the one focused
// last, else the first (roving tabindex). Up and Down move the focus by one
// item, Home and End to the first and last; Enter opens (the link's own).

/** Makes `list` move its `selector` items with the arrow keys. Call
 * `tabStop(list, selector)` after each rebuild. */
export function arrowKeys(list, selector) {
  list.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const items = [...list.querySelectorAll(selector)];
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    const j = { ArrowDown: Math.min(items.length - 1, i + 1), ArrowUp: Math.max(0, i - 1), Home: 0, End: items.length - 1 }[e.key];
    if (j === undefined) return;
    e.preventDefault();
    focusItem(items, j);
  });
  list.addEventListener('focusin', (e) => {
    const items = [...list.querySelectorAll(selector)];
    if (items.includes(e.target)) for (const el of items) el.tabIndex = el === e.target ? 0 : -1;
  });
}

function focusItem(items, j) {
  for (const el of items) el.tabIndex = -1;
  items[j].tabIndex = 0;
  items[j].focus();
}

/** Sets the one Tab stop of a rebuilt `list`: the selected item, else
 * the first. Returns it (or null for an empty list). */
export function tabStop(list, selector) {
  const items = [...list.querySelectorAll(selector)];
  const stop = items.find((el) => el.getAttribute('aria-selected') === 'true') || items[0] || null;
  for (const el of items) el.tabIndex = el === stop ? 0 : -1;
  return stop;
}

/** Focuses the first of `list`'s items; false when there is none. */
export function focusFirst(list, selector) {
  const items = [...list.querySelectorAll(selector)];
  if (!items.length) return false;
  focusItem(items, 0);
  return true;
}

// ---- names of documents ----

/** A document's file as a label: the name with its folder ("tech/301.txt":
 * "301.txt" alone is in every folder of a collection), the whole path
 * shortened to its last two parts. */
export function fileLabel(path) {
  const parts = String(path || '').split(/[\\/]/).filter(Boolean);
  return parts.slice(-2).join('/') || String(path || '');
}
