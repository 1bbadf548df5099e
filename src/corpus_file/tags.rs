//! Tags and notes in corpus files ([`crate::tags`]): the `tags.json`
//! member, read for `tag:` queries and listed by `lede tags --index`, and
//! written again by `lede tags --index F --add …` ([`write_tags`]: the new
//! member and a new directory after the file's last byte, as `lede build
//! --append` adds segments); the tags the page keeps for the tab's own
//! segments, set on every shard ([`Shards::set_tags`]); document keys of
//! union ids ([`Shards::doc_keys`]).

use std::path::Path;

use super::{CorpusFile, FileSource, Opened, ShardStep, Shards, Source, Step, Writer};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::index::DocId;
use crate::tags::Tags;

impl<S: Source> Shards<S> {
    /// Adds `tags` (the page's store) to every file's own for `tag:`
    /// queries; the in-memory corpus gets them from its caller.
    pub fn set_tags(&mut self, tags: &Tags) {
        for i in 0..self.len() {
            if let Some(f) = self.file_mut(i) {
                f.set_tags(tags.clone());
            }
        }
    }

    /// The files' own tags and notes (their `tags.json`), merged.
    pub fn file_tags(&mut self) -> Result<ShardStep<Tags>> {
        let mut all = Tags::default();
        let mut needs = Vec::new();
        for i in 0..self.len() {
            let Some(f) = self.file_mut(i) else { continue };
            match f.file_tags()? {
                Step::Done(t) => all.merge(&t),
                Step::Need(r) => needs.push((i, r)),
            }
        }
        Ok(if needs.is_empty() {
            ShardStep::Done(all)
        } else {
            ShardStep::Need(needs)
        })
    }

    /// The key ([`crate::tags::doc_key`]) of each union id of `ids`
    /// (`None`: no such document).
    pub fn doc_keys(
        &mut self,
        memory: Option<&Corpus>,
        ids: &[DocId],
    ) -> Result<ShardStep<Vec<Option<String>>>> {
        let mut out = vec![None; ids.len()];
        let mut needs = Vec::new();
        for shard in 0..self.len() {
            let base = self.base(shard);
            let Some(f) = self.file_mut(shard) else {
                continue;
            };
            let end = base + f.header().docs;
            let at: Vec<usize> = (0..ids.len())
                .filter(|&i| (base..end).contains(&ids[i]))
                .collect();
            if at.is_empty() {
                continue;
            }
            let local: Vec<DocId> = at.iter().map(|&i| ids[i] - base).collect();
            match f.doc_keys(&local)? {
                Step::Done(keys) => {
                    for (i, k) in at.into_iter().zip(keys) {
                        out[i] = k;
                    }
                }
                Step::Need(r) => needs.push((shard, r)),
            }
        }
        if !needs.is_empty() {
            return Ok(ShardStep::Need(needs));
        }
        let base = self.base(self.len());
        if let Some(c) = memory {
            for (i, &id) in ids.iter().enumerate() {
                if id >= base {
                    out[i] = c.doc_key(id - base);
                }
            }
        }
        Ok(ShardStep::Done(out))
    }
}

/// Writes `tags` as the `tags.json` of the corpus file at `path` (in
/// place of the one it had), then a new directory. When the old
/// `tags.json` is the file's last member (as this writes it), it and the
/// directory after it are written over, so edits do not grow the file;
/// otherwise the new member goes after the file's last byte and the old
/// one is left as dead bytes. On failure the file is put back as it was.
pub fn write_tags(path: &Path, tags: &Tags) -> Result<()> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let io = |e: std::io::Error| Error::Io {
        name: path.display().to_string(),
        message: e.to_string(),
    };
    let (source, len) = FileSource::open(path)?;
    let file = match CorpusFile::open(source, len)? {
        Opened::Ready(f) => f,
        Opened::Need(..) => {
            return Err(Error::Other {
                message: format!("{}: could not be read whole", path.display()),
            })
        }
    };
    let mut members: Vec<super::zip::Member> = file.members().into_iter().cloned().collect();
    let segments = 1 + file.segments().len();
    drop(file);
    // Where to write: over a last `tags.json`, else at the end.
    let last = members.iter().map(|m| m.offset).max().unwrap_or(0);
    let at = match members.iter().find(|m| m.name == super::names::TAGS) {
        Some(t) if t.offset == last => t.offset,
        _ => len,
    };
    members.retain(|m| m.offset < at);
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(io)?;
    // What is written over, to put back on failure.
    let mut tail = Vec::new();
    f.seek(SeekFrom::Start(at)).map_err(io)?;
    f.read_to_end(&mut tail).map_err(io)?;
    let run = |f: &mut std::fs::File| {
        f.set_len(at).map_err(io)?;
        f.seek(SeekFrom::Start(at)).map_err(io)?;
        let g = f.try_clone().map_err(io)?;
        let mut w = Writer::resume(std::io::BufWriter::new(g), at, members, segments);
        w.add_tags(tags)?;
        let (_, buf) = w.finish_into()?;
        let g = buf.into_inner().map_err(|e| io(e.into_error()))?;
        g.sync_all().map_err(io)
    };
    let r = run(&mut f);
    if r.is_err() {
        let _ = f.set_len(at);
        let _ = f.seek(SeekFrom::Start(at)).and_then(|_| f.write_all(&tail));
    }
    r
}
