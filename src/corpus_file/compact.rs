//! Segments merged on disk: a file's segments rewritten as one, nothing
//! parsed, extracted or indexed again (`lede compact`, and `lede build`
//! once its streaming build wrote more than one segment).
//!
//! A search reads every segment's dictionary chunks and postings for each
//! of its words, so a file of 24 segments (the million-article build)
//! reads 24 of each where one segment reads one. The streaming build
//! cannot write one segment (memory holds one segment's documents at a
//! time), but the segments it wrote can be merged without holding any
//! documents:
//!
//! - **Ids.** Segment `k`'s slots follow segment `k − 1`'s, padded to a
//!   whole `docs/` block with empty slots (as a removed document leaves),
//!   so every document block is copied as it is; a segment whose
//!   `doc_block` differs from the one most slots have is read and written
//!   again in blocks of that size.
//! - **Dictionary and postings.** The segments' dictionaries are read
//!   chunk by chunk in key order and merged (a k-way merge). A term is
//!   its stem's entry; its postings in the merged file are its postings
//!   in each segment one after another, the first id of each moved up by
//!   the segment's first slot (the rest are deltas). A surface word points
//!   at its stem's merged list, as it did in each segment. Keyword lists
//!   likewise. Lists are deflated again on every core, as a build does.
//! - **The rest.** Norms, prints and keyword records concatenated (padding
//!   slots empty), list pages concatenated with ids moved up, flags
//!   merged as [`super::Shards::flags`] merges them, every segment's
//!   aliases. Views: a file of at most `views_up_to` documents stores
//!   each view merged as [`super::Shards::view`] merges it (so it answers
//!   as before); a bigger one stores none (views of a file that big are
//!   computed on a search's documents).
//!
//! So a search of the merged file gives what the segments searched as one
//! give (global BM25 over all segments is one index's BM25), document for
//! document; only the ids past the first segment differ (the padding).
//! Memory holds the segments' postings, the merged postings and a map
//! from each segment's term to its merged list, not documents.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write;

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::dict::{self, Chunker, Entry, EntryRef, KEYWORD_LANG};
use super::read::unpack;
use super::shards::{compute, merge_view, shift};
use super::write::{pack_list, put_list};
use super::zip::ZipWriter;
use super::{
    names, BuildStats, CorpusFile, Header, Ref, Source, Step, CHUNK_BYTES, FORMAT, LIST_BLOCK,
    PEOPLE_COUNTS, VERSION, VIEWS,
};
use crate::analyze::Flags;
use crate::error::{Error, Result};
use crate::index::{read_varint, write_varint, DocId, DocNorms, PostingsReader, ROLE_STEM};
use crate::query::Aliases;

/// Raw bytes of lists deflated at once (on every core) while merging.
const BATCH_BYTES: usize = 16 << 20;

fn bad(message: impl Into<String>) -> Error {
    Error::BadIndex {
        message: message.into(),
    }
}

fn json_bytes<T: serde::Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| bad(format!("corpus file: {e}")))
}

/// `Step::Done`'s value; a source that must be asked again is an error
/// here (merging needs the whole file at hand).
fn now<T>(step: Result<Step<T>>) -> Result<T> {
    match step? {
        Step::Done(v) => Ok(v),
        Step::Need(_) => Err(bad("merging segments needs the whole file at hand")),
    }
}

/// One segment as the merge reads it.
struct Seg {
    /// Its first slot in the merged file.
    base: DocId,
    /// Its language indexes → the merged file's.
    langs: Vec<u8>,
    /// Its `postings` member.
    postings: Vec<u8>,
}

impl Seg {
    /// The merged file's language index of a term ref of key `key`.
    fn lang(&self, r: &EntryRef, key: &str) -> Result<u8> {
        self.langs
            .get(r.lang as usize)
            .copied()
            .ok_or_else(|| bad(format!("dictionary: {key:?} names no language")))
    }
}

/// A merged list being made: the segments' lists, one after another.
#[derive(Default)]
struct List {
    raw: Vec<u8>,
    count: u32,
    /// The last id written (`None`: empty).
    last: Option<DocId>,
    /// `(segment, offset in its postings)` of each part.
    parts: Vec<(usize, u64)>,
}

