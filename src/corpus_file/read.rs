//! Reading a corpus file lazily (see [`super`]).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::dict::{self, Entry, KEYWORD_LANG};
use super::zip::{self, Member};
use super::{names, Header, Read, Ref, Source, Step, FORMAT, VERSION};
use crate::analyze::Flags;
use crate::corpus::Corpus;
use crate::doc::Document;
use crate::error::{Error, Result};
use crate::extract::Extraction;
use crate::index::{word_keys, DocId, Field, Index, Miss};
use crate::query::{Aliases, SearchOptions, SearchResults};

/// Bytes read from the end of the file when opening: the ZIP directory
/// of a corpus of up to about 15,000 documents fits; a larger one takes a
/// second read.
const TAIL: u64 = 64 * 1024;
/// Decoded documents kept (of the blocks read, the documents asked for).
pub(crate) const DOC_CACHE_DOCS: usize = 2048;
/// Loaded index bytes (postings, dictionary) before starting over.
pub(crate) const INDEX_BUDGET: usize = 96 << 20;
/// Rounds of loading one operation may take.
const MAX_ROUNDS: usize = 16;
/// The most dictionary chunks a prefix (or a typo's first letter) loads.
const MAX_PREFIX_CHUNKS: usize = 512;
/// Up to this many chunks, a typo search loads the whole dictionary (and
/// so finds what a whole index finds); beyond, the words sharing the
/// typed word's first or second letter.
const WHOLE_DICT_CHUNKS: usize = 64;
/// The most edits a typo's corrections are away from it (the index's
/// fuzzy search finds nothing beyond 3): a word within them is at most
/// this many bytes longer or shorter.
const FUZZY_EDITS: usize = 3;

fn bad(message: impl Into<String>) -> Error {
    Error::BadIndex {
        message: message.into(),
    }
}

/// Why a read did not give bytes.
enum Fail {
    Need(u64, u64),
    Bad(Error),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        Fail::Bad(e)
    }
}

type Got<T> = std::result::Result<T, Fail>;

/// A document slot of a block.
type Slot = (Option<Document>, Option<Extraction>);

/// A document with its extraction.
pub type StoredDoc = (Document, Option<Extraction>);

/// A document with its id and extraction.
pub(crate) type StoredItem = (DocId, Document, Option<Extraction>);

/// The keyword values of each document of a block.
pub(super) type BlockKeywords = Vec<Vec<(Field, Box<str>)>>;

/// Where a segment's documents' keyword values (what facets count) are.
enum KeywordRecords {
    /// Version 3: where each slot's record starts in `keywords.dat` (one
    /// more for the end), and where that member's data starts in the file.
    At(Vec<u32>, u64),
    /// Version 2: in `keywords/` blocks.
    Blocks,
    /// `keywords.off` is damaged (said in the notes): facets count no
    /// document of the segment; search and documents work.
    Damaged,
}

/// A file's members by name, shared by its segments.
pub type Members = Arc<FxHashMap<String, Member>>;

/// The outcome of [`CorpusFile::open`].
pub enum Opened<S> {
    Ready(Box<CorpusFile<S>>),
    /// Supply these ranges to the source and call `open` again.
    Need(S, Vec<(u64, u64)>),
}

/// A corpus file opened for reading.
pub struct CorpusFile<S> {
    source: S,
    header: Header,
    /// The file's members (shared by its segments).
    members: Members,
    /// This segment's member prefix ([`names::segment`]).
    prefix: String,
    table: Vec<(String, String)>,
    aliases: Aliases,
    /// The flags of the segment's statement trails (`flags.json`, or
    /// gathered from the documents by the first `flag:` search when the
    /// segment does not store them; `None` until then).
    flags: Option<Flags>,
    postings_at: u64,
    index: Index,
    chunks: FxHashSet<usize>,
    /// Postings offset → term slot of the partial index.
    slots: FxHashMap<u64, u32>,
    /// Term slot → where its postings are.
    term_refs: Vec<Ref>,
    keyword_refs: FxHashMap<(Field, String), Ref>,
    /// Where the documents' keyword values are.
    keyword_records: KeywordRecords,
    /// Decoded documents by id: the ones asked for, not their whole
    /// blocks (a search's hits are one or two of a block's documents);
    /// with their extractions (`true`) or, for a search's hits, without.
    docs: FxHashMap<DocId, (Slot, bool)>,
    doc_order: VecDeque<DocId>,
    /// Index bytes and documents this reader keeps ([`CorpusFile::set_budget`]).
    budget: (usize, usize),
    /// What was found damaged, said once per search.
    damaged: Vec<String>,
    damaged_blocks: FxHashSet<u32>,
    /// The file's `tags.json` (`None` until a query asking for tags
    /// reads it) and the tags the caller adds ([`CorpusFile::set_tags`]).
    file_tags: Option<crate::tags::Tags>,
    extra_tags: crate::tags::Tags,
    /// Each live document's print and id, both ways (read with the tags).
    print_ids: Option<(FxHashMap<u64, DocId>, FxHashMap<DocId, u64>)>,
    /// Documents hidden as copies of another file's ([`CorpusFile::hide`]).
    hidden: Vec<DocId>,
}

impl<S> std::fmt::Debug for CorpusFile<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusFile")
            .field("header", &self.header)
            .finish_non_exhaustive()
    }
}

fn get<S: Source>(source: &S, offset: u64, len: u64) -> Got<Vec<u8>> {
    match source.read(offset, len) {
        Read::Bytes(b) if b.len() as u64 == len => Ok(b),
        Read::Bytes(_) => Err(Fail::Bad(bad(
            "truncated: a block ends past the end of the file",
        ))),
        Read::Missing => Err(Fail::Need(offset, len)),
        Read::Failed(e) => Err(Fail::Bad(e)),
    }
}

fn member_bytes<S: Source>(source: &S, m: &Member) -> Got<Vec<u8>> {
    let (off, len) = m.range();
    let raw = get(source, off, len)?;
    Ok(m.decode(&raw)?)
}

/// Runs `f` on each item, collecting the ranges still needed; stops at
/// the first other failure.
fn each<T>(
    items: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T) -> Got<()>,
) -> Result<Vec<(u64, u64)>> {
    let mut need = Vec::new();
    for it in items {
        match f(it) {
            Ok(()) => {}
            Err(Fail::Need(o, l)) => need.push((o, l)),
            Err(Fail::Bad(e)) => return Err(e),
        }
    }
    need.sort_unstable();
    need.dedup();
    Ok(need)
}

