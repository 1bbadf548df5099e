// The page's state, every field declared (and described) here. The objects
// are sealed: assigning a field that is not declared throws, so state does
// not grow ad hoc. Each part is written by the module named with it and
// read by any; changes are announced on the bus (bus.js), not by hooks.

/** Rows of the document list shown at first, and added on request × 5. */
export const LIST_PAGE = 200;

export const state = {
  // app.js
  view: 'docs',              // the view shown: a data-view of index.html
  docs: [],                  // DocSummary[] in list order (at start, its first page until the rest arrives)
  docTotal: 0,               // documents in the list when whole (docs.length once it is)
  byId: new Map(),           // id → DocSummary
  docId: null,               // the document open in the reader, or null
  listShown: LIST_PAGE,      // rows of the document list shown (more on request)
  showBoilerplate: false,    // the reader shows the removed boilerplate
  limits: null,              // {maxFileBytes, maxAlignDocs}, as the engine reports them at start
  corpusFile: null,          // the open corpus files {name, docs, files, tabDocs, reads, bytesRead} (worker fileInfo), or null
  // import.js
  pasted: 0,                 // texts pasted so far (their file names count up)
  // scope.js: the documents every view works on (the banner in each view)
  scope: {
    all: false,              // the user chose "use all": the views ignore the search
    q: '',                   // the search the scope follows ('' when none or all)
    ids: null,               // DocId[] matching q, or null (the whole corpus)
    ready: Promise.resolve(), // settles when ids are those of the current search
  },
  // search.js
  search: {
    q: '',                   // the query in the search box
    sort: 'relevance',       // 'relevance' | 'date' | 'date_asc'
    results: null,           // SearchResults of q, or null (no query / not yet)
    expanded: new Set(),     // facet groups (keys) showing all their values, not the top ones
    mode: 'docs',            // the results list: 'docs' | 'quotes' (kept in the address)
    quotes: null,            // QuoteResults of q in Quotes mode, or null
    quoteAt: null,           // the quote opened from the list, 'doc:start', or null
  },
  // people.js
  people: {
    list: null,              // Person[] of the corpus, or null until loaded
    selected: null,          // the name of the person shown, or null
    filter: '',              // the list filter, lower case
    shown: 0,                // rows shown (0: the first page)
  },
  // timeline.js
  timeline: {
    data: null,              // Timeline of the corpus, or null until loaded
    from: null,              // the chosen range, 'YYYY-MM-DD' both, or null
    to: null,
    full: false,             // the chart shows every year, not the zoom
    scopeKey: null,          // the scope's query (its date: filter left out) data is for
  },
  // compare.js
  compare: {
    statements: null,        // statements of the scope, or null until found
    stories: null,           // stories of the scope, or null until found
    relationsMissing: null,  // why they were aligned without the word relations, or null
    picked: new Set(),       // ids picked to compare side by side
    filter: '',              // statement filter text
    pickFilter: '',          // picker filter text
    scopeKey: null,          // the scope (scope.js) statements and stories were found for
    allStories: false,       // every story listed, not the first ones
  },
  // network.js
  network: {
    data: null,              // Network of the scope ({nodes, edges, …}, engine analyze::network), or null until built
    maxNodes: 500,           // nodes asked for (the largest kept)
    ms: null,                // {layout, draw}: milliseconds the last build took (worker, then SVG)
  },
  // tags.js
  tags: {
    data: null,              // the tags and notes {docs, quotes, people, searches, counts} (worker `tags`), or null until read
  },
  // flags.js
  flags: {
    notes: null,             // the engine's flag notes [{doc, kind, other, quote, speakers}] (union ids), or null until asked
    loading: null,           // the pending request for them, or null
    complete: true,          // every stored segment's flags were in (else a flag: search gathers more)
  },
  // analytics.js
  analytics: {
    kwic: null,              // the last concordance, or null
    kwicScope: '',           // what it was computed on, in words
    sort: 'doc',             // concordance order: 'doc' | 'left' | 'right'
  },
};

for (const part of [state, state.scope, state.search, state.people, state.timeline, state.compare, state.network, state.flags, state.analytics, state.tags]) Object.seal(part);
