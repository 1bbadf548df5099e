//! The query language: text → syntax tree → plan → scored documents →
//! results with snippets and facets.
//!
//! The flow is named plainly, one step per file, as in tantivy's
//! Query → Weight → Scorer → Collector:
//!
//! 1. [`parse()`]: text → [`Query`] (a syntax tree, leniently; never fails);
//! 2. [`plan()`](plan::plan): tree → [`Plan`](plan::Plan) (words
//!    resolved to index terms, typo corrections, filters resolved to doc
//!    lists);
//! 3. [`Executor`]: plan → `(doc, score)` lists, BM25F;
//! 4. [`search`] collects: total, facets over every match, sorting,
//!    the page, and a [`snippet`] per hit.

mod aliases;
mod execute;
mod parse;
mod plan;
mod snippet;

pub use aliases::Aliases;
pub(crate) use execute::{Executor, Scored};
pub use parse::{parse, Node, Occur, Query, Scope};
pub use snippet::{Location, Snippet};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::doc::Document;
use crate::index::{DocId, Field, Index};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best score first.
    #[default]
    Relevance,
    /// Newest first; undated documents last.
    Date,
    /// Oldest first; undated documents last.
    DateAsc,
}

/// Search options (every field has a default, so `{}` is valid JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    /// Hits to return (0..=1000; default 10).
    pub limit: usize,
    /// Hits to skip (default 0).
    pub offset: usize,
    /// Order of hits.
    pub sort: Sort,
    /// Build snippets and locations (default true).
    pub snippets: bool,
    /// Count facets (default true).
    pub facets: bool,
    /// On a corpus file, count facets over at most this many of the best
    /// matches (default [`PARTIAL_FACET_DOCS`]; several files searched as
    /// one share it out).
    #[serde(skip)]
    pub facet_docs: Option<usize>,
    /// Hits without their documents: id, score and the index's date
    /// only (no file, title or snippet), so that no document is read.
    /// What each of several files searched as one gives before the
    /// union's page is known; the page's hits are then asked for whole.
    #[serde(skip)]
    pub bare: bool,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            snippets: true,
            facets: true,
            facet_docs: None,
            bare: false,
        }
    }
}

/// One search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The document id in the corpus.
    pub id: DocId,
    /// The document's file name.
    pub file: String,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its section, when the import gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Its date, YYYY-MM-DD.
    pub date: Option<String>,
    /// Where the date comes from: "printed", "metadata" or "inferred"
    /// (`None` when undated), as the document list says it.
    pub date_source: Option<&'static str>,
    /// BM25F score (0 for filter-only queries).
    pub score: f32,
    /// The best passage, plain text.
    pub snippet: String,
    /// Matched words in `snippet`, `[start, end)` in UTF-16 units.
    pub highlights: Vec<[u32; 2]>,
    /// Matched words in `title`, UTF-16 units.
    pub title_highlights: Vec<[u32; 2]>,
    /// Where the best passage is in the document.
    pub location: Option<Location>,
}

/// A facet value and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetCount {
    /// The value as given by the documents ("TASS", "2022-01").
    pub value: String,
    /// Matching documents with that value.
    pub count: usize,
}

/// Facet counts over every matching document (not only the page).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub outlet: Vec<FacetCount>,
    pub author: Vec<FacetCount>,
    pub year_month: Vec<FacetCount>,
    pub lang: Vec<FacetCount>,
    /// Quoted speakers and transcript speakers.
    pub speaker: Vec<FacetCount>,
    /// Persons, organizations and places named.
    pub person: Vec<FacetCount>,
    pub org: Vec<FacetCount>,
    pub place: Vec<FacetCount>,
    /// The outlets' sections, when the import gave them.
    pub section: Vec<FacetCount>,
    /// The flags of the statement trails (`quote-differs`, …), counted
    /// over every match when the caller knows them (not from the index:
    /// see [`crate::vocab::FlagKind`]); empty otherwise.
    pub flags: Vec<FacetCount>,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchResults {
    /// The query as understood, in normalized syntax.
    pub query: String,
    /// Typo corrections and lenient readings ("stoltenbrg → stoltenberg (typo)").
    pub notes: Vec<String>,
    /// All matching documents.
    pub total: usize,
    /// The requested page.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches.
    pub facets: Facets,
}

/// On a corpus file (a partial index), facets count at most this many of
/// the best matches.
pub const PARTIAL_FACET_DOCS: usize = 300;

/// At most this many values per facet.
const MAX_FACET_VALUES: usize = 50;

fn facet_list(counts: FxHashMap<&str, usize>) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            value: value.to_string(),
            count,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v.truncate(MAX_FACET_VALUES);
    v
}