impl List {
    /// Appends one segment's list (`piece`, its ids from the segment's
    /// 0), every id moved up by `base`.
    fn append(&mut self, piece: &[u8], base: DocId, keyword: bool, what: &str) -> Result<()> {
        let damaged = || bad(format!("{what}: damaged postings"));
        let mut at = 0;
        let first = read_varint(piece, &mut at).ok_or_else(damaged)?;
        let last = if keyword {
            // Delta varints: the last id is their sum.
            let mut sum = first;
            let mut i = at;
            while i < piece.len() {
                let d = read_varint(piece, &mut i).ok_or_else(damaged)?;
                sum = sum.checked_add(d).ok_or_else(damaged)?;
            }
            sum
        } else {
            PostingsReader::new(piece)
                .last()
                .map(|p| p.doc)
                .ok_or_else(damaged)?
        };
        let (first, last) = (
            base.checked_add(first).ok_or_else(damaged)?,
            base.checked_add(last).ok_or_else(damaged)?,
        );
        let delta = match self.last {
            None => first,
            Some(l) if first > l => first - l,
            Some(_) => return Err(damaged()),
        };
        write_varint(&mut self.raw, delta);
        self.raw.extend_from_slice(&piece[at..]);
        self.last = Some(last);
        Ok(())
    }
}

/// A segment's dictionary, read a chunk at a time in key order.
struct DictStream {
    chunk: usize,
    chunks: usize,
    entries: std::vec::IntoIter<Entry>,
}

impl DictStream {
    fn next<S: Source>(&mut self, file: &CorpusFile<S>) -> Result<Option<Entry>> {
        loop {
            if let Some(e) = self.entries.next() {
                return Ok(Some(e));
            }
            if self.chunk >= self.chunks {
                return Ok(None);
            }
            let name = names::dict(file.prefix(), self.chunk);
            self.entries = dict::decode_chunk(&file.member_now(&name)?, &name)?.into_iter();
            self.chunk += 1;
        }
    }
}

/// Calls `f` with each key of the segments' dictionaries, in order, and
/// every segment's entry of it (in segment order).
fn each_key<S: Source>(
    files: &[CorpusFile<S>],
    mut f: impl FnMut(&str, &[(usize, Entry)]) -> Result<()>,
) -> Result<()> {
    let mut streams: Vec<DictStream> = files
        .iter()
        .map(|file| DictStream {
            chunk: 0,
            chunks: file.header().dict_chunks as usize,
            entries: Vec::new().into_iter(),
        })
        .collect();
    let mut heads: Vec<Option<Entry>> = Vec::with_capacity(files.len());
    let mut heap = BinaryHeap::new();
    for (i, s) in streams.iter_mut().enumerate() {
        let e = s.next(&files[i])?;
        if let Some(e) = &e {
            heap.push(Reverse((e.key.clone(), i)));
        }
        heads.push(e);
    }
    let mut same: Vec<(usize, Entry)> = Vec::new();
    while let Some(Reverse((key, i))) = heap.pop() {
        same.clear();
        let mut take = |i: usize, heap: &mut BinaryHeap<Reverse<(String, usize)>>| -> Result<()> {
            if let Some(e) = heads[i].take() {
                same.push((i, e));
            }
            heads[i] = streams[i].next(&files[i])?;
            if let Some(e) = &heads[i] {
                if e.key.as_str() <= key.as_str() {
                    return Err(bad(format!(
                        "{}dict: keys out of order at {:?}",
                        files[i].prefix(),
                        e.key
                    )));
                }
                heap.push(Reverse((e.key.clone(), i)));
            }
            Ok(())
        };
        take(i, &mut heap)?;
        while heap.peek().is_some_and(|Reverse((k, _))| *k == key) {
            let Some(Reverse((_, j))) = heap.pop() else {
                break;
            };
            take(j, &mut heap)?;
        }
        same.sort_by_key(|(i, _)| *i);
        f(&key, &same)?;
    }
    Ok(())
}

/// A segment's list `r` (checked, inflated).
fn piece(seg: &Seg, r: Ref, what: &str) -> Result<Vec<u8>> {
    let end = r.off.checked_add(r.len as u64);
    let bytes = end
        .and_then(|end| seg.postings.get(r.off as usize..end as usize))
        .ok_or_else(|| bad(format!("{what}: postings past the end of the member")))?;
    unpack(bytes.to_vec(), r)
}

/// Merged postings: the lists written so far and, per segment, where each
/// of its lists (by offset) went.
struct Postings {
    bytes: Vec<u8>,
    moved: Vec<FxHashMap<u64, Ref>>,
    batch: Vec<List>,
    batch_bytes: usize,
}

