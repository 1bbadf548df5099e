//! The streaming build behind `lede build`: input imported and written a
//! segment at a time, so that memory holds one segment, not the corpus.
//!
//! Files are read in path order (as [`Corpus::import_paths`] reads them)
//! in batches of about [`BATCH_BYTES`], each parsed as
//! [`Corpus::import_many`] parses it (a JSON Lines file bigger than a
//! batch in slices that end at a line break, records numbered as in the
//! whole file, as [`Corpus::import_json_lines`] numbers them). The build
//! is a pipeline: a reader thread parses and extracts each batch on every
//! core ([`Extracted::of`]) up to [`AHEAD`] batches ahead, while the
//! builder adds them to the segment in order
//! ([`Corpus::add_extracted_items`]: dates inferred with the segment as
//! context, as an import infers them). When the documents added hold
//! about `segment_bytes` of text, a writer thread writes them as the
//! file's next segment ([`Writer::add_segment`]) and drops them, while the
//! builder fills the next. A
//! document with the same text as one of an earlier segment is left out
//! and reported, as within one import.
//!
//! [`merge`] does the same with documents read back from corpus files
//! (`lede merge`): nothing is parsed or extracted again, and the writer
//! thread writes a segment while the next is filled, as for the build.
//!
//! For the CLI (the page imports through the worker); it builds for the
//! wasm too, where nothing calls it.

use std::io::{BufRead, BufReader, Read as _, Write};
use std::path::Path;
use std::sync::mpsc::SyncSender;

use rustc_hash::FxHashMap;

use super::{BuildStats, Writer};
use crate::corpus::{Corpus, Duplicate, Extracted, ImportError, ImportReport};
use crate::doc::Document;
use crate::doc::ImportOptions;
use crate::error::Result;
use crate::extract::Extraction;

/// Input bytes imported at once (parsed on every core together).
pub const BATCH_BYTES: usize = 8 << 20;

/// Text bytes per segment by default: ~40,000 news articles, about 1.5 GB
/// of memory while the segment is built.
pub const SEGMENT_BYTES: usize = 64 << 20;

/// What [`build`] did.
#[derive(Debug, Default)]
pub struct Built {
    /// The file's figures.
    pub stats: BuildStats,
    /// Every file and record that failed, and the duplicates left out.
    pub report: ImportReport,
    /// Text bytes of the documents written.
    pub text_bytes: u64,
    /// Seconds until every batch was added: the builder waiting for
    /// batches and adding them (reading, parsing and extracting run on a
    /// thread of their own, segment writes on another), and for
    /// [`merge`], reading the documents back.
    pub import_seconds: f64,
    /// Seconds the writer thread spent writing segments, beside the adding
    /// (so the two overlap).
    pub write_seconds: f64,
    /// The tags and notes the input's JSON records carried (for the
    /// file's `tags.json`, [`Writer::add_tags`]).
    pub tags: crate::tags::Tags,
    /// Segments the streaming build wrote before they were merged into
    /// one ([`super::compact`]; 0: not merged).
    pub merged_segments: usize,
    /// Seconds spent merging them, of the whole.
    pub merge_seconds: f64,
}

/// The streaming builder's state: the segment being filled and the prints
/// of the text of every document written so far. Full segments go to the
/// writer thread of [`with_writer_thread`], which writes one while the
/// builder fills the next.
struct Builder {
    options: ImportOptions,
    sink: SyncSender<Corpus>,
    segment: Corpus,
    segment_bytes: usize,
    filled: usize,
    known: FxHashMap<u64, String>,
    built: Built,
}