impl Facets {
    /// The facets of several sets of matches searched as one: counts
    /// added by value (each part holds its top values only, so a value
    /// outside every part's top is not counted).
    pub fn merge(parts: Vec<Facets>) -> Facets {
        fn sum(lists: Vec<Vec<FacetCount>>) -> Vec<FacetCount> {
            let mut counts: FxHashMap<String, usize> = FxHashMap::default();
            for f in lists.into_iter().flatten() {
                *counts.entry(f.value).or_insert(0) += f.count;
            }
            facet_list(counts.iter().map(|(k, &c)| (k.as_str(), c)).collect())
        }
        let mut by: [Vec<Vec<FacetCount>>; 9] = Default::default();
        let mut flags = Vec::new();
        for f in parts {
            flags.push(f.flags);
            for (i, list) in [
                f.outlet,
                f.author,
                f.year_month,
                f.lang,
                f.speaker,
                f.person,
                f.org,
                f.place,
                f.section,
            ]
            .into_iter()
            .enumerate()
            {
                by[i].push(list);
            }
        }
        let [outlet, author, year_month, lang, speaker, person, org, place, section] = by.map(sum);
        Facets {
            outlet,
            author,
            year_month,
            lang,
            speaker,
            person,
            org,
            place,
            section,
            flags: sum(flags),
        }
    }
}

/// The Flags facet: how many of `matches` each flag kind's documents
/// (from `derived`) hold; kinds `derived` does not know, or with no match,
/// are left out.
fn flag_facet(derived: Option<plan::Derived<'_>>, matches: &Scored) -> Vec<FacetCount> {
    let Some(derived) = derived else {
        return Vec::new();
    };
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for kind in crate::vocab::FlagKind::ALL {
        let Some(docs) = derived(Field::Flag, kind.name()) else {
            continue;
        };
        if docs.is_empty() {
            continue;
        }
        let n = matches
            .iter()
            .filter(|(d, _)| docs.binary_search(d).is_ok())
            .count();
        if n > 0 {
            counts.insert(kind.name(), n);
        }
    }
    facet_list(counts)
}

fn facets(index: &Index, matches: &Scored, aliases: &Aliases) -> Facets {
    let mut outlet = FxHashMap::default();
    let mut author = FxHashMap::default();
    let mut lang = FxHashMap::default();
    let mut speaker = FxHashMap::default();
    let mut person = FxHashMap::default();
    let mut org = FxHashMap::default();
    let mut place = FxHashMap::default();
    let mut section = FxHashMap::default();
    let mut months: FxHashMap<u32, usize> = FxHashMap::default();
    // A document that names a person twice ("S.V. Lavrov" as a transcript
    // speaker, "Sergey Lavrov" as quoted) counts once.
    let mut seen: Vec<(Field, &str)> = Vec::new();
    let mut canonical: FxHashMap<&str, &str> = FxHashMap::default();
    for &(d, _) in matches {
        seen.clear();
        for (f, v) in index.keywords(d) {
            let v: &str = match f {
                Field::Speaker | Field::Person if !aliases.is_empty() => canonical
                    .entry(&**v)
                    .or_insert_with(|| aliases.canonical(v)),
                _ => v,
            };
            if seen.contains(&(*f, v)) {
                continue;
            }
            seen.push((*f, v));
            let map = match f {
                Field::Outlet => &mut outlet,
                Field::Author => &mut author,
                Field::Lang => &mut lang,
                Field::Speaker => &mut speaker,
                Field::Person => &mut person,
                Field::Org => &mut org,
                Field::Place => &mut place,
                Field::Section => &mut section,
                _ => continue,
            };
            *map.entry(v).or_insert(0) += 1;
        }
        if let Some(date) = index.date(d) {
            *months.entry(date / 100).or_insert(0) += 1;
        }
    }
    let month_names: Vec<(String, usize)> = months
        .into_iter()
        .map(|(ym, c)| (format!("{:04}-{:02}", ym / 100, ym % 100), c))
        .collect();
    let year_month = facet_list(month_names.iter().map(|(k, c)| (k.as_str(), *c)).collect());
    Facets {
        outlet: facet_list(outlet),
        author: facet_list(author),
        year_month,
        lang: facet_list(lang),
        speaker: facet_list(speaker),
        person: facet_list(person),
        org: facet_list(org),
        place: facet_list(place),
        section: facet_list(section),
        flags: Vec::new(),
    }
}

/// Whether `query` holds a keyword filter on `field` (`flag:…`).
pub(crate) fn filters_by(query: &str, field: Field) -> bool {
    fn holds(n: &Node, field: Field) -> bool {
        match n {
            Node::Keyword { field: f, .. } => *f == field,
            Node::Bool(cs) => cs.iter().any(|(_, c)| holds(c, field)),
            Node::Or(cs) => cs.iter().any(|c| holds(c, field)),
            _ => false,
        }
    }
    parse(query).root.as_ref().is_some_and(|n| holds(n, field))
}

