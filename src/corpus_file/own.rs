//! The tab's own corpus, stored in the layout of a corpus file.
//!
//! The page keeps what is imported into a tab in the browser's storage as
//! corpus files of one segment each, the same bytes `lede build` writes,
//! stored a chunk at a time (see `www/store.js`). A reload opens them like
//! any corpus file ([`super::Shards`], read lazily: the directory and what
//! the first screen shows), so memory holds what is in use, not every
//! extraction of every document, and a damaged block is named and left
//! out while the rest answers.
//!
//! How documents move:
//! - An import goes into the engine's in-memory corpus (parsing,
//!   extraction, dates inferred across the batch), skipping texts the
//!   stored segments hold ([`CorpusFile::prints`]).
//! - A save writes what the engine holds as a new segment
//!   ([`segment_bytes`]), then the engine lets go of it and the segment is
//!   opened from storage in its place, under the same ids: the union puts
//!   the tab's segments after the opened corpus files and the engine after
//!   them, and a segment keeps its corpus's id slots.
//! - During a long import the engine is saved every [`FLUSH_DOCS`]
//!   documents, so the tab never holds more than that many extractions.
//! - Before an import, a last segment of fewer than [`ABSORB_DOCS`] live
//!   documents is read back into the engine ([`CorpusFile::whole_corpus`])
//!   and saved again with what the import adds: small imports do not pile
//!   up as small segments, and their dates are inferred with the documents
//!   stored before them as context.
//! - Removing a stored document writes its segment again without it
//!   ([`without`]), the other ids unchanged.

use super::{CorpusFile, ShardStep, Shards, Source, Step};
use crate::corpus::Corpus;
use crate::error::Result;
use crate::index::DocId;

/// Documents the engine holds before an import saves them as a segment.
pub const FLUSH_DOCS: usize = 4000;

/// Bytes of text the engine holds before an import saves them as a
/// segment, however few documents that is: a dozen 20 MB documents
/// held at once took 2.6 GB of tab memory, and every import after them
/// read them back.
pub const FLUSH_BYTES: usize = 32 << 20;

/// A last stored segment with fewer live documents than this is read back
/// and written again with the next import.
pub const ABSORB_DOCS: usize = 4000;

/// ... and less text than this (a few large documents are not a small
/// segment, however well they compress: reading them back would cost every
/// small import after them).
pub const ABSORB_BYTES: usize = 8 << 20;

/// How the tab writes a segment: a save must be quick, so the views that
/// take time to make (statements, stories: alignment and clustering) are
/// not stored but computed from the segment's documents when asked for,
/// and so are the flags of a segment over [`crate::MAX_ALIGN_DOCS`]
/// documents or [`crate::views::MAX_ALIGN_TEXT`] bytes of text (gathered
/// by the first `flag:` search); everything is deflated at level 2, not 9
/// (miniz_oxide, the wasm's deflate: about four times as fast as level 6
/// on news text, a tenth larger; the engine writes a segment while the
/// import's workers wait for it).
pub const LEAN: super::Lean = super::Lean {
    cheap_views_only: true,
    doc_level: 2,
    member_level: 2,
    flags_up_to: crate::MAX_ALIGN_DOCS,
    flags_text_up_to: crate::views::MAX_ALIGN_TEXT,
};

/// `corpus` as a corpus file of one segment, written [`LEAN`]. The index
/// is compacted first (see [`super::write`]).
pub fn segment_bytes(corpus: &mut Corpus) -> Result<Vec<u8>> {
    let mut w = super::Writer::new(Vec::new()).lean(LEAN);
    w.add_segment(corpus)?;
    Ok(w.finish_into()?.1)
}

impl<S: Source> CorpusFile<S> {
    /// Every document of this segment with its extraction, as an
    /// in-memory corpus with the segment's id slots (empty ones at its end
    /// included), so that documents added to it get the ids that come next
    /// in the union.
    pub fn whole_corpus(&mut self) -> Result<Step<Corpus>> {
        let slots = self.header().docs as usize;
        Ok(match self.corpus(None)? {
            Step::Done(mut c) => {
                c.pad_slots(slots);
                Step::Done(c)
            }
            Step::Need(n) => Step::Need(n),
        })
    }
}

