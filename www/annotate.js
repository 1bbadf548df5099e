// Reader annotations: quotes with their speakers, dates with their
// normalized values on hover (not Tab stops: a focused date would show
// nothing), and the search match. Marks come from the worker already
// placed in paragraphs (UTF-16 offsets). Done on each 'reader' event; the
// reader waits for them.
import { h, mergeRanges, fillParagraph } from './dom.js';
import { on } from './bus.js';

export function mountAnnotations(app) {
  on('reader', ({ doc, highlight }, event) => event.waitUntil(decorate(doc, highlight)));

  // The search match, marked at once and scrolled to (in the title, the
  // summary, the dateline or a paragraph).
  function showMatch(doc, highlight) {
    let el = null;
    let text = null;
    if (highlight.part === 'body') {
      el = document.querySelector(`.doc-body [data-para="${highlight.paragraph}"]`);
      text = doc.paragraphs[highlight.paragraph];
    } else if (highlight.part === 'title') {
      el = document.querySelector('#doc-title');
      text = doc.title;
    } else if (highlight.part === 'lead') {
      el = document.querySelectorAll('.lead li')[highlight.paragraph];
      text = doc.lead[highlight.paragraph];
    } else if (highlight.part === 'dateline') {
      el = document.querySelector('.doc-body .dateline');
      text = doc.dateline?.text;
    }
    if (!el || typeof text !== 'string') return;
    // A long paragraph is shown in blocks (dom.js fillParagraph): the hit's
    // block is the one scrolled to.
    const hits = mergeRanges(text, highlight.ranges).map(([start, end]) => ({ start, end, wrap: (children) => h('mark', { class: 'hit' }, children) }));
    fillParagraph(el, text, hits, { now: true });
    el.classList.add('match');
    // Laid out first: a block off screen (content-visibility: auto) has
    // only its estimated size until then, and the scroll would stop short.
    const target = el.querySelector('mark.hit') || el;
    target.getBoundingClientRect();
    target.scrollIntoView({ block: 'center' });
  }

  async function decorate(doc, highlight) {
    if (highlight) showMatch(doc, highlight);
    let ann;
    try {
      ann = await app.rpc.call('annotations', app.state.docId);
    } catch (err) {
      app.setStatus(`Annotations unavailable: ${err.message}`, 'warn');
      return;
    }
    if (!ann) return;
    const perPara = new Map();
    const add = (p, m) => { if (!perPara.has(p)) perPara.set(p, []); perPara.get(p).push(m); };
    for (const q of ann.quotes || []) {
      if (q.kind === 'turn') continue; // turns are shown by their speaker heading
      q.segments.forEach((s, k) => add(s.paragraph, {
        start: s.start, end: s.end,
        wrap: (children) => h('q', {
          class: `said said-${q.kind}`,
          title: q.speaker ? `${q.kind === 'scare' ? 'Quoted phrase' : 'Quote'} — ${q.speaker}${q.cue ? ` (“${q.cue}”)` : ''}` : 'Quote, speaker unknown',
        }, children, k === q.segments.length - 1 && q.kind === 'direct'
          ? h('span', { class: 'said-by', 'aria-label': `said by ${q.speaker || 'an unknown speaker'}` }, q.speaker || '?')
          : null),
      }));
    }
    // The search match, re-marked so that it shows together with the rest.
    if (highlight && highlight.part === 'body') {
      for (const [start, end] of highlight.ranges) {
        add(highlight.paragraph, { start, end, wrap: (children) => h('mark', { class: 'hit' }, children) });
      }
    }
    for (const t of ann.timexes || []) {
      for (const s of t.segments) {
        add(s.paragraph, {
          start: s.start, end: s.end,
          wrap: (children) => h('time', { class: 'timex', title: `${t.type} ${t.value}`, datetime: /^\d{4}(-\d\d){0,2}$/.test(t.value) ? t.value : null }, children),
        });
      }
    }
    for (const [p, marks] of perPara) {
      const el = document.querySelector(`.doc-body [data-para="${p}"]`);
      if (!el) continue;
      fillParagraph(el, doc.paragraphs[p], marks);
    }
  }
}