impl Postings {
    /// Queues a merged list; written (deflated on every core) by
    /// [`Postings::flush`].
    fn queue(&mut self, list: List) {
        self.batch_bytes += list.raw.len();
        self.batch.push(list);
    }

    fn flush(&mut self) {
        let packed = crate::par::map(&self.batch, |l| pack_list(&l.raw));
        for (l, p) in self.batch.drain(..).zip(packed) {
            let r = put_list(&mut self.bytes, &l.raw, p.as_deref(), l.count);
            for (seg, off) in l.parts {
                self.moved[seg].insert(off, r);
            }
        }
        self.batch_bytes = 0;
    }
}

/// The merged file's `doc_block`: the one most slots have.
fn common_block(headers: &[&Header]) -> u32 {
    let mut by: FxHashMap<u32, u64> = FxHashMap::default();
    for h in headers {
        *by.entry(h.doc_block.max(1)).or_default() += h.docs as u64;
    }
    by.into_iter()
        .max_by_key(|&(b, n)| (n, Reverse(b)))
        .map_or(super::DOC_BLOCK, |(b, _)| b)
}

/// Writes the segments `files` (in order; one file's, opened on a source
/// that answers at once) to `out` as a corpus file of one segment, with
/// the file's tags and notes (its root `tags.json`, as stored). Views are stored when the segments hold at most `views_up_to` live
/// documents ([`super::shards::WHOLE_VIEW_DOCS`] for `lede`).
pub fn compact<S: Source, W: Write>(
    files: &mut [CorpusFile<S>],
    views_up_to: usize,
    out: W,
) -> Result<(BuildStats, W)> {
    compact_in_blocks(files, views_up_to, None, out)
}