impl<S: Source> CorpusFile<S> {
    /// Opens a corpus file of `file_len` bytes: checks its magic and
    /// version and reads what every operation needs.
    pub fn open(source: S, file_len: u64) -> Result<Opened<S>> {
        let head_len = file_len.min(64);
        let tail_len = file_len.min(TAIL);
        let (head, tail) = match (
            get(&source, 0, head_len),
            get(&source, file_len - tail_len, tail_len),
        ) {
            (Ok(h), Ok(t)) => (h, t),
            (Err(Fail::Bad(e)), _) | (_, Err(Fail::Bad(e))) => return Err(e),
            (h, t) => {
                let need = [h.err(), t.err()]
                    .into_iter()
                    .flatten()
                    .filter_map(|f| match f {
                        Fail::Need(o, l) => Some((o, l)),
                        Fail::Bad(_) => None,
                    })
                    .collect();
                return Ok(Opened::Need(source, need));
            }
        };
        if !head.starts_with(b"PK\x03\x04") || head.get(30..39) != Some(names::HEADER.as_bytes()) {
            return Err(bad(
                "not a Lede corpus file (it does not start with a lede.json member)",
            ));
        }
        let range = zip::find_directory(&tail, file_len)?;
        let tail_start = file_len - tail_len;
        let dir = if range.offset >= tail_start {
            let at = (range.offset - tail_start) as usize;
            tail[at..at + range.len as usize].to_vec()
        } else {
            match get(&source, range.offset, range.len) {
                Ok(b) => b,
                Err(Fail::Need(o, l)) => return Ok(Opened::Need(source, vec![(o, l)])),
                Err(Fail::Bad(e)) => return Err(e),
            }
        };
        let members: FxHashMap<String, Member> = zip::parse_directory(&dir, range)?
            .into_iter()
            .map(|m| (m.name.clone(), m))
            .collect();
        CorpusFile::open_segment(source, Arc::new(members), String::new())
    }