/// This segment written again without document `id` (the others keep
/// their ids), or `None` when it holds no such document.
pub fn without<S: Source>(file: &mut CorpusFile<S>, id: DocId) -> Result<Step<Option<Vec<u8>>>> {
    Ok(match file.whole_corpus()? {
        Step::Need(n) => Step::Need(n),
        Step::Done(mut c) => {
            if !c.remove(id) {
                return Ok(Step::Done(None));
            }
            Step::Done(Some(segment_bytes(&mut c)?))
        }
    })
}

/// A shard's step as the union's (its needs are that shard's).
fn of_shard<T>(shard: usize, step: Step<T>) -> ShardStep<T> {
    match step {
        Step::Done(v) => ShardStep::Done(v),
        Step::Need(r) => ShardStep::Need(vec![(shard, r)]),
    }
}

fn no_segment() -> crate::Error {
    crate::Error::Other {
        message: "no such segment of the tab's corpus".into(),
    }
}

/// The operations on the tab's own segments (shards of the union).
impl<S: Source> Shards<S> {
    /// Takes the last shard out of the union as an in-memory corpus under
    /// the same union ids (for an engine that holds nothing: the engine
    /// comes after the last shard).
    pub fn absorb_last(&mut self) -> Result<ShardStep<Corpus>> {
        let last = self.len().checked_sub(1).ok_or_else(no_segment)?;
        let file = self.file_mut(last).ok_or_else(no_segment)?;
        let step = of_shard(last, file.whole_corpus()?);
        if matches!(step, ShardStep::Done(_)) {
            self.remove(last);
        }
        Ok(step)
    }

    /// `(fingerprint, union id, file)` of every live document of `shards`
    /// (see [`CorpusFile::prints`]).
    pub fn stored_prints(
        &mut self,
        shards: &[usize],
    ) -> Result<ShardStep<Vec<(u64, DocId, String)>>> {
        let mut all = Vec::new();
        let mut needs = Vec::new();
        for &i in shards {
            let base = self.base(i);
            let file = self.file_mut(i).ok_or_else(no_segment)?;
            match file.prints()? {
                Step::Done(p) => all.extend(p.into_iter().map(|(p, id, f)| (p, base + id, f))),
                Step::Need(r) => needs.push((i, r)),
            }
        }
        Ok(if needs.is_empty() {
            ShardStep::Done(all)
        } else {
            ShardStep::Need(needs)
        })
    }

    /// The document list's stored pages as JSON text, each with the union
    /// id of its shard's document 0 (add it to each summary's `id`): every
    /// page of the shards in `whole` (the tab's own segments), the first of
    /// the others; with `limit`, only the pages that hold the first
    /// `limit` summaries of that list (a first screen shows a page of it).
    /// Nothing is parsed here: a list of many thousands of documents would
    /// leave the engine's memory at its size.
    pub fn list_pages(
        &mut self,
        whole: &[usize],
        limit: Option<usize>,
    ) -> Result<ShardStep<Vec<(DocId, String)>>> {
        let mut out = Vec::new();
        let mut needs = Vec::new();
        let mut left = limit.unwrap_or(usize::MAX);
        for shard in 0..self.len() {
            if left == 0 {
                break;
            }
            let base = self.base(shard);
            let file = self.file_mut(shard).ok_or_else(no_segment)?;
            let block = file.header().list_block.max(1) as usize;
            let listed = if whole.contains(&shard) {
                file.len()
            } else {
                file.len().min(block)
            };
            let pages = listed.min(left).div_ceil(block);
            left = left.saturating_sub(listed);
            let mut wanted = Vec::new();
            for page in 0..pages {
                match file.list_text(page)? {
                    Step::Done(text) => out.push((base, text)),
                    Step::Need(r) => wanted.extend(r),
                }
            }
            if !wanted.is_empty() {
                needs.push((shard, wanted));
            }
        }
        Ok(if needs.is_empty() {
            ShardStep::Done(out)
        } else {
            ShardStep::Need(needs)
        })
    }

