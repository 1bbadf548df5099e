// Dates a reader can check. A document's date is shown with where it comes
// from ("printed", "metadata", "inferred"; an inferred one reads "≈ 30 Dec
// 2021 · inferred") and, behind a button (keyboard-reachable, not a hover
// tooltip), the engine's evidence in sentences. TimeML values of the
// timeline get readable labels ("week of 7 Feb 2022") and the days they
// cover (a month is a band, not a day).
import { h } from './dom.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86400000;

const utc = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const iso = (t) => new Date(t).toISOString().slice(0, 10);

// "2021-12-30" → "30 Dec 2021".
export function formatDay(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

// The source as a reader is told it: a dateline is a printed date.
export function sourceOf(d) {
  const s = d.date_source || d.date_info?.source;
  if (!d.date || !s) return null;
  return s === 'dateline' ? 'printed' : s;
}

// The date of a document list row: "≈ 30 Dec 2021 · inferred",
// "28 Jan 2022 · printed", "undated".
export function dateText(d) {
  if (!d.date) return 'undated';
  const source = sourceOf(d);
  const day = formatDay(d.date);
  if (source === 'inferred') return `≈ ${day} · inferred`;
  return source ? `${day} · ${source}` : day;
}

// The reader's date: the day, its source as a button that shows the
// evidence below (aria-expanded), or "undated" with the date that was seen
// and not used.
export function dateLine(doc) {
  const source = sourceOf(doc);
  if (!doc.date) {
    return h('span', { class: 'doc-date undated' }, 'undated',
      doc.untrusted_date ? ` (a date was printed without a year, not used: '${doc.untrusted_date}')` : '');
  }
  const day = formatDay(doc.date);
  const time = h('time', { datetime: doc.date }, source === 'inferred' ? `≈ ${day}` : day);
  const evidence = doc.date_info?.evidence;
  if (!source || !evidence) return h('span', { class: 'doc-date' }, time);
  // data-popover: Esc closes it and gives the focus back to its button (app.js).
  const box = h('span', { class: 'date-evidence', id: 'date-evidence', role: 'note', 'data-popover': '' }, evidence);
  box.hidden = true;
  const button = h('button', {
    type: 'button', class: `date-source ${source}`, 'aria-expanded': 'false', 'aria-controls': 'date-evidence',
    title: 'How this date was found',
    onclick: () => {
      box.hidden = !box.hidden;
      button.setAttribute('aria-expanded', String(!box.hidden));
    },
  }, source);
  return h('span', { class: `doc-date ${source}` }, time, ' · ', button, box);
}

// A TimeML value's readable label and the days it covers:
// "2022-02-12" → 12 Feb 2022; "2022-W06" → week of 7 Feb 2022;
// "2022-02" → Feb 2022 (1–28 Feb); "2022-Q1"; "2022". Null for values
// that name no calendar period.
export function period(value) {
  const v = String(value).split('T')[0];
  let m;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) {
    const t = utc(+m[1], +m[2], +m[3]).getTime();
    return { label: formatDay(v), from: v, to: v, precision: 'day', t0: t, t1: t };
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(v))) {
    // The Monday of ISO week w: the week that holds 4 January is week 1.
    const jan4 = utc(+m[1], 1, 4);
    const monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY + (+m[2] - 1) * 7 * DAY;
    return { label: `week of ${formatDay(iso(monday))}`, from: iso(monday), to: iso(monday + 6 * DAY), precision: 'week', t0: monday, t1: monday + 6 * DAY };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) {
    const t0 = utc(+m[1], +m[2], 1).getTime();
    const t1 = utc(+m[1], +m[2] + 1, 1).getTime() - DAY;
    return { label: `${MONTHS[+m[2] - 1]} ${m[1]}`, from: iso(t0), to: iso(t1), precision: 'month', t0, t1 };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) {
    const t0 = utc(+m[1], (+m[2] - 1) * 3 + 1, 1).getTime();
    const t1 = utc(+m[1], +m[2] * 3 + 1, 1).getTime() - DAY;
    return { label: `Q${m[2]} ${m[1]}`, from: iso(t0), to: iso(t1), precision: 'quarter', t0, t1 };
  }
  if ((m = /^(\d{4})$/.exec(v))) {
    const t0 = utc(+m[1], 1, 1).getTime();
    const t1 = utc(+m[1], 12, 31).getTime();
    return { label: m[1], from: iso(t0), to: iso(t1), precision: 'year', t0, t1 };
  }
  return null;
}

// Axis ticks over [t0, t1] that fit `px` pixels without overlapping:
// days, weeks, months, quarters, years or several years, each label at
// least `minGap` pixels from the next. Returns [{t, label}].
export function timeTicks(t0, t1, px, minGap = 64) {
  const most = Math.max(2, Math.floor(px / minGap));
  const spanDays = (t1 - t0) / DAY;
  if (spanDays / 7 <= most && spanDays <= 120) {
    const step = spanDays <= most ? 1 : 7;
    const first = new Date(t0);
    first.setUTCHours(0, 0, 0, 0);
    let t = first.getTime();
    // Weeks start on Mondays.
    if (step === 7) while (new Date(t).getUTCDay() !== 1) t += DAY;
    const out = [];
    for (; t <= t1; t += step * DAY) if (t >= t0) out.push({ t, label: formatDay(iso(t)).replace(/ \d{4}$/, '') });
    return out;
  }
  const months = spanDays / 30.44;
  const step = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200].find((n) => months / n <= most) || 2400;
  const d = new Date(t0);
  d.setUTCDate(1);
  d.setUTCHours(0, 0, 0, 0);
  if (step >= 12) {
    const years = step / 12;
    d.setUTCMonth(0);
    d.setUTCFullYear(Math.ceil(d.getUTCFullYear() / years) * years);
  } else {
    d.setUTCMonth(Math.ceil(d.getUTCMonth() / step) * step);
  }
  const out = [];
  while (d.getTime() <= t1) {
    if (d.getTime() >= t0) {
      const y = d.getUTCFullYear();
      const mo = d.getUTCMonth();
      out.push({ t: d.getTime(), label: step >= 12 ? String(y) : mo === 0 || !out.length ? `${MONTHS[mo]} ${y}` : MONTHS[mo] });
    }
    d.setUTCMonth(d.getUTCMonth() + step);
  }
  return out;
}

// The part of sorted numbers `xs` between the 1st and 99th percentile:
// [lo, hi], so a chart's axis covers where the data is.
export function coreRange(xs) {
  const n = xs.length;
  if (!n) return null;
  const at = (q) => xs[Math.min(n - 1, Math.max(0, Math.floor(q * (n - 1))))];
  return n < 20 ? [xs[0], xs[n - 1]] : [at(0.01), at(0.99)];
}