/// [`compact`] with document blocks of `block` documents (`None`: the
/// `doc_block` most of the segments' slots have).
pub fn compact_in_blocks<S: Source, W: Write>(
    files: &mut [CorpusFile<S>],
    views_up_to: usize,
    block: Option<u32>,
    out: W,
) -> Result<(BuildStats, W)> {
    if files.is_empty() {
        return Err(bad("no segment to merge"));
    }
    // A merge copies every part: one found damaged would be lost.
    if let Some(d) = files.iter().find_map(|f| f.damage_found().first()) {
        return Err(bad(format!("damaged: {d}")));
    }
    let headers: Vec<&Header> = files.iter().map(|f| f.header()).collect();
    let block = block.map_or_else(|| common_block(&headers), |b| b.max(1));
    // The merged languages, in order of first use.
    let mut languages: Vec<String> = Vec::new();
    let mut segs: Vec<Seg> = Vec::with_capacity(files.len());
    let mut base: DocId = 0;
    let mut live: u32 = 0;
    for (i, f) in files.iter().enumerate() {
        let h = f.header();
        let langs = h
            .languages
            .iter()
            .map(|l| {
                let at = languages.iter().position(|x| x == l).unwrap_or_else(|| {
                    languages.push(l.clone());
                    languages.len() - 1
                });
                u8::try_from(at).map_err(|_| bad("more than 255 languages"))
            })
            .collect::<Result<Vec<u8>>>()?;
        let postings = f.member_now(&names::postings(f.prefix()))?;
        segs.push(Seg {
            base,
            langs,
            postings,
        });
        live += h.live;
        // Padded to a whole block, but for the last segment.
        let slots = if i + 1 == files.len() {
            h.docs
        } else {
            h.docs.div_ceil(block) * block
        };
        base = base
            .checked_add(slots)
            .ok_or_else(|| bad("more documents than one file holds"))?;
    }
    let total = base;

    // The terms and keyword lists: each stem's and keyword's lists merged.
    let mut postings = Postings {
        bytes: Vec::new(),
        moved: vec![FxHashMap::default(); files.len()],
        batch: Vec::new(),
        batch_bytes: 0,
    };
    let mut terms = 0usize;
    each_key(files, |key, same| {
        // (merged language, keyword field) → its list.
        let mut lists: Vec<((u8, u8), List)> = Vec::new();
        for (i, e) in same {
            let seg = &segs[*i];
            for r in &e.refs {
                let keyword = r.lang == KEYWORD_LANG;
                if !keyword && r.roles & ROLE_STEM == 0 {
                    continue;
                }
                let id = if keyword {
                    (KEYWORD_LANG, r.roles)
                } else {
                    (seg.lang(r, key)?, 0)
                };
                // (Two stems of one key in one segment stay two terms.)
                let at = match lists
                    .iter()
                    .position(|(k, l)| *k == id && l.parts.iter().all(|p| p.0 != *i))
                {
                    Some(at) => at,
                    None => {
                        lists.push((id, List::default()));
                        lists.len() - 1
                    }
                };
                let list = &mut lists[at].1;
                list.append(&piece(seg, r.r, key)?, seg.base, keyword, key)?;
                list.count += r.r.count;
                list.parts.push((*i, r.r.off));
            }
        }
        for ((lang, _), list) in lists {
            terms += usize::from(lang != KEYWORD_LANG);
            postings.queue(list);
        }
        if postings.batch_bytes >= BATCH_BYTES {
            postings.flush();
        }
        Ok(())
    })?;
    postings.flush();

    // The dictionary: every key, pointing at the merged lists, in a second
    // pass over the keys (a surface word may sort before its stem, whose
    // merged list the first pass makes).
    let mut chunker = Chunker::new(CHUNK_BYTES);
    each_key(files, |key, same| {
        let mut refs: Vec<EntryRef> = Vec::new();
        // A surface word whose term has no stem entry in its segment
        // (none is written so, but a file may hold one): its own list.
        let mut own: Vec<(u8, u8, List)> = Vec::new();
        for (i, e) in same {
            let seg = &segs[*i];
            for r in &e.refs {
                let keyword = r.lang == KEYWORD_LANG;
                let lang = if keyword {
                    KEYWORD_LANG
                } else {
                    seg.lang(r, key)?
                };
                match postings.moved[*i].get(&r.r.off) {
                    Some(&m) => add_ref(&mut refs, lang, r.roles, m),
                    None => {
                        let at = match own.iter().position(|(l, _, _)| *l == lang) {
                            Some(at) => at,
                            None => {
                                own.push((lang, 0, List::default()));
                                own.len() - 1
                            }
                        };
                        let (_, roles, list) = &mut own[at];
                        *roles |= r.roles;
                        list.append(&piece(seg, r.r, key)?, seg.base, keyword, key)?;
                        list.count += r.r.count;
                    }
                }
            }
        }
        for (lang, roles, list) in own {
            let packed = pack_list(&list.raw);
            let m = put_list(
                &mut postings.bytes,
                &list.raw,
                packed.as_deref(),
                list.count,
            );
            terms += usize::from(lang != KEYWORD_LANG);
            add_ref(&mut refs, lang, roles, m);
        }
        chunker.push(&Entry {
            key: key.to_string(),
            refs,
        });
        Ok(())
    })?;
    let chunks = chunker.finish();
    drop(postings.moved);
    for s in &mut segs {
        s.postings = Vec::new();
    }

    let mut zip = ZipWriter::new(out);
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        created_by: format!("lede {}", env!("CARGO_PKG_VERSION")),
        docs: total,
        live,
        languages,
        doc_block: block,
        keyword_block: 1,
        list_block: LIST_BLOCK,
        dict_chunks: chunks.len() as u32,
        terms: terms as u32,
    };
    zip.add(&names::header(""), &json_bytes(&header)?, false)?;
    write_norms(files, &segs, total, &mut zip)?;
    zip.add(&names::dict_index(""), &dict::encode_index(&chunks), true)?;
    let chunk_members: Vec<(String, &[u8])> = chunks
        .iter()
        .enumerate()
        .map(|(i, c)| (names::dict("", i), c.bytes.as_slice()))
        .collect();
    zip.add_all(&chunk_members, true)?;
    drop(chunk_members);
    let dict_chunks = chunks.len();
    drop(chunks);
    write_keywords(files, &segs, total, &mut zip)?;
    write_list(files, &segs, &mut zip)?;
    if live as usize <= views_up_to {
        let mut views = Vec::new();
        for name in VIEWS {
            views.push((
                names::view("", name),
                json_bytes(&merged_view(files, &segs, name)?)?,
            ));
        }
        zip.add_all(&views, true)?;
    }
    // The timeline's counts, whatever the size, when every segment has them.
    let counts: Option<Vec<crate::TimelineCounts>> = files
        .iter_mut()
        .map(|f| now(f.timeline_counts(super::shards::SCOPED_VIEW_DOCS)))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .map(|c| c.map(|c| c.to_counts()))
        .collect();
    if let Some(counts) = counts {
        let merged = crate::TimelineCounts::merge(counts);
        zip.add(&names::counts(""), &super::counts::encode(&merged), true)?;
    }
    // The people's counts, whatever the size, when every segment has them.
    let people: Option<Vec<Value>> = files
        .iter_mut()
        .map(|f| now(f.people_counts(super::shards::SCOPED_VIEW_DOCS)))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .collect();
    if let Some(parts) = people {
        let merged = merge_view("people", parts);
        zip.add(&names::view("", PEOPLE_COUNTS), &json_bytes(&merged)?, true)?;
    }
    // The flags, when every segment stores its own.
    let flags: Option<Vec<(DocId, Flags)>> = files
        .iter()
        .zip(&segs)
        .map(|(f, s)| f.flags().map(|fl| (s.base, fl.clone())))
        .collect();
    if let Some(parts) = flags {
        zip.add(&names::flags(""), &json_bytes(&Flags::merge(parts))?, true)?;
    }
    let pairs = Aliases::new(files.iter().flat_map(|f| f.aliases().pairs())).pairs();
    zip.add(&names::aliases(""), &json_bytes(&pairs)?, true)?;
    write_docs(files, &segs, block, &mut zip)?;
    write_prints(files, &segs, total, &mut zip)?;
    if files[0].has_member(names::TAGS) {
        zip.add(names::TAGS, &files[0].member_now(names::TAGS)?, true)?;
    }
    let postings_member = zip.add(&names::postings(""), &postings.bytes, false)?;
    drop(postings.bytes);
    let stats = BuildStats {
        docs: live as usize,
        terms,
        dict_chunks,
        postings_bytes: postings_member.size,
        members: zip.len() + 1,
        file_bytes: zip.position(),
        segments: 1,
    };
    let out = zip.finish()?;
    Ok((stats, out))
}