    /// Opens the segment with member prefix `prefix` of a file whose
    /// members are `members` (from [`CorpusFile::members_shared`] and
    /// [`CorpusFile::segments`] of its segment 0).
    pub fn open_segment(source: S, members: Members, prefix: String) -> Result<Opened<S>> {
        let member = |name: &str| {
            members
                .get(name)
                .ok_or_else(|| bad(format!("the member {name} is missing")))
        };
        // The header first: a newer version is said before anything else.
        let header: Header = match member_bytes(&source, member(&names::header(&prefix))?) {
            Ok(b) => serde_json::from_slice(&b)
                .map_err(|e| bad(format!("{}: {e}", names::header(&prefix))))?,
            Err(Fail::Need(o, l)) => return Ok(Opened::Need(source, vec![(o, l)])),
            Err(Fail::Bad(e)) => return Err(e),
        };
        if header.format != FORMAT {
            return Err(bad(format!(
                "lede.json: format '{}', not {FORMAT}",
                header.format
            )));
        }
        if header.version > VERSION {
            return Err(bad(format!(
                "made by a newer Lede (corpus file version {}; this build reads version {VERSION}): update Lede to open it",
                header.version
            )));
        }
        let mut wanted = vec![
            names::norms(&prefix),
            names::dict_index(&prefix),
            names::aliases(&prefix),
        ];
        // Files made before the flags were stored have none.
        let has_flags = members.contains_key(&names::flags(&prefix));
        if has_flags {
            wanted.push(names::flags(&prefix));
        }
        let records = match members.get(&names::keyword_records(&prefix)) {
            // Read by range: a record's bytes are where the offsets say
            // only in a stored member.
            Some(m) if m.method != 0 => {
                return Err(bad(format!("{}: compressed", m.name)));
            }
            Some(m) => {
                wanted.push(names::keyword_offsets(&prefix));
                Some((m.data_offset(), m.size))
            }
            None => None,
        };
        // Each member's bytes, or what is wrong with it: the norms and the
        // dictionary's table are needed for anything; a damaged alias
        // table, flags or keyword offsets leave the rest usable.
        // A read that fails (the source's error, a short read) fails the
        // open, as before: only bytes that were read and do not check out
        // are damage.
        let mut got: Vec<Result<Vec<u8>>> = Vec::new();
        let mut need = Vec::new();
        for name in &wanted {
            let m = member(name)?;
            let (off, len) = m.range();
            got.push(match get(&source, off, len) {
                Ok(raw) => m.decode(&raw),
                Err(Fail::Need(o, l)) => {
                    need.push((o, l));
                    Ok(Vec::new())
                }
                Err(Fail::Bad(e)) => return Err(e),
            });
        }
        if !need.is_empty() {
            need.sort_unstable();
            need.dedup();
            return Ok(Opened::Need(source, need));
        }
        let mut got = got.into_iter();
        let mut next = || got.next().expect("one result per member wanted");
        let norms = super::decode_norms(&next()?)?;
        let table = dict::decode_index(&next()?)?;
        if norms.len() != header.docs as usize || table.len() != header.dict_chunks as usize {
            return Err(bad("lede.json does not match norms and dict.idx"));
        }
        // What is damaged, said in the notes of every search.
        let mut damaged: Vec<String> = Vec::new();
        let pairs: Vec<(String, String)> = next()
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| bad(format!("aliases.json: {e}"))))
            .unwrap_or_else(|e| {
                damaged.push(e.to_string());
                Vec::new()
            });
        // Damaged flags are gathered from the documents, as for a file
        // that stores none.
        let flags: Option<Flags> = if has_flags {
            next()
                .and_then(|b| {
                    serde_json::from_slice(&b).map_err(|e| bad(format!("flags.json: {e}")))
                })
                .map_err(|e| damaged.push(e.to_string()))
                .ok()
        } else {
            None
        };
        let keyword_records = match records {
            None => KeywordRecords::Blocks,
            Some((at, len)) => {
                let offsets = next().and_then(|off| {
                    let offsets = super::decode_keyword_offsets(&off)?;
                    if offsets.len() != header.docs as usize + 1
                        || offsets.last().is_some_and(|&end| end as u64 != len)
                    {
                        return Err(bad(
                            "keywords.off does not match lede.json and keywords.dat",
                        ));
                    }
                    Ok(offsets)
                });
                match offsets {
                    Ok(o) => KeywordRecords::At(o, at),
                    Err(e) => {
                        damaged.push(format!("{e} (the facets leave this part out)"));
                        KeywordRecords::Damaged
                    }
                }
            }
        };
        let postings_at = member(&names::postings(&prefix))?.data_offset();
        let langs: Vec<&str> = header.languages.iter().map(String::as_str).collect();
        let index = Index::partial(&norms, &langs);
        Ok(Opened::Ready(Box::new(CorpusFile {
            source,
            members,
            prefix,
            table,
            index,
            aliases: Aliases::new(pairs),
            flags,
            postings_at,
            header,
            chunks: FxHashSet::default(),
            slots: FxHashMap::default(),
            term_refs: Vec::new(),
            keyword_refs: FxHashMap::default(),
            keyword_records,
            docs: FxHashMap::default(),
            doc_order: VecDeque::new(),
            budget: (INDEX_BUDGET, DOC_CACHE_DOCS),
            damaged,
            damaged_blocks: FxHashSet::default(),
            file_tags: None,
            extra_tags: Default::default(),
            print_ids: None,
            hidden: Vec::new(),
        })))
    }

    /// The member prefixes of the file's other segments, in order (empty
    /// for a file of one segment; see [`CorpusFile::open_segment`]).
    pub fn segments(&self) -> Vec<String> {
        let mut found: Vec<usize> = self
            .members
            .keys()
            .filter_map(|n| names::segment_of(n))
            .collect();
        found.sort_unstable();
        found.into_iter().map(names::segment).collect()
    }

    /// Whether `other` is a segment of the same file (opened with the
    /// same directory).
    pub fn same_file(&self, other: &CorpusFile<S>) -> bool {
        Arc::ptr_eq(&self.members, &other.members)
    }

    /// The file's members, to open its other segments with.
    pub fn members_shared(&self) -> Members {
        Arc::clone(&self.members)
    }

    /// `lede.json`.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The source (to supply ranges to it).
    pub fn source_mut(&mut self) -> &mut S {
        &mut self.source
    }

    /// Live documents (not counting those hidden: [`CorpusFile::hide`]).
    pub fn len(&self) -> usize {
        self.header.live as usize - self.hidden.len()
    }

    /// Whether the file holds no document (or every one is hidden).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether document `id` is live and not hidden.
    pub fn is_live(&self, id: DocId) -> bool {
        self.index.is_live(id)
    }

    /// Hides `ids` (copies of documents another open file holds: see
    /// [`crate::corpus_file::Shards::hide_copies`]) from searches, counts,
    /// the document list and views, as if removed; returns how many were
    /// live and are hidden now.
    pub fn hide(&mut self, ids: &[DocId]) -> usize {
        let mut n = 0;
        for &id in ids {
            if self.index.hide(id) {
                self.hidden.push(id);
                n += 1;
            }
        }
        n
    }

    /// Shows every document [`CorpusFile::hide`] hid again.
    pub fn reveal(&mut self) {
        for id in std::mem::take(&mut self.hidden) {
            self.index.reveal(id);
        }
    }

    /// Each live document's id and print, in id order (none in a file made
    /// before prints).
    pub fn print_list(&mut self) -> Result<Step<Vec<(DocId, u64)>>> {
        if let Step::Need(n) = self.load_print_ids()? {
            return Ok(Step::Need(n));
        }
        let mut v: Vec<(DocId, u64)> = self
            .print_ids
            .as_ref()
            .map(|(_, by_id)| by_id.iter().map(|(&d, &p)| (d, p)).collect())
            .unwrap_or_default();
        v.sort_unstable();
        Ok(Step::Done(v))
    }

    /// The names of the members and their sizes (for `lede info`).
    pub fn members(&self) -> Vec<&Member> {
        let mut v: Vec<&Member> = self.members.values().collect();
        v.sort_by_key(|m| m.offset);
        v
    }

    /// Heap bytes loaded into the partial index.
    pub fn loaded_bytes(&self) -> usize {
        self.index.loaded_bytes()
    }

    /// Every slot's keyword values, from a source that answers at once
    /// (version 3's records or version 2's blocks: [`super::compact`]).
    pub(super) fn keyword_rows_now(&self) -> Result<BlockKeywords> {
        let docs = self.header.docs as usize;
        let mut rows = Vec::with_capacity(docs);
        match &self.keyword_records {
            KeywordRecords::Damaged => return Err(bad("keywords.off is damaged")),
            KeywordRecords::At(off, _) => {
                let name = names::keyword_records(&self.prefix);
                let bytes = self.member_now(&name)?;
                for d in 0..docs {
                    let (lo, hi) = (off[d] as usize, off[d + 1] as usize);
                    let rec = bytes
                        .get(lo..hi)
                        .ok_or_else(|| bad(format!("{name}: document {d}: truncated")))?;
                    rows.push(super::decode_keyword_record(rec, &name, d)?);
                }
            }
            KeywordRecords::Blocks => {
                let kb = self.header.keyword_block.max(1) as usize;
                for b in 0..docs.div_ceil(kb) {
                    let name = names::keywords(&self.prefix, b);
                    let mut block = decode_keywords(&self.member_now(&name)?, &name)?;
                    block.resize_with((docs - b * kb).min(kb), Vec::new);
                    rows.extend(block);
                }
            }
        }
        Ok(rows)
    }

    /// `got`'s value, or (a damaged part, named in the results' notes)
    /// an empty one: the rest answers.
    fn or_damaged<T: Default>(&mut self, got: Got<T>) -> Got<T> {
        match got {
            Err(Fail::Bad(e)) => {
                self.damage(e);
                Ok(T::default())
            }
            other => other,
        }
    }

    /// What was found damaged so far (at open: a damaged alias table,
    /// flags or keyword offsets).
    pub(super) fn damage_found(&self) -> &[String] {
        &self.damaged
    }

    /// This segment's member prefix ([`names::segment`]).
    pub(super) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The bytes of the stored whole-corpus view `name` once decompressed
    /// (0: not stored; read from the directory, nothing else).
    pub fn stored_view_bytes(&self, name: &str) -> u64 {
        self.members
            .get(&names::view(&self.prefix, name))
            .map_or(0, |m| m.size)
    }

    /// Whether the file has a member `name`.
    pub(super) fn has_member(&self, name: &str) -> bool {
        self.members.contains_key(name)
    }

    /// Member `name`, decoded and checked, from a source that answers at
    /// once (a file on disk, a whole file in memory: [`super::compact`]).
    pub(super) fn member_now(&self, name: &str) -> Result<Vec<u8>> {
        match self.read_member(name) {
            Ok(b) => Ok(b),
            Err(Fail::Bad(e)) => Err(e),
            Err(Fail::Need(..)) => Err(bad(format!(
                "{name}: not at hand (this needs the whole file)"
            ))),
        }
    }

    fn member(&self, name: &str) -> Got<&Member> {
        self.members
            .get(name)
            .ok_or_else(|| Fail::Bad(bad(format!("the member {name} is missing"))))
    }

    fn read_member(&self, name: &str) -> Got<Vec<u8>> {
        member_bytes(&self.source, self.member(name)?)
    }

    /// Sets what this reader keeps between operations: index bytes
    /// (dictionary entries, postings, keywords) and decoded documents.
    /// Several files searched as one share one budget
    /// ([`super::Shards`]).
    pub fn set_budget(&mut self, index_bytes: usize, docs: usize) {
        self.budget = (index_bytes, docs.max(1));
    }

    /// Decoded documents held.
    pub fn cached_docs(&self) -> usize {
        self.docs.len()
    }

    /// Starts the partial index over when it holds too much; drops the
    /// documents read longest ago beyond the budget.
    fn trim(&mut self) {
        if self.index.loaded_bytes() > self.budget.0 {
            let langs: Vec<&str> = self.header.languages.iter().map(String::as_str).collect();
            // The documents' figures are the index's own (not kept twice).
            let norms = self.index.norms();
            self.index = Index::partial(&norms, &langs);
            // Hidden again (the norms say not live, as of a removed slot).
            let hidden = std::mem::take(&mut self.hidden);
            for &id in &hidden {
                self.index.reveal(id);
            }
            self.hide(&hidden);
            self.chunks.clear();
            self.slots.clear();
            self.term_refs.clear();
            self.keyword_refs.clear();
        }
        while self.doc_order.len() > self.budget.1 {
            if let Some(d) = self.doc_order.pop_front() {
                self.docs.remove(&d);
            }
        }
    }

    /// Records damage (said in the notes of the next results).
    fn damage(&mut self, e: Error) {
        let s = e.to_string();
        if !self.damaged.contains(&s) {
            self.damaged.push(s);
        }
    }

    /// The entries of dictionary chunk `i`; none when it is damaged (its
    /// words are not found, the rest are; the damage is noted).
    fn chunk_entries(&mut self, i: usize) -> Got<Vec<dict::Entry>> {
        let name = names::dict(&self.prefix, i);
        match self
            .read_member(&name)
            .and_then(|b| Ok(dict::decode_chunk(&b, &name)?))
        {
            Ok(e) => Ok(e),
            Err(Fail::Bad(e)) => {
                self.damage(e);
                Ok(Vec::new())
            }
            Err(need) => Err(need),
        }
    }

    /// Loads dictionary chunk `i` into the partial index: every entry, or
    /// with `only`, the entries of those keys (sorted) (a query word's, not the
    /// hundreds of others a chunk holds; the chunk is read again when
    /// another of its words is asked for).
    fn load_chunk(&mut self, i: usize, only: Option<&[String]>) -> Got<()> {
        if self.chunks.contains(&i) {
            return Ok(());
        }
        let entries = self.chunk_entries(i)?;
        self.load_entries(entries, only);
        if only.is_none() {
            self.chunks.insert(i);
        }
        Ok(())
    }

    /// Adds dictionary entries to the partial index (with `only`, those
    /// of these keys, sorted).
    fn load_entries(&mut self, entries: Vec<Entry>, only: Option<&[String]>) {
        for Entry { key, refs } in entries {
            if only.is_some_and(|keys| keys.binary_search(&key).is_err()) {
                continue;
            }
            for er in refs {
                if er.lang == KEYWORD_LANG {
                    let Some(field) = Field::from_code(er.roles) else {
                        continue;
                    };
                    let token = key.rsplit('\u{1}').next().unwrap_or("").to_string();
                    self.keyword_refs.insert((field, token), er.r);
                    continue;
                }
                let Some(lang) = self.header.languages.get(er.lang as usize) else {
                    continue;
                };
                let slot = match self.slots.get(&er.r.off) {
                    Some(&s) => s,
                    None => {
                        let s = self.index.term_slot(er.r.count);
                        self.slots.insert(er.r.off, s);
                        self.term_refs.push(er.r);
                        s
                    }
                };
                let lang = lang.clone();
                self.index.load_entry(&lang, &key, er.roles, slot);
            }
        }
    }

    /// Loads the entries of chunk `i` that a typo `word` may be corrected
    /// to: words within [`FUZZY_EDITS`] bytes of its length, and the
    /// stems of those.
    fn load_near(&mut self, i: usize, word: &str) -> Got<()> {
        if self.chunks.contains(&i) {
            return Ok(());
        }
        let entries = self.chunk_entries(i)?;
        let langs: Vec<&str> = self.header.languages.iter().map(String::as_str).collect();
        let near = |k: &str| k.len().abs_diff(word.len()) <= FUZZY_EDITS;
        let mut keys: Vec<String> = entries
            .iter()
            .filter(|e| near(&e.key))
            .flat_map(|e| word_keys(&e.key, &langs))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        self.load_entries(entries, Some(&keys));
        Ok(())
    }

    fn postings(&self, r: Ref) -> Got<Vec<u8>> {
        let bytes = get(&self.source, self.postings_at + r.off, r.len as u64)?;
        Ok(unpack(bytes, r)?)
    }

    fn resolve(&mut self, miss: Miss) -> Got<()> {
        match miss {
            Miss::Word(w) => {
                let langs: Vec<&str> = self.header.languages.iter().map(String::as_str).collect();
                let mut keys = word_keys(&w, &langs);
                keys.sort_unstable();
                let mut chunks: Vec<usize> = keys
                    .iter()
                    .filter_map(|k| dict::chunk_of(&self.table, k))
                    .collect();
                chunks.sort_unstable();
                chunks.dedup();
                let mut need = None;
                for i in chunks {
                    if let Err(f) = self.load_chunk(i, Some(&keys)) {
                        need = Some(f);
                    }
                }
                match need {
                    Some(f) => Err(f),
                    None => {
                        self.index.mark_word(&w);
                        Ok(())
                    }
                }
            }
            Miss::Prefix(p) => self.load_prefix(&p),
            Miss::Fuzzy(w) => {
                if self.table.len() <= WHOLE_DICT_CHUNKS {
                    return self.load_prefix("");
                }
                // The words sharing the typed word's first letter, and
                // those starting with its second (a first letter typed
                // too many, or the first two swapped): of those chunks,
                // the words as long as a correction can be, and their
                // stems (what ranks the corrections), not the thousands
                // of others.
                let mut chars = w.chars();
                let (first, second) = (chars.next(), chars.next());
                let mut chunks: Vec<usize> = Vec::new();
                for p in [second.filter(|&c| Some(c) != first), first]
                    .into_iter()
                    .flatten()
                {
                    let range = dict::chunks_with_prefix(&self.table, &p.to_string());
                    chunks.extend(range.start..range.end.min(range.start + MAX_PREFIX_CHUNKS));
                }
                chunks.sort_unstable();
                chunks.dedup();
                let mut need = None;
                for i in chunks {
                    if let Err(f) = self.load_near(i, &w) {
                        need = Some(f);
                    }
                }
                match need {
                    Some(f) => Err(f),
                    None => {
                        self.index.mark_fuzzy(&w);
                        Ok(())
                    }
                }
            }
            Miss::Postings(t) => {
                let Some(&r) = self.term_refs.get(t as usize) else {
                    return Ok(());
                };
                let got = self.postings(r);
                let bytes = self.or_damaged(got)?;
                self.index.load_postings(t, bytes);
                Ok(())
            }
            Miss::Keyword(field, token) => {
                let key = dict::keyword_key(field, &token);
                if let Some(i) = dict::chunk_of(&self.table, &key) {
                    self.load_chunk(i, Some(std::slice::from_ref(&key)))?;
                }
                let docs = match self.keyword_refs.get(&(field, token.clone())).copied() {
                    None => Vec::new(),
                    Some(r) => {
                        let got = self.postings(r);
                        decode_doc_list(&self.or_damaged(got)?)
                    }
                };
                self.index.load_keyword(field, &token, docs);
                Ok(())
            }
            Miss::DocKeywords(d) => {
                let values = match &self.keyword_records {
                    // Said at open: no values (none made up).
                    KeywordRecords::Damaged => Ok(Vec::new()),
                    // The document's own record.
                    KeywordRecords::At(off, at) => {
                        let range = off
                            .get(d as usize)
                            .zip(off.get(d as usize + 1))
                            .map(|(&lo, &hi)| (at + lo as u64, hi.saturating_sub(lo) as u64));
                        match range {
                            None | Some((_, 0)) => Ok(Vec::new()),
                            Some((at, len)) => get(&self.source, at, len).and_then(|b| {
                                let name = names::keyword_records(&self.prefix);
                                Ok(super::decode_keyword_record(&b, &name, d as usize)?)
                            }),
                        }
                    }
                    // The block is read for the one document (a facet
                    // counts a few of a block's documents; the others are
                    // not kept).
                    KeywordRecords::Blocks => {
                        let kb = self.header.keyword_block.max(1);
                        let name = names::keywords(&self.prefix, (d / kb) as usize);
                        self.read_member(&name).and_then(|bytes| {
                            Ok(decode_keywords(&bytes, &name)?
                                .into_iter()
                                .nth((d % kb) as usize)
                                .unwrap_or_default())
                        })
                    }
                };
                let values = self.or_damaged(values)?;
                self.index.load_doc_keywords(d, values);
                Ok(())
            }
        }
    }

    fn load_prefix(&mut self, p: &str) -> Got<()> {
        let range = dict::chunks_with_prefix(&self.table, p);
        let range = range.start..range.end.min(range.start + MAX_PREFIX_CHUNKS);
        let mut need = None;
        for i in range {
            if let Err(f) = self.load_chunk(i, None) {
                need = Some(f);
            }
        }
        match need {
            Some(f) => Err(f),
            None => {
                self.index.mark_prefix(p);
                Ok(())
            }
        }
    }

    /// Loads documents `ids` (reading the blocks that hold them; the
    /// other documents of those blocks are not kept), with their
    /// extractions when `whole` (a search's hits show the document only).
    fn load_docs(&mut self, ids: &[DocId], whole: bool) -> Result<Vec<(u64, u64)>> {
        let bs = self.header.doc_block.max(1);
        let mut wanted: Vec<DocId> = ids
            .iter()
            .copied()
            .filter(|d| {
                !self.docs.get(d).is_some_and(|c| c.1 || !whole)
                    && !self.damaged_blocks.contains(&(d / bs))
            })
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut blocks: Vec<u32> = wanted.iter().map(|d| d / bs).collect();
        blocks.dedup();
        let mut loaded = Vec::new();
        let mut damaged = Vec::new();
        let need = each(blocks, |b| {
            let name = names::docs(&self.prefix, b as usize);
            match self.read_member(&name) {
                Ok(bytes) => match crate::snapshot::read(&bytes) {
                    Ok(parts) => {
                        let lo = wanted.partition_point(|&d| d < b * bs);
                        let hi = wanted.partition_point(|&d| d < (b + 1) * bs);
                        let mut slots: Vec<Option<Slot>> = parts
                            .docs
                            .into_iter()
                            .zip(parts.extractions)
                            .map(Some)
                            .collect();
                        for &d in &wanted[lo..hi] {
                            // A slot past the block's end is an empty one.
                            let (doc, ex) = slots
                                .get_mut((d - b * bs) as usize)
                                .and_then(Option::take)
                                .unwrap_or((None, None));
                            loaded.push((d, (doc, ex.filter(|_| whole))));
                        }
                    }
                    Err(e) => damaged.push((b, bad(format!("{name}: {e}")))),
                },
                Err(Fail::Bad(e)) => damaged.push((b, e)),
                Err(need) => return Err(need),
            }
            Ok(())
        })?;
        for (d, slot) in loaded {
            if self.docs.insert(d, (slot, whole)).is_none() {
                self.doc_order.push_back(d);
            }
        }
        for (b, e) in damaged {
            self.damaged_blocks.insert(b);
            self.damage(e);
        }
        Ok(need)
    }

    fn slot(&self, id: DocId) -> Option<&Slot> {
        self.docs.get(&id).map(|c| &c.0)
    }

    fn cached(&self, id: DocId, wanted: &RefCell<Vec<DocId>>) -> Option<&Document> {
        match self.slot(id) {
            Some(s) => s.0.as_ref(),
            None => {
                if !self
                    .damaged_blocks
                    .contains(&(id / self.header.doc_block.max(1)))
                {
                    wanted.borrow_mut().push(id);
                }
                None
            }
        }
    }

    /// Resolves the misses of the last run; returns the ranges still needed.
    fn load(&mut self, misses: Vec<Miss>, docs: &[DocId]) -> Result<Vec<(u64, u64)>> {
        // Dictionary entries before postings: a word's terms are known
        // only once its chunk is loaded.
        let mut need = Vec::new();
        for m in misses {
            match self.resolve(m) {
                Ok(()) => {}
                Err(Fail::Need(o, l)) => need.push((o, l)),
                Err(Fail::Bad(e)) => return Err(e),
            }
        }
        need.extend(self.load_docs(docs, false)?);
        need.sort_unstable();
        need.dedup();
        Ok(need)
    }

    /// Runs `query` (see [`crate::query`]); `Need` until what it reads is
    /// loaded. Parts found damaged are left out and named in the notes.
    pub fn search(&mut self, query: &str, opts: &SearchOptions) -> Result<Step<SearchResults>> {
        if let Some(need) = self.gather_flags_for(query)? {
            return Ok(Step::Need(need));
        }
        self.trim();
        self.index.set_global(None);
        self.run_search(query, opts)
    }

    /// Gathers the segment's flags from its documents when `query`
    /// filters by them (`flag:…`) and the file does not store them (a
    /// lean segment over [`crate::MAX_ALIGN_DOCS`] documents, a file made
    /// before flags were stored): every document is read and aligned
    /// once, then the flags are kept. The ranges to read, if any.
    fn gather_flags_for(&mut self, query: &str) -> Result<Option<Vec<(u64, u64)>>> {
        if self.flags.is_some() || !crate::query::filters_by(query, Field::Flag) {
            return Ok(None);
        }
        Ok(match self.corpus(None)? {
            Step::Need(n) => Some(n),
            Step::Done(c) => {
                self.flags = Some(c.flags().clone());
                None
            }
        })
    }

    /// What this file tells others searched with it as one about `query`
    /// (see [`crate::index::Global`]); `Need` until its words are loaded.
    pub fn vocabulary(&mut self, query: &str) -> Result<Step<crate::index::Vocabulary>> {
        if let Some(need) = self.gather_flags_for(query)? {
            return Ok(Step::Need(need));
        }
        self.trim();
        for _ in 0..MAX_ROUNDS {
            let derived = |f, v: &str| flagged(self.flags.as_ref(), f, v);
            let v = crate::query::vocabulary(&self.index, query, &self.aliases, Some(&derived));
            let misses = self.index.take_misses();
            if misses.is_empty() {
                return Ok(Step::Done(v));
            }
            let need = self.load(misses, &[])?;
            if !need.is_empty() {
                return Ok(Step::Need(need));
            }
        }
        Err(bad("a query needed more loading rounds than expected"))
    }

    /// [`CorpusFile::search`] scored with the statistics of several
    /// indexes searched as one; `global` must come from the
    /// [`CorpusFile::vocabulary`] of the same query just before (its term
    /// ids are this file's loaded terms, which a later query may drop).
    pub fn search_global(
        &mut self,
        query: &str,
        opts: &SearchOptions,
        global: crate::index::Global,
    ) -> Result<Step<SearchResults>> {
        self.index.set_global(Some(global));
        self.run_search(query, opts)
    }

    fn run_search(&mut self, query: &str, opts: &SearchOptions) -> Result<Step<SearchResults>> {
        if let Step::Need(n) = self.tags_for(query)? {
            return Ok(Step::Need(n));
        }
        for _ in 0..MAX_ROUNDS {
            let wanted = RefCell::new(Vec::new());
            let tags = self.tags_now();
            let derived = |f, v: &str| {
                flagged(self.flags.as_ref(), f, v).or_else(|| self.tagged(&tags, f, v))
            };
            let mut r = crate::query::search(
                &self.index,
                |id| self.cached(id, &wanted),
                query,
                opts,
                &self.aliases,
                Some(&derived),
            );
            let misses = self.index.take_misses();
            let wanted = wanted.into_inner();
            if misses.is_empty() && wanted.is_empty() {
                r.notes
                    .extend(self.damaged.iter().map(|d| format!("damaged: {d}")));
                return Ok(Step::Done(r));
            }
            let need = self.load(misses, &wanted)?;
            if !need.is_empty() {
                return Ok(Step::Need(need));
            }
        }
        Err(bad("a query needed more loading rounds than expected"))
    }

    /// Every document matching `query`, in id order.
    pub fn matching(&mut self, query: &str) -> Result<Step<Vec<DocId>>> {
        if let Some(need) = self.gather_flags_for(query)? {
            return Ok(Step::Need(need));
        }
        self.trim();
        if let Step::Need(n) = self.tags_for(query)? {
            return Ok(Step::Need(n));
        }
        for _ in 0..MAX_ROUNDS {
            let tags = self.tags_now();
            let derived = |f, v: &str| {
                flagged(self.flags.as_ref(), f, v).or_else(|| self.tagged(&tags, f, v))
            };
            let ids = crate::query::matching(&self.index, query, &self.aliases, Some(&derived));
            let misses = self.index.take_misses();
            if misses.is_empty() {
                return Ok(Step::Done(ids));
            }
            let need = self.load(misses, &[])?;
            if !need.is_empty() {
                return Ok(Step::Need(need));
            }
        }
        Err(bad("a query needed more loading rounds than expected"))
    }

    /// Document `id` with its extraction (`None`: no such document).
    pub fn document(&mut self, id: DocId) -> Result<Step<Option<StoredDoc>>> {
        if !self.index.is_live(id) {
            return Ok(Step::Done(None));
        }
        if !self.docs.get(&id).is_some_and(|c| c.1) {
            let block = id / self.header.doc_block.max(1);
            if self.damaged_blocks.contains(&block) {
                return Err(bad(format!(
                    "document {id} is in a damaged block: {}",
                    self.damaged.join("; ")
                )));
            }
            let need = self.load_docs(&[id], true)?;
            if !need.is_empty() {
                return Ok(Step::Need(need));
            }
        }
        Ok(Step::Done(
            self.slot(id)
                .and_then(|(d, e)| Some((d.clone()?, e.clone()))),
        ))
    }

    /// What the reader marks in document `id` (see
    /// [`Corpus::annotations`]), speakers named as across the file.
    pub fn annotations(&mut self, id: DocId) -> Result<Step<Option<crate::Annotations>>> {
        Ok(match self.document(id)? {
            Step::Need(n) => Step::Need(n),
            Step::Done(None) => Step::Done(None),
            Step::Done(Some((d, e))) => Step::Done(Some(crate::views::annotations_of(
                &d,
                e.as_ref(),
                &self.aliases,
            ))),
        })
    }

    /// Runs `f` on [`CorpusFile::corpus`] of `ids`: the analyses that read
    /// the documents' text (kwic, collocates, keyness, trends, compare, …).
    pub fn with_corpus<T>(
        &mut self,
        ids: Option<&[DocId]>,
        f: impl FnOnce(&Corpus) -> T,
    ) -> Result<Step<T>> {
        Ok(match self.corpus(ids)? {
            Step::Need(n) => Step::Need(n),
            Step::Done(c) => Step::Done(f(&c)),
        })
    }

    /// The documents `ids` (all when `None`) with their extractions, as
    /// an in-memory [`Corpus`] under the same ids, names merged as across
    /// the whole file: what the analyses that read text run on.
    pub fn corpus(&mut self, ids: Option<&[DocId]>) -> Result<Step<Corpus>> {
        let items = match self.documents(ids)? {
            Step::Done(items) => items,
            Step::Need(n) => return Ok(Step::Need(n)),
        };
        // With the tags (what a Quotes-mode `tag:` asks of each quote).
        let mut corpus = Corpus::from_stored(items, self.aliases.clone());
        corpus.set_tags(self.tags_now());
        Ok(Step::Done(corpus))
    }

    /// The live documents of `ids` (sorted; all when `None`) with their
    /// extractions and ids, in id order.
    pub(crate) fn documents(&mut self, ids: Option<&[DocId]>) -> Result<Step<Vec<StoredItem>>> {
        let ids: Vec<DocId> = match ids {
            Some(ids) => ids.to_vec(),
            None => (0..self.header.docs)
                .filter(|&d| self.index.is_live(d))
                .collect(),
        };
        let bs = self.header.doc_block.max(1);
        // Every block the source does not hold yet, asked for at once (a
        // source that answers later gets one round, not one per block).
        let mut blocks: Vec<u32> = ids
            .iter()
            .filter(|d| !self.docs.get(d).is_some_and(|c| c.1))
            .map(|d| d / bs)
            .collect();
        blocks.dedup();
        let need: Vec<(u64, u64)> = blocks
            .iter()
            .filter_map(|&b| self.members.get(&names::docs(&self.prefix, b as usize)))
            .map(Member::range)
            .filter(|&(o, l)| !self.source.has(o, l))
            .collect();
        if !need.is_empty() {
            return Ok(Step::Need(need));
        }
        let mut items = Vec::with_capacity(ids.len());
        // Block by block, so that the cache never has to hold them all.
        let mut i = 0;
        while i < ids.len() {
            let block = ids[i] / bs;
            let end = i + ids[i..].iter().take_while(|&&d| d / bs == block).count();
            let need = self.load_docs(&ids[i..end], true)?;
            if !need.is_empty() {
                return Ok(Step::Need(need));
            }
            while i < ids.len() && ids[i] / bs == block {
                if let Some((Some(d), e)) = self.slot(ids[i]) {
                    items.push((ids[i], d.clone(), e.clone()));
                }
                i += 1;
            }
            self.trim();
        }
        Ok(Step::Done(items))
    }

    /// Every live document with its extraction, in id order, a block at
    /// a time (for merging files; the blocks are not kept).
    pub fn for_each_document(
        &mut self,
        mut f: impl FnMut(DocId, Document, Option<Extraction>),
    ) -> Result<Step<()>> {
        let bs = self.header.doc_block.max(1);
        for block in 0..self.header.docs.div_ceil(bs) {
            let name = names::docs(&self.prefix, block as usize);
            let bytes = match self.read_member(&name) {
                Ok(b) => b,
                Err(Fail::Need(o, l)) => return Ok(Step::Need(vec![(o, l)])),
                Err(Fail::Bad(e)) => return Err(e),
            };
            let parts = crate::snapshot::read(&bytes).map_err(|e| bad(format!("{name}: {e}")))?;
            for (i, (d, e)) in parts.docs.into_iter().zip(parts.extractions).enumerate() {
                if let Some(d) = d {
                    f(block * bs + i as DocId, d, e);
                }
            }
        }
        Ok(Step::Done(()))
    }

    /// `(fingerprint, id, file)` of each live document, from the `prints`
    /// member (none in a file made before it: see the module docs).
    pub fn prints(&self) -> Result<Step<Vec<(u64, DocId, String)>>> {
        let name = names::prints(&self.prefix);
        if !self.members.contains_key(&name) {
            return Ok(Step::Done(Vec::new()));
        }
        match self.read_member(&name) {
            Ok(bytes) => super::decode_prints(&bytes).map(Step::Done),
            Err(Fail::Need(o, l)) => Ok(Step::Need(vec![(o, l)])),
            Err(Fail::Bad(e)) => Err(e),
        }
    }

    /// A whole-corpus view as stored (`people`, `timeline`, `statements`,
    /// `stories`), as JSON.
    pub fn view(&self, name: &str) -> Result<Step<serde_json::Value>> {
        self.json_member(&names::view(&self.prefix, name))
    }

    /// This segment's timeline counts ([`crate::TimelineCounts`]): as
    /// stored, else counted from its documents when it holds at most
    /// `count_up_to` (a file made before the counts were stored, or one
    /// with hidden documents, which the stored counts count); `None` when
    /// neither.
    pub fn timeline_counts(
        &mut self,
        count_up_to: usize,
    ) -> Result<Step<Option<super::counts::Decoded>>> {
        let name = names::counts(&self.prefix);
        if self.hidden.is_empty() && self.members.contains_key(&name) {
            return match self.read_member(&name) {
                Ok(bytes) => super::counts::decode(bytes, &name).map(|c| Step::Done(Some(c))),
                Err(Fail::Need(o, l)) => Ok(Step::Need(vec![(o, l)])),
                Err(Fail::Bad(e)) => Err(e),
            };
        }
        if self.len() > count_up_to {
            return Ok(Step::Done(None));
        }
        Ok(match self.with_corpus(None, Corpus::timeline_counts)? {
            Step::Need(n) => Step::Need(n),
            Step::Done(c) => {
                let bytes = super::counts::encode(&c);
                Step::Done(Some(super::counts::decode(bytes, &name)?))
            }
        })
    }

    /// This segment's people with their counts and not their quotes
    /// ([`Corpus::people_counts`]): as stored, else counted from its
    /// documents when it holds at most `count_up_to` (a file made before
    /// they were stored, or one with hidden documents, which the stored
    /// counts count); `None` when neither.
    pub fn people_counts(&mut self, count_up_to: usize) -> Result<Step<Option<serde_json::Value>>> {
        let name = names::view(&self.prefix, super::PEOPLE_COUNTS);
        if self.hidden.is_empty() && self.members.contains_key(&name) {
            return Ok(match self.json_member(&name)? {
                Step::Done(v) => Step::Done(Some(v)),
                Step::Need(n) => Step::Need(n),
            });
        }
        if self.len() > count_up_to {
            return Ok(Step::Done(None));
        }
        Ok(match self.with_corpus(None, Corpus::people_counts)? {
            Step::Need(n) => Step::Need(n),
            Step::Done(people) => Step::Done(Some(
                serde_json::to_value(people).map_err(|e| bad(e.to_string()))?,
            )),
        })
    }

    /// The stored whole-corpus view `name` when `ids` is `None` (computed
    /// by `f` over every document when the segment does not store it),
    /// else `f` run on the documents of `ids` (what the view would be over
    /// those documents alone).
    pub fn view_or<T: serde::Serialize>(
        &mut self,
        name: &str,
        ids: Option<&[DocId]>,
        f: impl FnOnce(&Corpus) -> T,
    ) -> Result<Step<serde_json::Value>> {
        // A segment the tab wrote stores the cheap views only: the others
        // are computed from its documents.
        // A stored view counts the hidden documents too: computed then.
        if ids.is_none()
            && self.hidden.is_empty()
            && self.members.contains_key(&names::view(&self.prefix, name))
        {
            return self.view(name);
        }
        match self.with_corpus(ids, f)? {
            Step::Need(n) => Ok(Step::Need(n)),
            Step::Done(v) => serde_json::to_value(v)
                .map(Step::Done)
                .map_err(|e| bad(e.to_string())),
        }
    }

    /// One page of the document list (summaries `page * list_block ..`)
    /// as its stored JSON text (an array; empty past the last page), to
    /// hand on without parsing.
    pub fn list_text(&self, page: usize) -> Result<Step<String>> {
        if page as u64 * self.header.list_block as u64 >= self.header.live.max(1) as u64 {
            return Ok(Step::Done("[]".into()));
        }
        let name = names::list(&self.prefix, page);
        match self.read_member(&name) {
            Ok(bytes) if !self.hidden.is_empty() => {
                // The page without the hidden documents.
                let mut page: Vec<serde_json::Value> =
                    serde_json::from_slice(&bytes).map_err(|e| bad(format!("{name}: {e}")))?;
                page.retain(|d| {
                    d.get("id")
                        .and_then(serde_json::Value::as_u64)
                        .is_none_or(|id| self.index.is_live(id as DocId))
                });
                serde_json::to_string(&page)
                    .map(Step::Done)
                    .map_err(|e| bad(e.to_string()))
            }
            Ok(bytes) => String::from_utf8(bytes)
                .map(Step::Done)
                .map_err(|e| bad(format!("{name}: {e}"))),
            Err(Fail::Need(o, l)) => Ok(Step::Need(vec![(o, l)])),
            Err(Fail::Bad(e)) => Err(e),
        }
    }

    fn json_member(&self, name: &str) -> Result<Step<serde_json::Value>> {
        match self.read_member(name) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Step::Done)
                .map_err(|e| bad(format!("{name}: {e}"))),
            Err(Fail::Need(o, l)) => Ok(Step::Need(vec![(o, l)])),
            Err(Fail::Bad(e)) => Err(e),
        }
    }

    /// The names merged across the file.
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    /// Adds `tags` (the page's store) to the file's own `tags.json` for
    /// `tag:` queries, in place of those added before.
    pub fn set_tags(&mut self, tags: crate::tags::Tags) {
        self.extra_tags = tags;
    }

    /// The file's own tags and notes (its `tags.json`; none when absent).
    pub fn file_tags(&mut self) -> Result<Step<crate::tags::Tags>> {
        if let Some(t) = &self.file_tags {
            return Ok(Step::Done(t.clone()));
        }
        if !self.members.contains_key(names::TAGS) {
            self.file_tags = Some(Default::default());
            return Ok(Step::Done(Default::default()));
        }
        match self.read_member(names::TAGS) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let t = crate::tags::Tags::from_json(names::TAGS, &text)?;
                self.file_tags = Some(t.clone());
                Ok(Step::Done(t))
            }
            Err(Fail::Need(o, l)) => Ok(Step::Need(vec![(o, l)])),
            Err(Fail::Bad(e)) => Err(e),
        }
    }

    /// The key ([`crate::tags::doc_key`]) of each of `ids` here (`None`:
    /// no such live document, or a file made before prints).
    pub fn doc_keys(&mut self, ids: &[DocId]) -> Result<Step<Vec<Option<String>>>> {
        if let Step::Need(n) = self.load_print_ids()? {
            return Ok(Step::Need(n));
        }
        let by_id = self.print_ids.as_ref().map(|(_, b)| b);
        Ok(Step::Done(
            ids.iter()
                .map(|id| {
                    by_id
                        .and_then(|m| m.get(id))
                        .map(|&p| crate::tags::doc_key(p))
                })
                .collect(),
        ))
    }

    fn load_print_ids(&mut self) -> Result<Step<()>> {
        if self.print_ids.is_none() {
            let prints = match self.prints()? {
                Step::Done(p) => p,
                Step::Need(n) => return Ok(Step::Need(n)),
            };
            let by_print = prints.iter().map(|(p, id, _)| (*p, *id)).collect();
            let by_id = prints.iter().map(|(p, id, _)| (*id, *p)).collect();
            self.print_ids = Some((by_print, by_id));
        }
        Ok(Step::Done(()))
    }

    /// Reads what a `tag:` in `query` needs (the tags and the prints);
    /// nothing for a query without one.
    fn tags_for(&mut self, query: &str) -> Result<Step<()>> {
        let q = query.to_lowercase();
        if !q.contains("tag:") && !q.contains("tags:") {
            return Ok(Step::Done(()));
        }
        if let Step::Need(n) = self.file_tags()? {
            return Ok(Step::Need(n));
        }
        self.load_print_ids()
    }

    /// The file's tags with the caller's added.
    pub(crate) fn tags_now(&self) -> crate::tags::Tags {
        let mut t = self.file_tags.clone().unwrap_or_default();
        t.merge(&self.extra_tags);
        t
    }

    /// The documents `tag:NAME` selects in this file.
    fn tagged(&self, tags: &crate::tags::Tags, field: Field, tag: &str) -> Option<Vec<DocId>> {
        let ids = self.print_ids.as_ref().map(|(by_print, _)| by_print);
        tags.derived(
            field,
            tag,
            |p| ids.and_then(|m| m.get(&p).copied()),
            |name| {
                let q = crate::tags::person_query(name);
                crate::query::matching(&self.index, &q, &self.aliases, None)
            },
        )
    }

    /// The flags of the segment's statement trails, as stored
    /// (`flags.json`) or gathered by a `flag:` search; `None` before that
    /// in a segment that does not store them.
    pub fn flags(&self) -> Option<&Flags> {
        self.flags.as_ref()
    }
}

