//! Writes a corpus file from a corpus held in memory (see the module docs
//! of [`super`] for the layout).

use std::io::Write;

use serde_json::json;

use super::zip::ZipWriter;
use super::{
    dict, names, BuildStats, Header, Ref, CHUNK_BYTES, DOC_BLOCK, FORMAT, LIST_BLOCK,
    PEOPLE_COUNTS, TIMELINE_COUNTS, VERSION, VIEWS,
};
use crate::analyze::{stories, StoryOptions};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::index::write_varint;

fn json_bytes<T: serde::Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| Error::Other {
        message: format!("corpus file: {e}"),
    })
}

/// How a segment is written: which whole-corpus views it stores and how
/// hard its document blocks are compressed.
#[derive(Debug, Clone, Copy)]
pub struct Lean {
    /// Store only the views that are cheap to make (people, timeline);
    /// statements and stories are then computed from the segment's
    /// documents when asked for (a reader falls back when the member is
    /// absent).
    pub cheap_views_only: bool,
    /// Deflate level of the document blocks (9: smallest).
    pub doc_level: u8,
    /// Deflate level of the other members (dictionary, keyword offsets,
    /// list pages, views).
    pub member_level: u8,
    /// Store the flags (`flags.json`) of a segment of at most this many
    /// live documents (gathering them aligns the whole segment, which
    /// takes as long as the rest of a lean save of 4,000 documents; a
    /// reader gathers them from the documents when a `flag:` query asks).
    pub flags_up_to: usize,
    /// ... and at most this many bytes of text.
    pub flags_text_up_to: usize,
}

/// Deflate level of the document blocks `lede build` and `lede compact`
/// write: level 9 made blocks 0.02% smaller for 1.4 times the time (the
/// 50,000 synthetic articles: 2% of the build's CPU).
pub(super) const DOC_LEVEL: u8 = 6;

/// What `lede build` writes: every view.
const FULL: Lean = Lean {
    cheap_views_only: false,
    doc_level: DOC_LEVEL,
    member_level: super::zip::LEVEL,
    flags_up_to: usize::MAX,
    flags_text_up_to: usize::MAX,
};

/// Writes `corpus` as a corpus file of one segment to `out`. The index is
/// compacted first (removed documents leave its postings), so it takes
/// `&mut`.
pub fn write<W: Write>(corpus: &mut Corpus, out: W) -> Result<BuildStats> {
    let mut w = Writer::new(out);
    w.add_segment(corpus)?;
    w.finish()
}

/// Writes a corpus file a segment at a time: a corpus too big to hold in
/// memory is imported and written in parts, each a segment of the same
/// file, searched as one ([`super::Shards`]).
pub struct Writer<W: Write> {
    zip: ZipWriter<W>,
    segments: usize,
    stats: BuildStats,
    lean: Lean,
    /// Documents of the file before this writer's first segment (when
    /// appending).
    docs_before: usize,
    /// A segment that starts past this many documents of its file stores
    /// no whole-corpus views ([`Writer::views_until`]).
    views_until: usize,
}

/// Documents per `docs/` block for a segment of `docs` slots: 4 (a hit
/// reads little), more in big segments so that a file of a million
/// documents stays within a directory that opens fast.
pub(super) fn doc_block(docs: usize) -> u32 {
    (docs / 4096).clamp(DOC_BLOCK as usize, 32) as u32
}

impl<W: Write> Writer<W> {
    /// A file with no segment yet.
    pub fn new(out: W) -> Writer<W> {
        Writer {
            zip: ZipWriter::new(out),
            segments: 0,
            stats: BuildStats::default(),
            lean: FULL,
            docs_before: 0,
            views_until: super::shards::WHOLE_VIEW_DOCS,
        }
    }

    /// Segments that start past `docs` documents of the file store no
    /// whole-corpus views (people, timeline, statements, stories): a file
    /// of more than [`super::shards::WHOLE_VIEW_DOCS`] documents answers views
    /// from a search's documents ([`super::Shards::view`]), so they would
    /// never be read, and they are a sixth of a big file and about half
    /// of its build time. (A reader computes a view a segment lacks from
    /// its documents, should one be asked for.) The default is
    /// `WHOLE_VIEW_DOCS`.
    pub fn views_until(mut self, docs: usize) -> Writer<W> {
        self.views_until = docs;
        self
    }

    /// Writes segments the lean way `lean` says (the tab's saves, which
    /// must be quick: see [`super::own`]).
    pub fn lean(mut self, lean: Lean) -> Writer<W> {
        self.lean = lean;
        self.zip.set_level(lean.member_level);
        self
    }