/// Adds `m` to an entry's refs: a key that is a surface word and a stem of
/// the same term has one ref with both roles.
fn add_ref(refs: &mut Vec<EntryRef>, lang: u8, roles: u8, m: Ref) {
    match refs.iter_mut().find(|e| e.lang == lang && e.r.off == m.off) {
        Some(e) if lang != KEYWORD_LANG => e.roles |= roles,
        Some(_) => {}
        None => refs.push(EntryRef { lang, roles, r: m }),
    }
}

/// The slots a segment takes in the merged file (its own, then padding).
fn slots(segs: &[Seg], i: usize, total: DocId) -> DocId {
    segs.get(i + 1).map_or(total, |s| s.base) - segs[i].base
}

fn write_norms<S: Source, W: Write>(
    files: &[CorpusFile<S>],
    segs: &[Seg],
    total: DocId,
    zip: &mut ZipWriter<W>,
) -> Result<()> {
    let mut norms: Vec<DocNorms> = Vec::with_capacity(total as usize);
    for (i, f) in files.iter().enumerate() {
        let name = names::norms(f.prefix());
        let mut n = super::decode_norms(&f.member_now(&name)?)?;
        if n.len() > slots(segs, i, total) as usize {
            return Err(bad(format!("{name}: more slots than lede.json says")));
        }
        n.resize(slots(segs, i, total) as usize, DocNorms::default());
        norms.extend(n);
    }
    zip.add(&names::norms(""), &super::encode_norms(&norms), true)?;
    Ok(())
}

/// The keyword records of the merged slots (padding slots empty).
fn write_keywords<S: Source, W: Write>(
    files: &[CorpusFile<S>],
    segs: &[Seg],
    total: DocId,
    zip: &mut ZipWriter<W>,
) -> Result<()> {
    let mut records = super::KeywordRecords::default();
    for (i, f) in files.iter().enumerate() {
        let rows = f.keyword_rows_now()?;
        for row in &rows {
            records.push(row);
        }
        for _ in rows.len()..slots(segs, i, total) as usize {
            records.push(&[]);
        }
    }
    records.write(zip, "")
}

/// The document list: every segment's pages, ids moved up, in pages of
/// [`LIST_BLOCK`].
fn write_list<S: Source, W: Write>(
    files: &[CorpusFile<S>],
    segs: &[Seg],
    zip: &mut ZipWriter<W>,
) -> Result<()> {
    let per = LIST_BLOCK as usize;
    let mut page: Vec<Value> = Vec::with_capacity(per);
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let mut written = 0usize;
    for (f, s) in files.iter().zip(segs) {
        let h = f.header();
        let n = (h.live as usize).div_ceil(h.list_block.max(1) as usize);
        for p in 0..n {
            let name = names::list(f.prefix(), p);
            let items: Vec<Value> = serde_json::from_slice(&f.member_now(&name)?)
                .map_err(|e| bad(format!("{name}: {e}")))?;
            for mut d in items {
                if let Some(id) = d.get("id").and_then(Value::as_u64) {
                    d["id"] = Value::from(id + s.base as u64);
                }
                page.push(d);
                if page.len() == per {
                    pages.push((names::list("", written), json_bytes(&page)?));
                    page.clear();
                    written += 1;
                }
            }
        }
        if pages.len() >= 64 {
            zip.add_all(&pages, true)?;
            pages.clear();
        }
    }
    if !page.is_empty() {
        pages.push((names::list("", written), json_bytes(&page)?));
    }
    zip.add_all(&pages, true)?;
    Ok(())
}