/// Every document matching `query`, in id order (for analyses that run on
/// "the documents of this search").
pub(crate) fn matching(
    index: &Index,
    query: &str,
    aliases: &Aliases,
    derived: Option<plan::Derived<'_>>,
) -> Vec<DocId> {
    let parsed = parse(query);
    let mut notes = Vec::new();
    let (plan, _) = plan::plan(index, parsed.root.as_ref(), aliases, derived, &mut notes);
    let mut ids: Vec<DocId> = Executor::new(index)
        .run(&plan)
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    ids.sort_unstable();
    ids
}

/// The terms `query` reads in `index` and its words that have an exact
/// match there (normalized): what a shard tells the others when several
/// are searched as one ([`crate::index::Global`]).
pub(crate) fn vocabulary(
    index: &Index,
    query: &str,
    aliases: &Aliases,
    derived: Option<plan::Derived<'_>>,
) -> crate::index::Vocabulary {
    let parsed = parse(query);
    let mut notes = Vec::new();
    let (_, _, met) = plan::plan_found(index, parsed.root.as_ref(), aliases, derived, &mut notes);
    index.vocabulary(&met.looked, met.found)
}

/// Runs `query` over `index`; `docs` gives the stored documents for
/// titles and snippets, `aliases` the spellings of each person's name.
pub(crate) fn search<'a>(
    index: &Index,
    docs: impl Fn(DocId) -> Option<&'a Document>,
    query: &str,
    opts: &SearchOptions,
    aliases: &Aliases,
    derived: Option<plan::Derived<'_>>,
) -> SearchResults {
    let parsed = parse(query);
    let mut notes = parsed.notes.clone();
    let (plan, _) = plan::plan(index, parsed.root.as_ref(), aliases, derived, &mut notes);
    let exec = Executor::new(index);
    let mut matches = exec.run(&plan);
    let total = matches.len();
    let facets = if !opts.facets {
        Facets::default()
    } else if index.is_partial() && matches.len() > opts.facet_docs.unwrap_or(PARTIAL_FACET_DOCS) {
        // A corpus file reads each counted document's values: the best
        // matches are counted, not every one of a million.
        let n = opts.facet_docs.unwrap_or(PARTIAL_FACET_DOCS);
        let mut best = matches.clone();
        best.select_nth_unstable_by(n, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(n);
        notes.push(
            "facets count the best-scored matches (a corpus file this big is not read whole for them)"
                .into(),
        );
        facets(index, &best, aliases)
    } else {
        facets(index, &matches, aliases)
    };
    let facets = Facets {
        flags: if opts.facets {
            flag_facet(derived, &matches)
        } else {
            Vec::new()
        },
        ..facets
    };

    match opts.sort {
        Sort::Relevance => matches.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))),
        Sort::Date | Sort::DateAsc => {
            let newest = opts.sort == Sort::Date;
            matches.sort_unstable_by(|a, b| {
                let (da, db) = (index.date(a.0), index.date(b.0));
                let by_date = match (da, db) {
                    (Some(x), Some(y)) if newest => y.cmp(&x),
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                };
                by_date.then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0))
            })
        }
    }
    let limit = opts.limit.min(1000);
    let page: Vec<(DocId, f32)> = matches.into_iter().skip(opts.offset).take(limit).collect();

    let mut page_ids: Vec<DocId> = page.iter().map(|h| h.0).collect();
    page_ids.sort_unstable();
    let positions = if opts.snippets {
        exec.positions(&plan, &page_ids)
    } else {
        Vec::new()
    };
    if opts.bare {
        let hits = page
            .iter()
            .map(|&(id, score)| Hit {
                id,
                file: String::new(),
                title: None,
                outlet: None,
                section: None,
                date: index
                    .date(id)
                    .map(|d| format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)),
                date_source: None,
                score,
                snippet: String::new(),
                highlights: Vec::new(),
                title_highlights: Vec::new(),
                location: None,
            })
            .collect();
        return SearchResults {
            query: parsed.display(),
            notes,
            total,
            hits,
            facets,
        };
    }
    let hits = page
        .iter()
        .filter_map(|&(id, score)| {
            let d = docs(id)?;
            let snip = match page_ids.binary_search(&id) {
                Ok(i) if opts.snippets => snippet::build(d, &positions[i]),
                _ => Snippet::default(),
            };
            Some(Hit {
                id,
                file: d.file.clone(),
                title: d.title.clone(),
                outlet: d.outlet.clone(),
                section: d.section.clone(),
                date: d.date.clone(),
                date_source: d
                    .date
                    .as_ref()
                    .and(d.date_info.as_ref())
                    .map(|i| i.source.shown_as()),
                score,
                snippet: snip.text,
                highlights: snip.highlights,
                title_highlights: snip.title_highlights,
                location: snip.location,
            })
        })
        .collect();
    SearchResults {
        query: parsed.display(),
        notes,
        total,
        hits,
        facets,
    }
}
