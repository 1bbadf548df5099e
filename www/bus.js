// The page's event bus: a module says what happened with emit(), the
// modules that care subscribe with on(); no module calls into, replaces or
// wraps another's functions, so the order the views mount in does not
// matter. Only the events named here exist (a misspelt name throws).
//
//   'view'    {view}             a view was shown (its section is visible;
//                                state.view is set)
//   'corpus'  {}                 the document list changed: state.docs and
//                                state.byId are new (at start, after an
//                                import, a removal, a clear, the sample
//                                restored, the engine restarted; at start
//                                first with the list's first page, then
//                                whole)
//   'search'  {q}                the search changed: state.search.q and
//                                state.search.results are the new ones
//   'scope'   {ids, q}           the documents the views work on changed
//                                (scope.js): state.scope is the new one;
//                                ids null = the whole corpus
//   'reader'  {doc, highlight}   a document was rendered in the reader
//                                (highlight: where a search hit it, or
//                                null); listeners add their marks and may
//                                make the reader wait with waitUntil(promise)
const EVENTS = new Set(['view', 'corpus', 'search', 'scope', 'reader']);
const bus = new EventTarget();

function known(name) {
  if (!EVENTS.has(name)) throw new Error(`no event '${name}' (bus.js names them)`);
}

/** Calls `listener(detail, event)` on every `name` event. A listener that
 * throws is reported and does not stop the others. */
export function on(name, listener) {
  known(name);
  bus.addEventListener(name, (event) => listener(event.detail, event));
}

/** Announces `name`; resolves when every promise a listener passed to
 * `event.waitUntil` has settled (rejections are reported, not thrown). */
export function emit(name, detail = {}) {
  known(name);
  const waits = [];
  const event = new CustomEvent(name, { detail });
  event.waitUntil = (promise) => waits.push(Promise.resolve(promise).catch(reportError));
  bus.dispatchEvent(event);
  return Promise.all(waits).then(() => undefined);
}