/// The documents `flag:VALUE` selects in a segment with `flags` (the
/// planner's derived lists); `None` for another field, an unknown flag, or
/// a file without stored flags.
fn flagged(flags: Option<&Flags>, field: Field, value: &str) -> Option<Vec<DocId>> {
    if field != Field::Flag {
        return None;
    }
    Some(flags?.docs(crate::vocab::FlagKind::from_name(value)?))
}

/// A list of `postings` as the dictionary's `r` says it is stored
/// (`bytes`, read from `r.off`): checked against its CRC-32, inflated
/// when packed.
pub(super) fn unpack(bytes: Vec<u8>, r: Ref) -> Result<Vec<u8>> {
    if crc32fast::hash(&bytes) != r.crc {
        return Err(bad(format!(
            "postings at {}: checksum mismatch (the block is damaged)",
            r.off
        )));
    }
    if !r.packed {
        return Ok(bytes);
    }
    // Deflate expands at most about 1,032 times.
    miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, bytes.len() * 1032 + 64)
        .map_err(|_| bad(format!("postings at {}: damaged compressed data", r.off)))
}

fn decode_doc_list(bytes: &[u8]) -> Vec<DocId> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut last = 0u32;
    while let Some(v) = crate::index::read_varint(bytes, &mut at) {
        last = if out.is_empty() {
            v
        } else {
            last.saturating_add(v)
        };
        out.push(last);
    }
    out
}