    /// A writer that goes on after the members of an existing file
    /// (written from `at` on; see [`super::zip::ZipWriter::resume`]).
    pub fn resume(out: W, at: u64, members: Vec<super::zip::Member>, segments: usize) -> Writer<W> {
        Writer {
            zip: ZipWriter::resume(out, at, members),
            segments,
            stats: BuildStats::default(),
            lean: FULL,
            docs_before: 0,
            views_until: super::shards::WHOLE_VIEW_DOCS,
        }
    }

    /// The file already holds `docs` documents (appending): they count
    /// towards [`Writer::views_until`].
    pub fn after_docs(mut self, docs: usize) -> Writer<W> {
        self.docs_before = docs;
        self
    }

    /// Segments written.
    pub fn segments(&self) -> usize {
        self.segments
    }

    /// Writes `corpus` as the next segment.
    pub fn add_segment(&mut self, corpus: &mut Corpus) -> Result<()> {
        let prefix = names::segment(self.segments);
        let views = self.docs_before + self.stats.docs < self.views_until;
        let s = write_segment(corpus, &mut self.zip, &prefix, self.lean, views)?;
        self.segments += 1;
        self.stats.docs += s.docs;
        self.stats.terms += s.terms;
        self.stats.dict_chunks += s.dict_chunks;
        self.stats.postings_bytes += s.postings_bytes;
        Ok(())
    }

    /// Writes the file's tags and notes (`tags.json`, in place of any
    /// written before).
    pub fn add_tags(&mut self, tags: &crate::tags::Tags) -> Result<()> {
        self.zip.add(names::TAGS, tags.to_json().as_bytes(), true)?;
        Ok(())
    }

    /// Writes the directory (an empty segment first when none was added).
    pub fn finish(self) -> Result<BuildStats> {
        self.finish_into().map(|(stats, _)| stats)
    }

    /// [`Writer::finish`], giving the output back.
    pub fn finish_into(mut self) -> Result<(BuildStats, W)> {
        if self.segments == 0 {
            self.add_segment(&mut Corpus::new())?;
        }
        let mut stats = self.stats;
        stats.members = self.zip.len() + 1;
        stats.file_bytes = self.zip.position();
        stats.segments = self.segments;
        let out = self.zip.finish()?;
        Ok((stats, out))
    }
}

/// Writes `corpus` as the segment with member prefix `prefix`.
fn write_segment<W: Write>(
    corpus: &mut Corpus,
    zip: &mut ZipWriter<W>,
    prefix: &str,
    lean: Lean,
    views: bool,
) -> Result<BuildStats> {
    corpus.compact_index();
    let corpus: &Corpus = corpus;
    // The views to store (none past the file's first `views_until`
    // documents).
    let wanted: Vec<&str> = VIEWS
        .iter()
        .copied()
        .filter(|v| views && (!lean.cheap_views_only || matches!(*v, "people" | "timeline")))
        .collect();
    // The stories take one core for seconds (their term count and
    // clustering are serial): they are made on a thread of their own
    // while the index and the list are written and the other views made.
    let (all_stories, written) = crate::par::join(
        || {
            wanted
                .contains(&"stories")
                .then(|| stories(&corpus.select(None), &StoryOptions::default()))
        },
        || write_index(corpus, zip, prefix, &wanted),
    );
    let Written {
        postings,
        terms: n_terms,
        dict_chunks,
        mut views,
    } = written?;
    if let Some(all) = &all_stories {
        // The statements aligned within the stories, on every core.
        if wanted.contains(&"statements") {
            corpus.align_in_stories(all);
            views.push(("statements", json_bytes(&corpus.statements(None))?));
        }
        views.push(("stories", json_bytes(all)?));
    }
    views.sort_by_key(|(n, _)| VIEWS.iter().position(|v| v == n).unwrap_or(VIEWS.len()));
    let views: Vec<(String, Vec<u8>)> = views
        .into_iter()
        .map(|(n, bytes)| match n {
            TIMELINE_COUNTS => (names::counts(prefix), bytes),
            _ => (names::view(prefix, n), bytes),
        })
        .collect();
    zip.add_all(&views, true)?;
    // The flags of the statement trails (a lean segment's when cheap:
    // search counts them on every query); after the views, whose
    // statements they reuse.
    if corpus.len() <= lean.flags_up_to && corpus.text_bytes() <= lean.flags_text_up_to {
        zip.add(&names::flags(prefix), &json_bytes(corpus.flags())?, true)?;
    }
    zip.add(
        &names::aliases(prefix),
        &json_bytes(&json!(corpus.aliases().pairs()))?,
        true,
    )?;
    let (docs, extractions, _) = corpus.slots();
    let max_doc = docs.len();
    let block = doc_block(max_doc) as usize;
    // Each block a snapshot of its slots (compressed, with its own
    // checksum), without an index; compressed on every core, written in
    // order.
    let blocks: Vec<usize> = (0..max_doc.div_ceil(block)).collect();
    let packed = crate::par::map(&blocks, |&b| {
        let lo = b * block;
        let hi = (lo + block).min(max_doc);
        let ex = extractions
            .get(lo..hi.min(extractions.len()))
            .unwrap_or(&[]);
        crate::snapshot::write_level(&docs[lo..hi], ex, &[], lean.doc_level)
    });
    for (b, bytes) in packed.iter().enumerate() {
        zip.add(&names::docs(prefix, b), bytes, false)?;
    }
    zip.add(&names::prints(prefix), &super::encode_prints(corpus), true)?;
    let postings_member = zip.add(&names::postings(prefix), &postings, false)?;
    Ok(BuildStats {
        docs: corpus.len(),
        terms: n_terms,
        dict_chunks,
        postings_bytes: postings_member.size,
        ..BuildStats::default()
    })
}