/// View `name` of the segments merged as [`super::Shards::view`] merges
/// them (each segment's stored view, or computed from its documents).
fn merged_view<S: Source>(files: &mut [CorpusFile<S>], segs: &[Seg], name: &str) -> Result<Value> {
    let mut parts = Vec::with_capacity(files.len());
    for (f, s) in files.iter_mut().zip(segs) {
        let mut out = None;
        let stored = now(f.view_or(name, None, |c| out = Some(compute(name, c, None))))?;
        let mut v = match out {
            Some(v) => v?,
            None => stored,
        };
        shift(&mut v, s.base);
        parts.push(v);
    }
    Ok(match parts.len() {
        1 => parts.pop().unwrap_or(Value::Null),
        _ => merge_view(name, parts),
    })
}

/// The document blocks: copied as they are where a segment's `doc_block`
/// is the merged file's, else read and written again in its blocks.
fn write_docs<S: Source, W: Write>(
    files: &[CorpusFile<S>],
    segs: &[Seg],
    block: u32,
    zip: &mut ZipWriter<W>,
) -> Result<()> {
    let bs = block as usize;
    for (f, s) in files.iter().zip(segs) {
        let h = f.header();
        let first = s.base as usize / bs;
        let own = h.doc_block.max(1) as usize;
        let n = (h.docs as usize).div_ceil(own);
        if own == bs {
            for b in 0..n {
                let bytes = f.member_now(&names::docs(f.prefix(), b))?;
                zip.add(&names::docs("", first + b), &bytes, false)?;
            }
            continue;
        }
        let mut docs = Vec::new();
        let mut extractions = Vec::new();
        let mut out = first;
        for b in 0..n {
            let name = names::docs(f.prefix(), b);
            let bytes = f.member_now(&name)?;
            let parts = crate::snapshot::read(&bytes).map_err(|e| bad(format!("{name}: {e}")))?;
            // The block's slots (a short block's last ones are empty).
            let want = (h.docs as usize - b * own).min(own);
            let (mut d, mut e) = (parts.docs, parts.extractions);
            d.resize_with(want, || None);
            e.resize_with(want, || None);
            docs.extend(d);
            extractions.extend(e);
            while docs.len() >= bs {
                let rest_d = docs.split_off(bs);
                let rest_e = extractions.split_off(bs);
                let packed =
                    crate::snapshot::write_level(&docs, &extractions, &[], super::write::DOC_LEVEL);
                zip.add(&names::docs("", out), &packed, false)?;
                out += 1;
                docs = rest_d;
                extractions = rest_e;
            }
        }
        if !docs.is_empty() {
            let packed =
                crate::snapshot::write_level(&docs, &extractions, &[], super::write::DOC_LEVEL);
            zip.add(&names::docs("", out), &packed, false)?;
        }
    }
    Ok(())
}

/// The prints of the merged slots, when every segment has its own.
fn write_prints<S: Source, W: Write>(
    files: &[CorpusFile<S>],
    segs: &[Seg],
    total: DocId,
    zip: &mut ZipWriter<W>,
) -> Result<()> {
    if !files
        .iter()
        .all(|f| f.has_member(&names::prints(f.prefix())))
    {
        return Ok(());
    }
    let mut slots: Vec<(u64, String)> = vec![(0, String::new()); total as usize];
    for (f, s) in files.iter().zip(segs) {
        let name = names::prints(f.prefix());
        for (print, slot, file) in super::decode_prints(&f.member_now(&name)?)? {
            let at = s.base as usize + slot as usize;
            if slot >= f.header().docs || at >= slots.len() {
                return Err(bad(format!("{name}: a slot past the segment's end")));
            }
            slots[at] = (print, file);
        }
    }
    let bytes = super::encode_print_slots(slots.iter().map(|(p, f)| (*p, f.as_str())));
    zip.add(&names::prints(""), &bytes, true)?;
    Ok(())
}