pub(super) fn decode_keywords(bytes: &[u8], name: &str) -> Result<BlockKeywords> {
    let mut c = dict::Cursor::new(bytes, name);
    let mut out = Vec::new();
    while !c.done() {
        let n = c.u32()?;
        let mut v = Vec::with_capacity(n.min(256) as usize);
        for _ in 0..n {
            let f =
                Field::from_code(c.byte()?).ok_or_else(|| bad(format!("{name}: unknown field")))?;
            v.push((f, Box::from(c.str()?)));
        }
        out.push(v);
    }
    Ok(out)
}

/// A corpus file on disk, read with positioned reads (the CLI; it compiles
/// for wasm32 too, where the page never uses it).
pub struct FileSource {
    file: std::sync::Mutex<std::fs::File>,
    name: String,
}

impl FileSource {
    /// Opens `path`; returns the source and the file's length.
    pub fn open(path: &std::path::Path) -> Result<(FileSource, u64)> {
        let io = |e: std::io::Error| Error::Io {
            name: path.display().to_string(),
            message: e.to_string(),
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let len = file.metadata().map_err(io)?.len();
        Ok((
            FileSource {
                file: std::sync::Mutex::new(file),
                name: path.display().to_string(),
            },
            len,
        ))
    }
}

impl Source for FileSource {
    fn read(&self, offset: u64, len: u64) -> Read {
        use std::io::{Read as _, Seek, SeekFrom};
        let Ok(mut f) = self.file.lock() else {
            return Read::Failed(bad("the file handle is poisoned"));
        };
        let mut buf = vec![0u8; len as usize];
        match f
            .seek(SeekFrom::Start(offset))
            .and_then(|_| f.read_exact(&mut buf))
        {
            Ok(()) => Read::Bytes(buf),
            Err(e) => Read::Failed(Error::Io {
                name: self.name.clone(),
                message: format!("reading {len} bytes at {offset}: {e} (is the file truncated?)"),
            }),
        }
    }
}

/// Byte ranges supplied from outside (the page's worker reads them from a
/// `Blob` or over HTTP and hands them in); ranges not supplied yet are
/// [`Read::Missing`]. Holds at most a bounded number of bytes, dropping
/// the oldest ranges first.
#[derive(Default)]
pub struct MemorySource {
    ranges: Vec<(u64, Vec<u8>)>,
    held: usize,
    /// The whole file, when it was handed in at once.
    whole: Option<Vec<u8>>,
}

/// Bytes of supplied ranges a [`MemorySource`] keeps.
/// (Analyses over many documents ask for all their blocks in one round.)
const SUPPLIED_BUDGET: usize = 256 << 20;

impl MemorySource {
    /// A source over a whole file in memory.
    pub fn whole(bytes: Vec<u8>) -> MemorySource {
        MemorySource {
            whole: Some(bytes),
            ..MemorySource::default()
        }
    }