/// A postings list deflated, when it is 64 bytes or more and that saves
/// a tenth (positions of frequent words repeat small gaps).
pub(super) fn pack_list(raw: &[u8]) -> Option<Vec<u8>> {
    (raw.len() >= 64)
        .then(|| crate::deflate::deflate(raw, 6))
        .filter(|p| p.len() * 10 < raw.len() * 9)
}

/// Appends a list of `count` documents to `postings` (`packed` when
/// [`pack_list`] made it smaller, else `raw`); returns where it is.
pub(super) fn put_list(
    postings: &mut Vec<u8>,
    raw: &[u8],
    packed: Option<&[u8]>,
    count: u32,
) -> Ref {
    let stored = packed.unwrap_or(raw);
    let r = Ref {
        off: postings.len() as u64,
        len: stored.len() as u32,
        crc: crc32fast::hash(stored),
        count,
        packed: packed.is_some(),
    };
    postings.extend_from_slice(stored);
    r
}

/// What [`write_index`] wrote and made.
struct Written {
    /// The postings member's bytes (written last).
    postings: Vec<u8>,
    /// Terms of the dictionary.
    terms: usize,
    /// Its chunks.
    dict_chunks: usize,
    /// The views made (people and timeline, the ones `wanted`, and the
    /// timeline's counts), as JSON.
    views: Vec<(&'static str, Vec<u8>)>,
}

/// Writes a segment's header, norms, dictionary, keyword records and list
/// pages; makes its postings member, the `wanted` people and timeline
/// views and the timeline's counts.
fn write_index<W: Write>(
    corpus: &Corpus,
    zip: &mut ZipWriter<W>,
    prefix: &str,
    wanted: &[&str],
) -> Result<Written> {
    let (docs, _, index) = corpus.slots();
    let max_doc = docs.len();
    let langs: Vec<String> = index.languages().iter().map(|s| s.to_string()).collect();

    // Postings of every term (in the dictionary's order of first use) and
    // keyword list, one after another. Long lists are deflated when that
    // pays (positions of frequent words repeat small gaps), on every core;
    // short ones are kept as they are.
    let dictionary = index.dictionary();
    let n_terms = dictionary
        .iter()
        .map(|e| e.3 as usize + 1)
        .max()
        .unwrap_or(0);
    let mut slot_of: Vec<Option<usize>> = vec![None; n_terms];
    let mut raws: Vec<(&[u8], u32)> = Vec::new();
    for (_, _, _, term) in &dictionary {
        if slot_of[*term as usize].is_none() {
            slot_of[*term as usize] = Some(raws.len());
            let (df, bytes) = index.raw_postings(*term);
            raws.push((bytes, df));
        }
    }
    let keyword_lists: Vec<(crate::Field, &str, Vec<u8>, u32)> = index
        .keyword_lists()
        .map(|(field, token, ids)| {
            let mut list = Vec::new();
            let mut last = 0;
            for (i, &d) in ids.iter().enumerate() {
                write_varint(&mut list, if i == 0 { d } else { d - last });
                last = d;
            }
            (field, token, list, ids.len() as u32)
        })
        .collect();
    let first_keyword = raws.len();
    raws.extend(keyword_lists.iter().map(|(_, _, l, n)| (l.as_slice(), *n)));
    let packed = crate::par::map(&raws, |(bytes, _)| pack_list(bytes));
    let mut postings = Vec::new();
    let refs: Vec<Ref> = raws
        .iter()
        .zip(&packed)
        .map(|(&(bytes, count), packed)| put_list(&mut postings, bytes, packed.as_deref(), count))
        .collect();
    let mut entries: Vec<dict::Entry> = Vec::with_capacity(dictionary.len() + keyword_lists.len());
    for (key, lang, roles, term) in &dictionary {
        let r = refs[slot_of[*term as usize].expect("every term has its postings")];
        let lang = langs.iter().position(|l| l == lang).unwrap_or(0) as u8;
        entries.push(dict::Entry {
            key: key.to_string(),
            refs: vec![dict::EntryRef {
                lang,
                roles: *roles,
                r,
            }],
        });
    }
    for (i, (field, token, _, _)) in keyword_lists.iter().enumerate() {
        entries.push(dict::Entry {
            key: dict::keyword_key(*field, token),
            refs: vec![dict::EntryRef {
                lang: dict::KEYWORD_LANG,
                roles: field.code(),
                r: refs[first_keyword + i],
            }],
        });
    }
    let entries = dict::merge_sorted(entries);
    let chunks = dict::chunk(&entries, CHUNK_BYTES);

    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        created_by: format!("lede {}", env!("CARGO_PKG_VERSION")),
        docs: max_doc as u32,
        live: corpus.len() as u32,
        languages: langs.clone(),
        doc_block: doc_block(max_doc),
        keyword_block: 1,
        list_block: LIST_BLOCK,
        dict_chunks: chunks.len() as u32,
        terms: n_terms as u32,
    };
    zip.add(&names::header(prefix), &json_bytes(&header)?, false)?;
    // One entry per slot: the index has none for empty slots at the end.
    let mut norms = index.norms();
    norms.resize(max_doc, Default::default());
    zip.add(&names::norms(prefix), &super::encode_norms(&norms), true)?;
    zip.add(
        &names::dict_index(prefix),
        &dict::encode_index(&chunks),
        true,
    )?;
    let chunk_members: Vec<(String, &[u8])> = chunks
        .iter()
        .enumerate()
        .map(|(i, c)| (names::dict(prefix, i), c.bytes.as_slice()))
        .collect();
    zip.add_all(&chunk_members, true)?;
    let mut records = super::KeywordRecords::default();
    for d in 0..max_doc {
        records.push(index.keywords(d as u32));
    }
    records.write(zip, prefix)?;
    let summaries = corpus.summaries();
    let pages = summaries
        .chunks(LIST_BLOCK as usize)
        .enumerate()
        .map(|(b, page)| Ok((names::list(prefix, b), json_bytes(&page)?)))
        .collect::<Result<Vec<_>>>()?;
    zip.add_all(&pages, true)?;
    // The dated events of every document first, on every core (the
    // timeline reads them, and they are kept); then people and the
    // timeline at once.
    if wanted.contains(&"timeline") {
        let ids: Vec<crate::DocId> = corpus.iter().map(|(id, _)| id).collect();
        crate::par::map(&ids, |&id| {
            corpus.events(id);
        });
    }
    // People: their whole view when wanted, and their counts whatever
    // views are stored (the list of a corpus too big for its quotes).
    let mut jobs: Vec<&'static str> = ["people", "timeline"]
        .into_iter()
        .filter(|v| wanted.contains(v))
        .collect();
    if !jobs.contains(&"people") {
        jobs.push(PEOPLE_COUNTS);
    }
    let views = crate::par::map(&jobs, |name| -> Result<Vec<(&'static str, Vec<u8>)>> {
        Ok(match *name {
            "people" => {
                let mut people = corpus.people();
                let full = json_bytes(&people)?;
                for p in &mut people {
                    p.docs = Vec::new();
                }
                vec![("people", full), (PEOPLE_COUNTS, json_bytes(&people)?)]
            }
            PEOPLE_COUNTS => vec![(PEOPLE_COUNTS, json_bytes(&corpus.people_counts())?)],
            _ => vec![("timeline", json_bytes(&corpus.timeline(None))?)],
        })
    })
    .into_iter()
    .collect::<Result<Vec<_>>>()?;
    // The timeline's counts, whatever views are stored: the chart of a
    // corpus too big for its events (those tagged above are read again).
    let mut views: Vec<(&'static str, Vec<u8>)> = views.into_iter().flatten().collect();
    views.push((
        TIMELINE_COUNTS,
        super::counts::encode(&corpus.timeline_counts_unkept()),
    ));
    Ok(Written {
        postings,
        terms: n_terms,
        dict_chunks: chunks.len(),
        views,
    })
}