impl Builder {
    fn import(&mut self, f: impl FnOnce(&mut Corpus) -> ImportReport) -> Result<()> {
        let before = self.segment.len();
        self.segment.set_import_options(self.options.clone());
        let r = f(&mut self.segment);
        for id in r.added.iter().copied() {
            self.filled += self.segment.get(id).map_or(0, |d| d.source.len());
        }
        debug_assert!(self.segment.len() >= before);
        self.built.report.merge(r);
        if self.filled >= self.segment_bytes {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the segment (when it holds documents) and starts another.
    fn flush(&mut self) -> Result<()> {
        let mut segment = std::mem::take(&mut self.segment);
        self.built.tags.merge(segment.tags());
        self.filled = 0;
        let ids: Vec<crate::DocId> = segment.iter().map(|(id, _)| id).collect();
        for id in ids {
            let Some(print) = segment.text_print(id) else {
                continue;
            };
            let file = segment.get(id).map(|d| d.file.clone()).unwrap_or_default();
            match self.known.get(&print) {
                Some(of) => {
                    self.built.report.duplicates.push(Duplicate {
                        file,
                        of_file: of.clone(),
                        of: crate::DocId::MAX,
                    });
                    segment.remove(id);
                }
                None => {
                    self.known.insert(print, file);
                }
            }
        }
        if segment.is_empty() {
            return Ok(());
        }
        self.built.text_bytes += segment
            .iter()
            .map(|(_, d)| d.source.len() as u64)
            .sum::<u64>();
        // A writer that failed has said why (its error is the build's).
        self.sink.send(segment).map_err(|_| writer_stopped())
    }
}

/// The builder's error when the writer thread has stopped (replaced by
/// the writer's own).
fn writer_stopped() -> crate::Error {
    crate::Error::BadIndex {
        message: "the segment writer stopped".into(),
    }
}

/// Imports `inputs` (files and folders) into `writer`, a segment per
/// `segment_bytes` of text; `known` holds the prints and names of the
/// documents already in the file (when appending).
pub fn build<W: Write + Send, P: AsRef<Path>>(
    writer: &mut Writer<W>,
    inputs: &[P],
    segment_bytes: usize,
    known: FxHashMap<u64, String>,
) -> Result<Built> {
    build_with(
        writer,
        inputs,
        segment_bytes,
        known,
        &ImportOptions::default(),
    )
}

/// [`build`], the files read as `options` say (folders as outlets or
/// sections, files about the collection kept; [`ImportOptions`]).
///
/// Pipelined: a thread reads the input and parses and extracts each batch
/// (on every core) up to [`AHEAD`] batches ahead, this one adds the
/// batches to the segment in order, and a third writes each full segment
/// while the next is filled; no core waits while a batch is added to the
/// index or a segment is written.
pub fn build_with<W: Write + Send, P: AsRef<Path>>(
    writer: &mut Writer<W>,
    inputs: &[P],
    segment_bytes: usize,
    known: FxHashMap<u64, String>,
    options: &ImportOptions,
) -> Result<Built> {
    let files = crate::corpus_build::files_under_paths(inputs)?;
    // Batches of a quarter segment at most, so segments end near their size.
    let batch_bytes = BATCH_BYTES.min(segment_bytes / 4).max(1);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Ahead>(AHEAD);
    with_writer_thread(writer, options, segment_bytes, known, |b| {
        std::thread::scope(|s| {
            s.spawn(move || read_ahead(files, batch_bytes, &tx));
            // A failed write ends this loop and drops `rx`: the reader
            // stops.
            for ahead in rx {
                match ahead {
                    Ahead::Batch(batch) => b.import(|c| c.add_extracted_items(batch))?,
                    Ahead::Failed(e) => b.built.report.errors.push(e),
                }
            }
            Ok(())
        })
    })
}

/// Runs `fill` on a builder of segments of about `segment_bytes` of text
/// (`known`: the prints and names of documents already in the file), whose
/// full segments a writer thread writes to `writer` while the builder
/// fills the next, then writes the last. A segment is handed over when the
/// writer takes it: memory holds two at most (one being written, one being
/// filled or waiting), so the builder waits for the writer rather than run
/// ahead of it. A failed write ends the writer's loop and drops its end of
/// the channel: the builder's next hand-over fails, `fill` stops, and the
/// writer's error is the one returned.
fn with_writer_thread<W: Write + Send>(
    writer: &mut Writer<W>,
    options: &ImportOptions,
    segment_bytes: usize,
    known: FxHashMap<u64, String>,
    fill: impl FnOnce(&mut Builder) -> Result<()>,
) -> Result<Built> {
    let start = std::time::Instant::now();
    let (seg_tx, seg_rx) = std::sync::mpsc::sync_channel::<Corpus>(0);
    std::thread::scope(|s| -> Result<Built> {
        let writing = s.spawn(move || -> Result<f64> {
            let mut seconds = 0.0;
            for mut segment in seg_rx {
                let start = std::time::Instant::now();
                writer.add_segment(&mut segment)?;
                drop(segment);
                seconds += start.elapsed().as_secs_f64();
            }
            Ok(seconds)
        });
        let mut b = Builder {
            options: options.clone(),
            sink: seg_tx,
            segment: Corpus::new(),
            segment_bytes: segment_bytes.max(1),
            filled: 0,
            known,
            built: Built::default(),
        };
        let added = fill(&mut b).and_then(|()| b.flush());
        let Builder {
            sink, mut built, ..
        } = b;
        built.import_seconds = start.elapsed().as_secs_f64();
        // The last segment handed on: the writer finishes.
        drop(sink);
        let written = writing.join().expect("the segment writer does not panic");
        // The writer's error says why the builder stopped.
        built.write_seconds = written?;
        added?;
        Ok(built)
    })
}

/// Batches the reader of [`build_with`] may hold ready, so that it keeps
/// going while a segment is written: each about [`BATCH_BYTES`] of input,
/// ~150 MB parsed and extracted (a batch the builder adds and one the
/// reader makes are alive too). On the million synthetic articles the
/// build's peak RSS stayed at 2.2 GB (a segment written while the next is
/// filled).
const AHEAD: usize = 8;

/// What the reader of [`build_with`] hands on, in input order.
enum Ahead {
    /// A batch parsed and extracted.
    Batch(Extracted),
    /// A file that could not be read.
    Failed(ImportError),
}

/// Reads `files` in order, in batches of about `batch_bytes` (a big JSON
/// Lines file in slices of whole lines), and sends each batch parsed and
/// extracted; stops when the receiver is gone.
fn read_ahead(files: Vec<std::path::PathBuf>, batch_bytes: usize, tx: &SyncSender<Ahead>) {
    let mut pending: Vec<(String, Vec<u8>)> = Vec::new();
    let mut pending_bytes = 0;
    for path in files {
        let name = path.to_string_lossy().into_owned();
        let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as usize;
        if len > batch_bytes && is_json_lines(&path) {
            if !send_pending(&mut pending, tx) {
                return;
            }
            pending_bytes = 0;
            match read_sliced(&path, &name, batch_bytes, tx) {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => {
                    let failed = ImportError {
                        error: e.to_string(),
                        file: name,
                    };
                    if tx.send(Ahead::Failed(failed)).is_err() {
                        return;
                    }
                }
            }
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => {
                pending_bytes += bytes.len();
                pending.push((name, bytes));
            }
            Err(e) => {
                let failed = ImportError {
                    error: crate::corpus_build::io_error(&name, &e).to_string(),
                    file: name,
                };
                if tx.send(Ahead::Failed(failed)).is_err() {
                    return;
                }
            }
        }
        if pending_bytes >= batch_bytes {
            if !send_pending(&mut pending, tx) {
                return;
            }
            pending_bytes = 0;
        }
    }
    send_pending(&mut pending, tx);
}

/// Writes stored documents (read back from corpus files: nothing parsed
/// or extracted again) into `writer` a segment per `segment_bytes` of
/// text, documents with the same text once: `lede merge`. `each` hands
/// every document to the callback it is given.
pub fn merge<W: Write + Send>(
    writer: &mut Writer<W>,
    segment_bytes: usize,
    each: impl FnOnce(&mut dyn FnMut(Document, Option<Extraction>)) -> Result<()>,
) -> Result<Built> {
    let options = ImportOptions::default();
    with_writer_thread(writer, &options, segment_bytes, FxHashMap::default(), |b| {
        let mut failed = None;
        each(&mut |doc, extraction| {
            if failed.is_some() {
                return;
            }
            let file = doc.file.clone();
            let r = b.import(|c| {
                let mut r = ImportReport::default();
                match c.add_stored(doc, extraction) {
                    Ok(id) => r.added.push(id),
                    Err(of) => r.duplicates.push(Duplicate {
                        of_file: c.get(of).map(|d| d.file.clone()).unwrap_or_default(),
                        file,
                        of,
                    }),
                }
                r
            });
            if let Err(e) = r {
                failed = Some(e);
            }
        })?;
        failed.map_or(Ok(()), Err)
    })
}

/// About how many documents `inputs` (files and folders) hold, read
/// cheaply: a record per line of a JSON Lines, CSV or TSV file, one
/// document per other file. What `lede build` decides by before it
/// imports anything: a build that will hold more than
/// [`super::WHOLE_VIEW_DOCS`] documents, merged into one segment at its
/// end, stores no views (a file that big computes them on a search's
/// documents), so its segments need not make them.
pub fn estimate_docs<P: AsRef<Path>>(inputs: &[P]) -> Result<usize> {
    let mut n = 0usize;
    for path in crate::corpus_build::files_under_paths(inputs)? {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !(is_json_lines(&path) || matches!(ext.as_str(), "csv" | "tsv")) {
            n += 1;
            continue;
        }
        let Ok(mut f) = std::fs::File::open(&path) else {
            continue;
        };
        let mut buf = vec![0u8; 1 << 20];
        while let Ok(k) = f.read(&mut buf) {
            if k == 0 {
                break;
            }
            n += buf[..k].iter().filter(|&&b| b == b'\n').count();
        }
    }
    Ok(n)
}

fn is_json_lines(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(ext.as_str(), "jsonl" | "ndjson" | "jsonlines")
}

/// Sends the files read so far as one batch, parsed (as
/// [`Corpus::import_many`] parses them) and extracted; false when the
/// receiver is gone.
fn send_pending(pending: &mut Vec<(String, Vec<u8>)>, tx: &SyncSender<Ahead>) -> bool {
    if pending.is_empty() {
        return true;
    }
    let batch = std::mem::take(pending);
    let files: Vec<(&str, &[u8])> = batch
        .iter()
        .map(|(n, bytes)| (n.as_str(), bytes.as_slice()))
        .collect();
    let items = crate::doc::parse_files(&files);
    tx.send(Ahead::Batch(Extracted::of(items))).is_ok()
}

/// Sends a big JSON Lines file a slice of whole lines at a time, each
/// parsed (records numbered as in the whole file, as
/// [`Corpus::import_json_lines`] numbers them) and extracted; `Ok(false)`
/// when the receiver is gone.
fn read_sliced(
    path: &Path,
    name: &str,
    batch_bytes: usize,
    tx: &SyncSender<Ahead>,
) -> Result<bool> {
    let io = |e: std::io::Error| crate::corpus_build::io_error(name, &e);
    let mut reader = BufReader::with_capacity(1 << 20, std::fs::File::open(path).map_err(io)?);
    let mut first_line = 0;
    loop {
        let mut slice = Vec::with_capacity(batch_bytes + (64 << 10));
        (&mut reader)
            .take(batch_bytes as u64)
            .read_to_end(&mut slice)
            .map_err(io)?;
        if slice.is_empty() {
            return Ok(true);
        }
        // The slice ends at a line break: the rest of the line is read on.
        if slice.last() != Some(&b'\n') {
            reader.read_until(b'\n', &mut slice).map_err(io)?;
        }
        let lines = slice.iter().filter(|&&c| c == b'\n').count();
        let items =
            crate::doc::named_once(crate::doc::parse_json_lines_at(name, &slice, first_line));
        drop(slice);
        if tx.send(Ahead::Batch(Extracted::of(items))).is_err() {
            return Ok(false);
        }
        first_line += lines;
    }
}