    /// Shard `shard` written again without union id `id` ([`without`]).
    pub fn without(&mut self, shard: usize, id: DocId) -> Result<ShardStep<Option<Vec<u8>>>> {
        let base = self.base(shard);
        let file = self.file_mut(shard).ok_or_else(no_segment)?;
        match id.checked_sub(base) {
            Some(local) => Ok(of_shard(shard, without(file, local)?)),
            None => Ok(ShardStep::Done(None)),
        }
    }

    /// Shard `shard`'s documents as JSON Lines under their union ids
    /// ([`Corpus::to_jsonl_shifted`]).
    pub fn export_jsonl(&mut self, shard: usize) -> Result<ShardStep<String>> {
        let base = self.base(shard);
        let file = self.file_mut(shard).ok_or_else(no_segment)?;
        // With the tags and notes of its documents (the file's and the
        // page's, `crate::tags`).
        if let Step::Need(n) = file.file_tags()? {
            return Ok(ShardStep::Need(vec![(shard, n)]));
        }
        let tags = file.tags_now();
        Ok(of_shard(
            shard,
            file.with_corpus(None, |c| c.to_jsonl_tagged(base, &tags))?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus_file::{MemorySource, Opened};

    fn open(bytes: Vec<u8>) -> CorpusFile<MemorySource> {
        let len = bytes.len() as u64;
        match CorpusFile::open(MemorySource::whole(bytes), len).expect("opens") {
            Opened::Ready(f) => *f,
            Opened::Need(..) => panic!("a whole source needs nothing"),
        }
    }

    #[test]
    fn a_segment_read_back_keeps_its_ids_and_dedups_what_it_stores() {
        let mut c = Corpus::with_seeds();
        let last = c.add_plain("memo.txt", "A memo", "The lighthouse keeper wrote a memo.");
        assert!(c.remove(last));
        let slots = last as usize + 1;
        let mut f = open(segment_bytes(&mut c).expect("writes"));
        assert_eq!(
            f.header().docs as usize,
            slots,
            "the removed last slot is kept"
        );
        assert_eq!(f.len(), 5);

        // Read back whole: the next document gets the id after every slot.
        let Step::Done(mut back) = f.whole_corpus().expect("reads") else {
            panic!("whole source")
        };
        assert_eq!(back.len(), 5);
        assert_eq!(
            back.add_plain("b.txt", "B", "Another text entirely."),
            slots as DocId
        );

        // The prints name every live document, and an import skips them.
        let Step::Done(prints) = f.prints().expect("prints") else {
            panic!("whole source")
        };
        assert_eq!(prints.len(), 5);
        let mut fresh = Corpus::new();
        fresh.set_stored_prints(
            prints
                .iter()
                .map(|(p, id, file)| (*p, id + 100, file.clone()))
                .collect(),
        );
        let seed = crate::seeds::SEEDS[0];
        let report = fresh.import(seed.0, seed.1);
        assert!(report.added.is_empty(), "{report:?}");
        assert_eq!(report.duplicates[0].of, 100);
        assert_eq!(report.duplicates[0].of_file, seed.0);

        // Another tab's segment holds what this engine holds: those go.
        let mut other = Corpus::with_seeds();
        other.add_plain("own.txt", "Own", "A text only this tab has.");
        other.set_stored_prints(
            prints
                .iter()
                .map(|(p, id, f)| (*p, *id, f.clone()))
                .collect(),
        );
        assert_eq!(other.remove_stored_duplicates(), 5);
        assert_eq!(other.len(), 1);
    }

    #[test]
    fn a_lean_segment_computes_the_views_it_does_not_store() {
        let mut c = Corpus::with_seeds();
        let bytes = segment_bytes(&mut c).expect("writes");
        let f = open(bytes);
        assert!(f.view("statements").is_err(), "statements are not stored");
        // The flags are: search counts them on every query.
        assert_eq!(f.flags(), Some(c.flags()));
        assert!(!c.flags().is_empty());
        let mut shards = Shards::new();
        shards.push(f);
        for name in ["statements", "stories", "people", "timeline"] {
            let ShardStep::Done(v) = shards.view(name, None, None).expect("view") else {
                panic!("whole source")
            };
            let want = match name {
                "statements" => serde_json::to_value(c.statements(None)),
                "stories" => serde_json::to_value(crate::analyze::stories(
                    &c.select(None),
                    &crate::analyze::StoryOptions::default(),
                )),
                "people" => serde_json::to_value(c.people()),
                _ => serde_json::to_value(c.timeline(None)),
            }
            .expect("json");
            assert_eq!(v, want, "{name}");
        }
    }

    #[test]
    fn a_limited_list_reads_only_the_pages_it_shows() {
        let mut shards = Shards::new();
        for _ in 0..2 {
            shards.push(open(
                segment_bytes(&mut Corpus::with_seeds()).expect("writes"),
            ));
        }
        let mut summaries = |limit| {
            let ShardStep::Done(pages) = shards.list_pages(&[0, 1], limit).expect("lists") else {
                panic!("whole source")
            };
            pages
                .iter()
                .map(|(base, text)| {
                    let page: Vec<serde_json::Value> = serde_json::from_str(text).expect("json");
                    (*base, page.len())
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(summaries(None), vec![(0, 5), (5, 5)]);
        assert_eq!(summaries(Some(3)), vec![(0, 5)], "the first page holds 3");
        assert_eq!(summaries(Some(6)), vec![(0, 5), (5, 5)]);
        assert_eq!(summaries(Some(0)), vec![]);
    }

    #[test]
    fn a_segment_without_stored_flags_gathers_them_for_a_flag_search() {
        let mut c = Corpus::with_seeds();
        // As a lean segment over MAX_ALIGN_DOCS documents is written.
        let mut w = super::super::Writer::new(Vec::new()).lean(super::super::Lean {
            flags_up_to: 0,
            ..LEAN
        });
        w.add_segment(&mut c).expect("writes");
        let mut f = open(w.finish_into().expect("finishes").1);
        assert!(f.flags().is_none(), "not stored");
        let opts = crate::SearchOptions::default();
        let Step::Done(plain) = f.search("Lavrov", &opts).expect("search") else {
            panic!("whole source")
        };
        assert!(
            plain.facets.flags.is_empty(),
            "not counted before they are gathered"
        );
        let Step::Done(r) = f.search("flag:quote-differs", &opts).expect("search") else {
            panic!("whole source")
        };
        let want = c.search("flag:quote-differs", &opts);
        assert_eq!(
            serde_json::to_value(&r).expect("json"),
            serde_json::to_value(&want).expect("json")
        );
        assert_eq!(f.flags(), Some(c.flags()));
        let mut shards = Shards::new();
        shards.push(f);
        assert_eq!(shards.flags(None), (c.flags().clone(), true));
    }

    #[test]
    fn removing_a_stored_document_rewrites_its_segment_under_the_same_ids() {
        let mut c = Corpus::with_seeds();
        let mut f = open(segment_bytes(&mut c).expect("writes"));
        let Step::Done(Some(bytes)) = without(&mut f, 2).expect("rewrites") else {
            panic!("doc 2 is there")
        };
        let mut g = open(bytes);
        assert_eq!(g.len(), 4);
        assert_eq!(g.header().docs, 5);
        let Step::Done(back) = g.whole_corpus().expect("reads") else {
            panic!("whole source")
        };
        assert!(back.get(2).is_none());
        assert_eq!(back.get(3).map(|d| &d.file), c.get(3).map(|d| &d.file));
        assert!(matches!(
            without(&mut g, 2).expect("reads"),
            Step::Done(None)
        ));
    }
}