    /// Drops every supplied range (once an operation is done, what it
    /// needed lives in the reader's caches).
    pub fn release(&mut self) {
        self.ranges.clear();
        self.held = 0;
    }

    /// Adds the bytes at `offset`.
    pub fn supply(&mut self, offset: u64, bytes: Vec<u8>) {
        self.held += bytes.len();
        self.ranges.push((offset, bytes));
        while self.held > SUPPLIED_BUDGET && self.ranges.len() > 1 {
            let (_, b) = self.ranges.remove(0);
            self.held -= b.len();
        }
    }
}

impl Source for MemorySource {
    fn has(&self, offset: u64, len: u64) -> bool {
        self.whole.is_some()
            || self
                .ranges
                .iter()
                .any(|(at, b)| *at <= offset && offset + len <= at + b.len() as u64)
    }

    fn read(&self, offset: u64, len: u64) -> Read {
        if let Some(w) = &self.whole {
            return match w.get(offset as usize..(offset + len) as usize) {
                Some(b) => Read::Bytes(b.to_vec()),
                None => Read::Failed(bad("truncated: a block ends past the end of the file")),
            };
        }
        for (at, b) in self.ranges.iter().rev() {
            if *at <= offset && offset + len <= at + b.len() as u64 {
                let s = (offset - at) as usize;
                return Read::Bytes(b[s..s + len as usize].to_vec());
            }
        }
        Read::Missing
    }
}
