//! `lede`: the command-line face of the Lede core. Every command prints JSON.
//!
//! ```text
//! lede parse FILE...       one JSON object per article (JSON Lines); a
//!                          JSON/JSONL/CSV/SGML/ZIP file yields one per
//!                          record or member ("file": "path#line")
//! lede extract [--dct YYYY-MM-DD] FILE...   quotes, speakers, entities, timexes
//! lede search [--limit N] --corpus PATH... QUERY   ranked hits (one JSON object)
//! lede quotes [-n N] [--format json|csv] --corpus PATH... QUERY
//!                          the quotes QUERY matches (`speaker:Lavrov NATO`),
//!                          with speaker, outlet, date, title, file, offsets
//! lede compare FILE FILE...  stories, duplicates, shared statements and a
//!                          side-by-side comparison of the files (one JSON object)
//! lede kwic [--width N] [--sort position|left|right] [--csv]
//!           --corpus PATH [--corpus PATH]... QUERY
//!                          concordance of QUERY (a word, "a phrase" or a
//!                          prefix*)
//! lede people|timeline|stories|statements|trail --corpus PATH... [--in QUERY]
//! lede people --format csv ...   one row a person (name, aliases, roles, …)
//! lede collocates [--window N] --corpus PATH... [--in QUERY] TERM
//! lede keyness --corpus PATH... [--in QUERY] TARGET_QUERY
//! lede trends --corpus PATH... [--in QUERY] TERM...
//!                          the page's views as JSON, over the whole corpus
//!                          or the documents matching `--in QUERY`
//! lede entities --corpus PATH... [--in QUERY] [--kind person|org|place]
//!           [--format json|csv]   people, organizations and places: name,
//!                          kind, documents, mentions, outlets
//! ```
//!
//! Arguments are parsed by clap: every command takes `--help`, an option's
//! value is given as `--flag value` or `--flag=value`, and an unknown flag,
//! a missing argument or a bad value is a usage error. Options may come
//! before or after the query; query words that start with `-` come after
//! `--` (`lede search --corpus news -- security -nato`) or inside one
//! quoted argument (`'security -nato'`).
//!
//! Every command that takes `--corpus PATH...` (files or folders, folders
//! read recursively) builds its corpus one way, the page's:
//! [`lede::Corpus::import_paths`], which imports everything as one batch
//! through `Corpus::import_many` (dates inferred across the batch, exact
//! duplicates left out and named on stderr), read as `--folder-as
//! nothing|outlet|section` says (what the folder a file is in becomes) and
//! leaving out files that describe the collection (README, LICENSE, …,
//! named on stderr) unless `--keep-collection-files`; `build` and `parse`
//! take the same two options. `compare FILE...` adds every
//! file as it is (duplicates included, since it reports them; no dates
//! inferred).
//!
//! Exit status: 0 on success; 1 when some input failed: a file that cannot
//! be read or parsed (named on stderr; the output covers the others), or a
//! `--corpus` path that does not exist (nothing printed); 2 for bad usage:
//! clap's errors (unknown flag or command, missing or bad value; also
//! `lede` alone) and, for `search` only, a `--corpus` path that does not
//! exist.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// mimalloc: the import allocates and frees many small strings on every
/// core, where glibc's allocator spent about a fifth of `lede build`'s time
/// (perf, 5,000 articles).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use serde_json::{json, Value};

const EXIT_STATUS: &str = "Exit status: 0 on success, 1 when some input failed \
(the output covers the rest), 2 for bad usage.";

/// Offline news-corpus explorer: every command prints JSON.
#[derive(Parser)]
#[command(name = "lede", version, arg_required_else_help = true, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse news articles (.txt .md .html .json .jsonl .csv .sgm .zip);
    /// prints one JSON object per article (JSON Lines)
    #[command(after_help = EXIT_STATUS)]
    Parse {
        #[command(flatten)]
        import: ImportArgs,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Quotes with speakers, entities and temporal expressions; one JSON
    /// object per file
    #[command(after_help = EXIT_STATUS)]
    Extract {
        /// Reference date of relative expressions (default: each
        /// document's own date, printed or inferred)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_dct)]
        dct: Option<String>,
        /// Extract files that describe the collection (README, LICENSE,
        /// …) too; by default each is listed as `{"file", "left_out"}`
        #[arg(long)]
        keep_collection_files: bool,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Search files or folders; one JSON object with the ranked hits
    #[command(after_help = EXIT_STATUS)]
    Search {
        /// How many hits to print
        #[arg(short = 'n', long, value_name = "N", default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// The query (words are joined with spaces)
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
    },
    /// The quotes a query matches (`speaker:NAME` keeps that person's;
    /// free words must be in the quote or its sentence), best first: one
    /// JSON object `{query, total, quotes, notes}`, or CSV
    #[command(after_help = EXIT_STATUS)]
    Quotes {
        /// How many quotes to print
        #[arg(short = 'n', long, value_name = "N", default_value_t = 50)]
        limit: usize,
        /// Output format
        #[arg(long, value_enum, default_value_t = QuotesFormat::Json)]
        format: QuotesFormat,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// The query (words are joined with spaces)
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
    },
    /// Run a list of searches at once (one term, name or query a line):
    /// per line its total, counts by outlet and by month, and the first
    /// hits (one JSON object)
    #[command(after_help = EXIT_STATUS)]
    Batch {
        /// Hits listed per line
        #[arg(short = 'n', long, default_value_t = 5)]
        limit: usize,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// The file of searches, one a line (`-`: standard input); empty
        /// lines and lines starting with `#` are skipped
        #[arg(long, value_name = "FILE")]
        terms: PathBuf,
    },
    /// Stories, duplicates, statements shared across the files, and what
    /// each file has alone or leaves out (one JSON object)
    #[command(after_help = EXIT_STATUS)]
    Compare {
        #[arg(required = true, num_args = 2.., value_name = "FILE")]
        files: Vec<String>,
    },
    /// Keyword in context: every match of QUERY (word, "a phrase",
    /// prefix*) with its context (one JSON object, or CSV)
    #[command(after_help = EXIT_STATUS)]
    Kwic {
        /// Words of context on each side
        #[arg(long, value_name = "N", default_value_t = 8)]
        width: usize,
        /// Order of the lines
        #[arg(long, value_enum, default_value_t = KwicSort::Position)]
        sort: KwicSort,
        /// Print CSV instead of JSON
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
    },
    /// Import files or folders once and write a corpus file (.lede) that
    /// the other commands (`--index`) and the page open without parsing
    /// again; prints a JSON report
    #[command(after_help = EXIT_STATUS)]
    Build {
        /// The corpus file to write
        #[arg(short = 'o', long, value_name = "FILE.lede")]
        out: PathBuf,
        /// Add to the documents already in --out (same text left out)
        /// as new segments, instead of starting afresh
        #[arg(long)]
        append: bool,
        /// Megabytes of text per segment: the build holds a segment in
        /// memory (about 20 times its text) while it fills it, and writes
        /// it while it fills the next
        #[arg(long, value_name = "MB", default_value_t = 64.0)]
        segment_mb: f64,
        /// Leave the segments as written (by default a fresh build of
        /// several segments merges them into one at the end, as `lede
        /// compact` does: a search then reads one dictionary and one
        /// postings list per word)
        #[arg(long)]
        keep_segments: bool,
        #[command(flatten)]
        import: ImportArgs,
        #[arg(required = true, value_name = "PATH")]
        inputs: Vec<PathBuf>,
    },
    /// Merge corpus files into one (documents with the same text once;
    /// nothing parsed or extracted again); prints a JSON report
    #[command(after_help = EXIT_STATUS)]
    Merge {
        /// The corpus file to write
        #[arg(short = 'o', long, value_name = "FILE.lede")]
        out: PathBuf,
        #[arg(required = true, num_args = 2.., value_name = "FILE.lede")]
        files: Vec<PathBuf>,
    },
    /// Rewrite a corpus file's segments as one, on disk: nothing parsed,
    /// extracted or indexed again, the same answers (what `lede build`
    /// does after writing several segments; for files built with
    /// --keep-segments or added to with --append); prints a JSON report
    #[command(after_help = EXIT_STATUS)]
    Compact {
        /// Where to write it (by default in place of FILE, once written)
        #[arg(short = 'o', long, value_name = "OUT.lede")]
        out: Option<PathBuf>,
        #[arg(value_name = "FILE.lede")]
        file: PathBuf,
    },
    /// Every person, spellings merged, with their quotes (JSON; `--format
    /// csv`: one row a person: name, aliases, roles, mentions, quotes,
    /// outlets)
    #[command(after_help = EXIT_STATUS)]
    People {
        #[command(flatten)]
        view: ViewArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = QuotesFormat::Json)]
        format: QuotesFormat,
    },
    /// Dated events (document dates and dates in the text); of a corpus
    /// over 200,000 documents without --in, no events but their counts
    /// (the chart of the whole corpus: see README)
    #[command(after_help = EXIT_STATUS)]
    Timeline(ViewArgs),
    /// Documents grouped into stories
    #[command(after_help = EXIT_STATUS)]
    Stories(ViewArgs),
    /// One statement as several documents render it
    #[command(after_help = EXIT_STATUS)]
    Statements(ViewArgs),
    /// The trail of each statement: first seen, who took it from whom,
    /// what changed, and flags (quotation or attribution differs,
    /// unattributed)
    #[command(after_help = EXIT_STATUS)]
    Trail(ViewArgs),
    /// Words found near TERM (log-likelihood, MI)
    #[command(after_help = EXIT_STATUS)]
    Collocates {
        /// Words on each side of TERM that count as near
        #[arg(long, value_name = "N", default_value_t = 5)]
        window: usize,
        #[command(flatten)]
        view: ViewArgs,
        #[arg(required = true, value_name = "TERM")]
        term: Vec<String>,
    },
    /// Words typical of the documents matching TARGET_QUERY against the
    /// others
    #[command(after_help = EXIT_STATUS)]
    Keyness {
        #[command(flatten)]
        view: ViewArgs,
        /// The reference: the documents matching this search (default:
        /// all the others)
        #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
        against: Option<String>,
        #[arg(required = true, value_name = "TARGET_QUERY")]
        target: Vec<String>,
    },
    /// Monthly frequency of each term
    #[command(after_help = EXIT_STATUS)]
    Trends {
        #[command(flatten)]
        view: ViewArgs,
        #[arg(required = true, value_name = "TERM")]
        terms: Vec<String>,
    },
    /// People, organizations and places linked by appearing in the same
    /// paragraph and by who is quoted in documents about whom, laid out
    /// (JSON), or as GEXF (Gephi) or a CSV edge list
    #[command(after_help = EXIT_STATUS)]
    Network {
        #[command(flatten)]
        view: ViewArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = NetworkFormat::Json)]
        format: NetworkFormat,
        /// Nodes kept at most (the largest)
        #[arg(long, value_name = "N", default_value_t = 500)]
        max_nodes: usize,
    },
    /// People, organizations and places of the documents: name, kind,
    /// documents, mentions and outlets, as JSON or CSV
    #[command(after_help = EXIT_STATUS)]
    Entities {
        #[command(flatten)]
        view: ViewArgs,
        /// Only this kind (repeatable; default: every kind)
        #[arg(long, value_enum, value_name = "KIND")]
        kind: Vec<EntityKindArg>,
        /// Output format (CSV cells neutralised against formula injection)
        #[arg(long, value_enum, default_value_t = QuotesFormat::Json)]
        format: QuotesFormat,
    },
    /// Tags and notes: every tag with how many documents, quotes and
    /// people carry it (one JSON object); with --add, --remove or --note,
    /// changes those of one document (--doc), quote (--doc with --quote)
    /// or person (--person) in the corpus file (--index, its tags.json
    /// written again) first. Search them with `tag:NAME`
    #[command(after_help = EXIT_STATUS)]
    Tags {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        change: TagChange,
    },
}

/// `lede network --format`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum NetworkFormat {
    Json,
    Gexf,
    Csv,
}

/// `--corpus PATH...` or `--index FILE.lede`: the input of every command
/// but parse, extract, compare and build.
#[derive(Args)]
#[group(skip)]
struct CorpusArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    import: ImportArgs,
}

/// `--corpus PATH...` or `--index FILE.lede`, one of them.
#[derive(Args)]
#[group(required = true, multiple = false)]
struct InputArgs {
    /// A file or folder (read recursively) to import; repeatable
    #[arg(short = 'c', long = "corpus", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A corpus file written by `lede build` (read as needed, nothing
    /// parsed again); repeatable: several files are searched as one
    #[arg(long = "index", value_name = "FILE.lede")]
    index: Vec<PathBuf>,
}

/// How files are read at import (`--corpus`, `build`, `parse`).
#[derive(Args, Clone)]
struct ImportArgs {
    /// What the folder each file is in becomes: nothing, the outlet (over
    /// the one its text names) or the section (`section:sport`)
    #[arg(long = "folder-as", value_enum, value_name = "WHAT", default_value_t = FolderArg::Nothing)]
    folder_as: FolderArg,
    /// Import files that describe the collection (README, LICENSE,
    /// PROVENANCE, CHANGELOG, a Markdown index, a manifest…) as articles
    /// too; by default they are left out and named on stderr
    #[arg(long)]
    keep_collection_files: bool,
}

impl ImportArgs {
    fn options(&self) -> lede::ImportOptions {
        lede::ImportOptions {
            folder_as: match self.folder_as {
                FolderArg::Nothing => lede::FolderAs::Nothing,
                FolderArg::Outlet => lede::FolderAs::Outlet,
                FolderArg::Section => lede::FolderAs::Section,
            },
            keep_collection_files: self.keep_collection_files,
            only: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FolderArg {
    Nothing,
    Outlet,
    Section,
}

/// The arguments of the page's views.
#[derive(Args)]
struct ViewArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Only the documents matching this search
    #[arg(long = "in", value_name = "QUERY", allow_hyphen_values = true)]
    within: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum QuotesFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum KwicSort {
    Position,
    Left,
    Right,
}

impl From<KwicSort> for lede::analyze::KwicSort {
    fn from(s: KwicSort) -> Self {
        match s {
            KwicSort::Position => lede::analyze::KwicSort::Position,
            KwicSort::Left => lede::analyze::KwicSort::Left,
            KwicSort::Right => lede::analyze::KwicSort::Right,
        }
    }
}

/// `--dct`: a date written YYYY-MM-DD.
fn parse_dct(v: &str) -> Result<String, String> {
    // A real date, written YYYY-MM-DD (not 2022-02-30, not 2022/02/03).
    match lede::Date::parse(v) {
        Some(d) if d.to_string() == v => Ok(v.to_string()),
        _ => Err(format!("wants YYYY-MM-DD, got '{v}'")),
    }
}

/// A page view and its own arguments.
enum View {
    People,
    Timeline,
    Stories,
    Statements,
    Trail,
    Collocates {
        window: usize,
        term: String,
    },
    Keyness {
        target: String,
        against: Option<String>,
    },
    Trends {
        terms: Vec<String>,
    },
}

fn main() -> ExitCode {
    lede::without_huge_pages();
    match Cli::parse().command {
        Command::Parse { import, files } => cmd_parse(&files, &import.options()),
        Command::Extract {
            dct,
            keep_collection_files,
            files,
        } => cmd_extract(dct, keep_collection_files, &files),
        Command::Search {
            limit,
            corpus,
            query,
        } => cmd_search(limit, &corpus, &query.join(" ")),
        Command::Quotes {
            limit,
            format,
            corpus,
            query,
        } => cmd_quotes(limit, format, &corpus, &query.join(" ")),
        Command::Batch {
            limit,
            corpus,
            terms,
        } => cmd_batch(limit, &corpus, &terms),
        Command::Compare { files } => cmd_compare(&files),
        Command::Kwic {
            width,
            sort,
            csv,
            corpus,
            query,
        } => cmd_kwic(&corpus, &query.join(" "), width, sort.into(), csv),
        Command::Build {
            out,
            append,
            segment_mb,
            keep_segments,
            import,
            inputs,
        } => cmd_build(
            &out,
            append,
            ((segment_mb * 1_048_576.0) as usize).max(1),
            !keep_segments,
            &inputs,
            &import.options(),
        ),
        Command::Merge { out, files } => cmd_merge(&out, &files),
        Command::Compact { out, file } => cmd_compact(&file, out.as_deref()),
        Command::People { view, format } => cmd_people(&view, format),
        Command::Timeline(args) => cmd_view(&args, View::Timeline),
        Command::Stories(args) => cmd_view(&args, View::Stories),
        Command::Statements(args) => cmd_view(&args, View::Statements),
        Command::Trail(args) => cmd_view(&args, View::Trail),
        Command::Collocates { window, view, term } => cmd_view(
            &view,
            View::Collocates {
                window,
                term: term.join(" "),
            },
        ),
        Command::Keyness {
            view,
            against,
            target,
        } => cmd_view(
            &view,
            View::Keyness {
                target: target.join(" "),
                against,
            },
        ),
        Command::Trends { view, terms } => cmd_view(&view, View::Trends { terms }),
        Command::Network {
            view,
            format,
            max_nodes,
        } => cmd_network(&view, format, max_nodes),
        Command::Entities { view, kind, format } => cmd_entities(&view, &kind, format),
        Command::Tags { corpus, change } => cmd_tags(&corpus, &change),
    }
}

/// 1 when some input failed, else 0.
fn exit_code(failed: usize) -> ExitCode {
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn emit(out: &mut impl Write, v: &Value) {
    let _ = writeln!(out, "{v}");
}

fn read(path: &str) -> Result<Vec<u8>, lede::Error> {
    std::fs::read(path).map_err(|e| lede::Error::Io {
        name: path.to_string(),
        message: e.to_string(),
    })
}

fn parse_json(d: &lede::Document, file: &str) -> Value {
    let mut out = json!({
        "file": file,
        "title": d.title,
        "outlet": d.outlet,
        "authors": d.authors,
        "date": d.date,
        "date_source": d.date.as_ref().and(d.date_info.as_ref()).map(|i| i.source.shown_as()),
        "date_evidence": d.date.as_ref().and(d.date_info.as_ref()).map(|i| &i.evidence),
        "lang": d.lang,
        "url": d.url,
        "text": d.text(),
        "paragraphs": d.paragraphs,
        "boilerplate": d.boilerplate,
        "turns": d.turns.iter().map(|t| json!({"speaker": t.speaker, "text": t.text})).collect::<Vec<_>>(),
    });
    if let Some(section) = &d.section {
        out["section"] = json!(section);
    }
    // The wire dateline cut from the first paragraph, as printed, and its
    // place (when the text has one).
    if let Some(dl) = &d.dateline {
        out["dateline"] = json!({"text": dl.text, "place": dl.place, "agency": dl.agency});
    }
    out
}

/// `lede parse`: a file about the collection (README, …) is listed as
/// `{"file", "left_out"}` unless `options` keep them; each document takes
/// its folder as `options` say.
fn cmd_parse(files: &[String], options: &lede::ImportOptions) -> ExitCode {
    // Parse everything first: documents that print no date get one
    // inferred from their text and from the other files about the same
    // events.
    let mut items: Vec<lede::doc::ImportItem> = Vec::new();
    for f in files {
        match read(f) {
            Ok(bytes) => items.extend(lede::doc::parse_file(f, &bytes)),
            Err(e) => items.push(lede::doc::ImportItem::err(f, e)),
        }
    }
    let mut docs: Vec<lede::Document> = items
        .iter_mut()
        .filter_map(|i| i.result.as_mut().ok().map(std::mem::take))
        .collect();
    lede::Corpus::new().infer_dates(&mut docs);
    let mut docs = docs.into_iter();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for item in items {
        match item.result {
            Ok(_) => {
                let mut d = docs.next().unwrap_or_default();
                if !options.keep_collection_files {
                    if let Some(what) = lede::doc::collection_file(&item.file, &d.source) {
                        let note = lede::doc::left_out_note(
                            &item.file,
                            &what,
                            "--keep-collection-files parses it",
                        );
                        emit(&mut out, &json!({"file": item.file, "left_out": note}));
                        continue;
                    }
                }
                lede::doc::apply_folder(&mut d, options.folder_as);
                let mut json = parse_json(&d, &item.file);
                if !item.notes.is_empty() {
                    json["notes"] = json!(item.notes);
                }
                emit(&mut out, &json);
            }
            Err(e) => {
                failed += 1;
                emit(
                    &mut out,
                    &json!({"file": item.file, "error": e.to_string()}),
                );
            }
        }
    }
    exit_code(failed)
}

fn cmd_extract(dct: Option<String>, keep_collection_files: bool, files: &[String]) -> ExitCode {
    // Decode every file, extract, then merge names across the files given.
    // Only plain text and Markdown are extracted as they are (offsets into
    // the decoded file). HTML, JSON, JSON Lines, CSV, Reuters SGML, zip
    // archives, e-mail, Word, PDF and feeds are not text as they are
    // (markup, records, binary): each page, record, member, message,
    // document or item is extracted from its parsed text, named as the
    // import names it (`file#N`, `archive.zip#member`).
    let mut texts: Vec<(String, Result<String, lede::Error>)> = Vec::new();
    for f in files {
        use lede::doc::Format;
        let bytes = match read(f) {
            Ok(b) => b,
            Err(e) => {
                texts.push((f.to_string(), Err(e)));
                continue;
            }
        };
        match Format::detect(f, &bytes) {
            Ok(Format::Text) | Err(_) => texts.push((f.to_string(), lede::doc::decode(f, &bytes))),
            Ok(_) => {
                for item in lede::doc::parse_file(f, &bytes) {
                    texts.push((item.file, item.result.map(|d| d.source)));
                }
            }
        }
    }
    // Files about the collection (README, …), left out unless kept.
    let left_out: Vec<Option<String>> = texts
        .iter()
        .map(|(f, r)| match r {
            Ok(t) if !keep_collection_files => lede::doc::collection_file(f, t).map(|what| {
                lede::doc::left_out_note(f, &what, "--keep-collection-files extracts it")
            }),
            _ => None,
        })
        .collect();
    let mut exs: Vec<lede::extract::Extraction> = texts
        .iter()
        .zip(&left_out)
        .map(|((_, r), left)| match r {
            Ok(t) if left.is_none() => lede::extract::extract(t),
            _ => lede::extract::Extraction::default(),
        })
        .collect();
    lede::extract::canonicalize(&mut exs);
    // The reference date of relative expressions: --dct, else each
    // document's own date, printed or inferred (across the files given).
    let mut docs: Vec<lede::Document> = texts
        .iter()
        .map(|(f, r)| match r {
            Ok(t) => lede::doc::parse_plain(f, t.clone()),
            Err(_) => lede::Document::default(),
        })
        .collect();
    if dct.is_none() {
        lede::Corpus::new().infer_dates(&mut docs);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for ((((f, r), ex), doc), left) in texts.iter().zip(&exs).zip(&docs).zip(&left_out) {
        if let Some(note) = left {
            emit(&mut out, &json!({"file": f, "left_out": note}));
            continue;
        }
        match r {
            Ok(text) => {
                let reference = dct.clone().or_else(|| doc.date.clone());
                let date = reference.as_deref().and_then(lede::Date::parse);
                let timexes = lede::extract::time::tag(text, date);
                emit(
                    &mut out,
                    &extract_json(f, reference.as_deref(), text, ex, &timexes),
                );
            }
            Err(e) => {
                failed += 1;
                emit(&mut out, &json!({"file": f, "error": e.to_string()}));
            }
        }
    }
    exit_code(failed)
}

fn extract_json(
    file: &str,
    dct: Option<&str>,
    text: &str,
    ex: &lede::extract::Extraction,
    timexes: &[lede::extract::time::Timex],
) -> Value {
    let co = lede::extract::CharOffsets::new(text);
    let body = lede::extract::to_json(text, ex, &co);
    json!({
        "file": file,
        "dct": dct,
        "quotes": body["quotes"],
        "entities": body["entities"],
        "timexes": timexes,
    })
}

/// The corpus of `compare`: every file given (any importable format; a
/// CSV, JSONL or ZIP file gives one document per record or member), each
/// added as it is, since `compare` reports the duplicates among them (the
/// page's import would leave them out). Failures are reported on stderr
/// and counted. Returns the corpus, the file of each document by id, and
/// how many items failed.
fn compare_corpus(files: &[String]) -> (lede::Corpus, Vec<String>, usize) {
    let mut corpus = lede::Corpus::new();
    let mut names = Vec::new();
    let mut failed = 0;
    for f in files {
        let items = match read(f) {
            Ok(bytes) => lede::doc::parse_file(f, &bytes),
            Err(e) => vec![lede::doc::ImportItem::err(f, e)],
        };
        for item in items {
            match item.result {
                Ok(mut d) => {
                    d.file = item.file.clone();
                    corpus.add(d);
                    names.push(item.file);
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("lede: {e}");
                }
            }
        }
    }
    (corpus, names, failed)
}

fn cmd_compare(files: &[String]) -> ExitCode {
    let (corpus, names, failed) = compare_corpus(files);
    let file_of = |id: lede::DocId| names.get(id as usize).cloned().unwrap_or_default();
    let docs = corpus.select(None);
    let stories = lede::analyze::stories(&docs, &lede::analyze::StoryOptions::default());
    let dups = lede::analyze::duplicates(&docs, &lede::analyze::DedupOptions::default());
    let opts = lede::analyze::AlignOptions::default();
    let statements = lede::analyze::statements(&docs, &opts);
    let comparison = lede::analyze::compare(&docs, &opts);
    let clusters: Vec<Value> = stories
        .iter()
        .map(|s| {
            json!({
                "files": s.docs.iter().map(|&d| file_of(d)).collect::<Vec<_>>(),
                "terms": s.terms,
                "first_date": s.first_date,
                "last_date": s.last_date,
                "cohesion": s.cohesion,
            })
        })
        .collect();
    let statements: Vec<Value> = statements
        .iter()
        .map(|s| {
            json!({
                "score": s.score,
                "members": s.members.iter().map(|m| json!({
                    "file": m.file,
                    "outlet": m.outlet,
                    "date": m.date,
                    "speaker": m.speaker,
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                })).collect::<Vec<_>>(),
                "diff": s.links.first().map(|l| json!({"a": l.a, "b": l.b, "ops": l.diff})),
                "links": s.links.iter().map(|l| json!({"a": l.a, "b": l.b, "score": l.score})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let out = json!({
        "files": names,
        "clusters": clusters,
        "duplicates": {
            "exact": dups.exact.iter().map(|g| g.iter().map(|&d| file_of(d)).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "near": dups.near.iter().map(|p| json!({"a": file_of(p.a), "b": file_of(p.b), "jaccard": p.jaccard})).collect::<Vec<_>>(),
        },
        "statements": statements,
        "comparison": comparison,
    });
    let stdout = std::io::stdout();
    emit(&mut stdout.lock(), &out);
    exit_code(failed)
}

/// The corpus of `--corpus PATH...`, imported as the page imports a drop
/// ([`lede::Corpus::import_paths`]). Files that failed and duplicates left
/// out are named on stderr. Returns the corpus and how many items failed,
/// or `Err` (named on stderr) when a path is neither a file nor a folder.
fn open_corpus(
    paths: &[PathBuf],
    import: &ImportArgs,
) -> Result<(lede::Corpus, usize), lede::Error> {
    let mut corpus = lede::Corpus::new();
    corpus.set_import_options(import.options());
    let report = corpus
        .import_paths(paths)
        .inspect_err(|e| eprintln!("lede: {e}"))?;
    for e in &report.errors {
        eprintln!("lede: {}", e.error);
    }
    for d in &report.duplicates {
        eprintln!("lede: {}: same text as {}, left out", d.file, d.of_file);
    }
    for n in report.notes.iter().chain(&report.left_out) {
        eprintln!("lede: {}", n.note);
    }
    if !report.left_out.is_empty() {
        eprintln!("lede: --keep-collection-files imports such files as articles");
    }
    Ok((corpus, report.errors.len()))
}

fn cmd_kwic(
    args: &CorpusArgs,
    query: &str,
    width: usize,
    sort: lede::analyze::KwicSort,
    csv: bool,
) -> ExitCode {
    let Ok((corpus, failed)) = open_input(args) else {
        return ExitCode::from(1);
    };
    let corpus = match corpus.whole() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let conc = lede::analyze::kwic(&corpus.select(None), query, width, sort);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if csv {
        let _ = write!(out, "{}", conc.to_csv());
    } else {
        let lines: Vec<Value> = conc
            .lines
            .iter()
            .map(|l| json!({"file": l.file, "left": l.left, "match": l.matched, "right": l.right, "start": l.start, "end": l.end}))
            .collect();
        emit(
            &mut out,
            &json!({"query": conc.query, "total": conc.total, "lines": lines}),
        );
    }
    exit_code(failed)
}

/// What `lede tags` changes.
#[derive(Args)]
struct TagChange {
    /// Tag to add (repeatable)
    #[arg(long, value_name = "TAG")]
    add: Vec<String>,
    /// Tag to take off (repeatable)
    #[arg(long, value_name = "TAG")]
    remove: Vec<String>,
    /// The note to set ("" removes it)
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// The document changed, by id
    #[arg(long, value_name = "ID", conflicts_with = "person")]
    doc: Option<lede::DocId>,
    /// The quote of --doc changed, by its span as `lede quotes` gives
    /// it (its start and end: START-END)
    #[arg(long, value_name = "START-END", requires = "doc", value_parser = quote_span)]
    quote: Option<(usize, usize)>,
    /// The person changed, by name as `lede people` gives it
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
}

/// `lede tags --quote START-END`: a quote's span, start before end.
fn quote_span(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("{s:?} is not a quote's span: START-END, as `lede quotes` gives them");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let (a, b) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if a >= b {
        return Err(format!("{s:?}: the quote's start must come before its end"));
    }
    Ok((a, b))
}

/// `lede tags`: `{tags: [{tag, docs, quotes, people}], notes: N,
/// saved_searches: N}` (notes: documents, quotes and people with a note),
/// after the change asked for, which also gives `changed: {doc | person,
/// key, tags, note}`.
fn cmd_tags(args: &CorpusArgs, change: &TagChange) -> ExitCode {
    let changing = !change.add.is_empty() || !change.remove.is_empty() || change.note.is_some();
    let usage = |why: &str| {
        eprintln!("lede tags: {why}");
        ExitCode::from(2)
    };
    if changing && change.doc.is_none() && change.person.is_none() {
        return usage("--add, --remove and --note need --doc ID or --person NAME");
    }
    if !changing && (change.doc.is_some() || change.person.is_some()) {
        return usage("--doc and --person go with --add, --remove or --note");
    }
    if changing && args.input.index.len() != 1 {
        return usage(
            "tags are written to one corpus file (--index FILE.lede); --corpus is read only",
        );
    }
    if let Some(p) = missing_path(args) {
        return usage(&format!("{}: no such file or folder", p.display()));
    }
    let Ok((mut input, failed)) = open_input(args) else {
        return ExitCode::from(1);
    };
    let tags = match &mut input {
        Input::Corpus(c) => Ok(c.tags().clone()),
        Input::File(f) => done(f.file_tags()),
        Input::Shards(s, _) => shard_done(s.file_tags()),
    };
    let mut tags = match tags {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let mut out = json!({});
    if changing {
        let target = match (change.doc, &change.person) {
            (Some(id), _) => {
                let keys = match &mut input {
                    Input::File(f) => done(f.doc_keys(&[id])),
                    Input::Shards(s, _) => shard_done(s.doc_keys(None, &[id])),
                    Input::Corpus(c) => Ok(vec![c.doc_key(id)]),
                };
                match keys.map(|k| k.into_iter().next().flatten()) {
                    Ok(Some(key)) => match change.quote {
                        Some((start, end)) => {
                            // The span must be one of the document's quotes.
                            if let Input::File(f) = &mut input {
                                let quotes = match done(f.document(id)) {
                                    Ok(stored) => stored.and_then(|(_, ext)| ext).map(|x| x.quotes),
                                    Err(e) => return fail(e),
                                };
                                if !quotes
                                    .unwrap_or_default()
                                    .iter()
                                    .any(|q| (q.start, q.end) == (start, end))
                                {
                                    return fail(lede::Error::Other {
                                        message: format!(
                                            "document {id} has no quote at {start}-{end} \
                                             (lede quotes gives each quote's start and end)"
                                        ),
                                    });
                                }
                            }
                            lede::Target::Quote(lede::tags::quote_key(&key, start, end))
                        }
                        None => lede::Target::Doc(key),
                    },
                    Ok(None) => {
                        return fail(lede::Error::Other {
                            message: format!(
                                "no document {id} in {}",
                                args.input.index[0].display()
                            ),
                        })
                    }
                    Err(e) => return fail(e),
                }
            }
            (None, Some(name)) => match lede::Target::new("person", name) {
                Ok(t) => t,
                Err(e) => return usage(&e.to_string()),
            },
            (None, None) => return usage("no document or person given"),
        };
        tags.edit(
            &target,
            &lede::tags::Edit {
                add: change.add.clone(),
                remove: change.remove.clone(),
                note: change.note.clone(),
            },
        );
        drop(input);
        if let Err(e) = lede::corpus_file::write_tags(&args.input.index[0], &tags) {
            return fail(e);
        }
        let note = tags.get(&target).cloned().unwrap_or_default();
        out["changed"] = match &target {
            lede::Target::Person(name) => json!({"person": name}),
            lede::Target::Doc(key) => json!({"doc": change.doc, "key": key}),
            lede::Target::Quote(key) => json!({
                "doc": change.doc,
                "quote": change.quote.map(|(s, e)| json!({"start": s, "end": e})),
                "key": key
            }),
        };
        out["changed"]["tags"] = json!(note.tags);
        out["changed"]["note"] = json!(note.note);
    }
    let notes = [&tags.docs, &tags.quotes, &tags.people]
        .iter()
        .flat_map(|m| m.values())
        .filter(|n| !n.note.is_empty())
        .count();
    out["tags"] = json!(tags.counts());
    out["notes"] = json!(notes);
    out["saved_searches"] = json!(tags.searches.len());
    emit(&mut std::io::stdout().lock(), &out);
    exit_code(failed)
}

/// The first `--corpus` path or `--index` file that does not exist.
fn missing_path(args: &CorpusArgs) -> Option<&PathBuf> {
    args.input
        .paths
        .iter()
        .chain(&args.input.index)
        .find(|p| !p.exists())
}

fn cmd_search(limit: usize, args: &CorpusArgs, query: &str) -> ExitCode {
    // For `search` (only) a corpus path that does not exist is bad usage.
    if let Some(p) = missing_path(args) {
        eprintln!("lede search: {}: no such file or folder", p.display());
        return ExitCode::from(2);
    }
    let Ok((mut corpus, failed)) = open_input(args) else {
        return ExitCode::from(1);
    };
    // Facets are counted for the flags (`flags` in the output).
    let opts = lede::SearchOptions {
        limit,
        ..lede::SearchOptions::default()
    };
    let start = std::time::Instant::now();
    let r = match corpus.search(query, &opts) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let took_ms = start.elapsed().as_secs_f64() * 1000.0;
    emit(
        &mut std::io::stdout().lock(),
        &search_json(query, &r, took_ms),
    );
    exit_code(failed)
}

/// `lede quotes`: [`lede::QuoteResults`] as JSON, or CSV with the columns
/// quote,speaker,outlet,date,title,file,start,end (every cell neutralised
/// against formula injection).
fn cmd_quotes(limit: usize, format: QuotesFormat, args: &CorpusArgs, query: &str) -> ExitCode {
    if let Some(p) = args
        .input
        .paths
        .iter()
        .chain(&args.input.index)
        .find(|p| !p.exists())
    {
        eprintln!("lede quotes: {}: no such file or folder", p.display());
        return ExitCode::from(2);
    }
    let Ok((mut corpus, failed)) = open_input(args) else {
        return ExitCode::from(1);
    };
    let r = match corpus.quotes(query, limit) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let mut out = std::io::stdout().lock();
    match format {
        QuotesFormat::Json => emit(&mut out, &json!(r)),
        QuotesFormat::Csv => {
            let _ = writeln!(out, "quote,speaker,outlet,date,title,file,start,end");
            for q in &r.quotes {
                let cells = [
                    q.text.as_str(),
                    q.speaker.as_deref().unwrap_or(""),
                    q.outlet.as_deref().unwrap_or(""),
                    q.date.as_deref().unwrap_or(""),
                    q.title.as_deref().unwrap_or(""),
                    q.file.as_str(),
                    &q.start.to_string(),
                    &q.end.to_string(),
                ];
                let row: Vec<String> = cells.iter().map(|c| lede::analyze::csv_field(c)).collect();
                let _ = writeln!(out, "{}", row.join(","));
            }
        }
    }
    exit_code(failed)
}

/// `lede batch`: `{terms: [{term, query, total, by_outlet: [{value,
/// count}], by_month: [{value, count}] (months in order), hits: [{file,
/// title, outlet, date, score}], notes}]}`.
fn cmd_batch(limit: usize, args: &CorpusArgs, terms: &std::path::Path) -> ExitCode {
    let text = if terms.as_os_str() == "-" {
        let mut s = String::new();
        match std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
            Ok(_) => s,
            Err(e) => return fail(io_error(terms, e)),
        }
    } else {
        match std::fs::read_to_string(terms) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("lede batch: {}: {e}", terms.display());
                return ExitCode::from(2);
            }
        }
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let Ok((mut input, failed)) = open_input(args) else {
        return ExitCode::from(1);
    };
    let opts = lede::SearchOptions {
        limit,
        snippets: false,
        ..lede::SearchOptions::default()
    };
    let mut rows = Vec::with_capacity(lines.len());
    for term in lines {
        let r = match input.search(term, &opts) {
            Ok(r) => r,
            Err(e) => return fail(e),
        };
        let mut months = r.facets.year_month.clone();
        months.sort_by(|a, b| a.value.cmp(&b.value));
        let hits: Vec<Value> = r
            .hits
            .iter()
            .map(|h| {
                json!({
                    "file": h.file,
                    "title": h.title,
                    "outlet": h.outlet,
                    "date": h.date,
                    "score": (h.score as f64 * 10_000.0).round() / 10_000.0,
                })
            })
            .collect();
        rows.push(json!({
            "term": term,
            "query": r.query,
            "total": r.total,
            "by_outlet": r.facets.outlet,
            "by_month": months,
            "hits": hits,
            "notes": r.notes,
        }));
    }
    emit(&mut std::io::stdout().lock(), &json!({ "terms": rows }));
    exit_code(failed)
}

/// `{query, total, took_ms, hits: [{file, title, score, snippet}], notes,
/// flags}`; `flags`: `[{value, count}]`, the matches each flag of the
/// statement trails holds (`quote-differs`, …), when they are known (a
/// corpus file's stored flags; an imported corpus's of up to 400
/// documents, or any size when the query filters by `flag:`).
fn search_json(query: &str, r: &lede::SearchResults, took_ms: f64) -> Value {
    let hits: Vec<Value> = r
        .hits
        .iter()
        .map(|h| {
            let mut hit = json!({
                "file": h.file,
                "title": h.title,
                "score": (h.score as f64 * 10_000.0).round() / 10_000.0,
                "snippet": h.snippet,
            });
            if let Some(section) = &h.section {
                hit["section"] = json!(section);
            }
            hit
        })
        .collect();
    json!({
        "query": query,
        "total": r.total,
        "took_ms": (took_ms * 1000.0).round() / 1000.0,
        "hits": hits,
        "notes": r.notes,
        "flags": r.facets.flags,
    })
}

/// `lede people --format csv`: one row a person (name, aliases, roles,
/// mentions, quotes, outlets; lists joined with "; "), every cell
/// neutralised against formula injection; JSON as the other views.
fn cmd_people(args: &ViewArgs, format: QuotesFormat) -> ExitCode {
    if matches!(format, QuotesFormat::Json) {
        return cmd_view(args, View::People);
    }
    let (out, failed) = match view_output(args, View::People) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let mut w = std::io::stdout().lock();
    let _ = writeln!(w, "name,aliases,roles,mentions,quotes,outlets");
    let list = |v: &Value| -> String {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default()
    };
    for p in out.as_array().into_iter().flatten() {
        let cells = [
            p["name"].as_str().unwrap_or("").to_string(),
            list(&p["aliases"]),
            list(&p["roles"]),
            p["mentions"].to_string(),
            p["quote_count"].to_string(),
            list(&p["outlets"]),
        ];
        let row: Vec<String> = cells.iter().map(|c| lede::analyze::csv_field(c)).collect();
        let _ = writeln!(w, "{}", row.join(","));
    }
    exit_code(failed)
}

/// `lede people|timeline|stories|statements|collocates|keyness|trends`:
/// the views of the page, as the worker gives them to it.
fn cmd_view(args: &ViewArgs, view: View) -> ExitCode {
    match view_output(args, view) {
        Ok((out, failed)) => {
            emit(&mut std::io::stdout().lock(), &out);
            exit_code(failed)
        }
        Err(code) => code,
    }
}

/// The JSON of a view and the count of inputs that failed, or the exit
/// status of a failure (printed).
fn view_output(args: &ViewArgs, view: View) -> Result<(Value, usize), ExitCode> {
    let Ok((input, failed)) = open_input(&args.corpus) else {
        return Err(ExitCode::from(1));
    };
    let out = match input {
        Input::Corpus(corpus) => {
            let ids = args.within.as_deref().map(|q| corpus.matching(q));
            view_json(&corpus, ids.as_deref(), &view).unwrap_or(Value::Null)
        }
        Input::File(file)
            if args.within.is_none()
                && stored_name(&view).is_some_and(|n| file.stored_view_bytes(n) == 0) =>
        {
            // A file that stores no whole-corpus views (one too big for
            // them): its view as the page gets it (the timeline's counts;
            // the others need --in).
            let mut shards = lede::corpus_file::Shards::new();
            shards.push(*file);
            shards.set_whole_view_bytes(u64::MAX);
            match shards_view_json(&mut shards, None, &view) {
                Ok(v) => v.unwrap_or(Value::Null),
                Err(e) => return Err(fail(e)),
            }
        }
        Input::File(mut file) => match file_view_json(&mut file, args.within.as_deref(), &view) {
            Ok(v) => v,
            Err(e) => return Err(fail(e)),
        },
        Input::Shards(mut shards, paths) => {
            match shards_view_json(&mut shards, args.within.as_deref(), &view) {
                Ok(Some(v)) => v,
                Ok(None) => {
                    // The text analyses read the files' documents into
                    // one corpus.
                    let corpus = match Input::Shards(shards, paths).whole() {
                        Ok(c) => c,
                        Err(e) => return Err(fail(e)),
                    };
                    let ids = args.within.as_deref().map(|q| corpus.matching(q));
                    view_json(&corpus, ids.as_deref(), &view).unwrap_or(Value::Null)
                }
                Err(e) => return Err(fail(e)),
            }
        }
    };
    Ok((out, failed))
}

/// `lede network`: the network of the documents of `--in` (all when
/// absent), in `format`; a corpus file's documents are read for it.
fn cmd_network(args: &ViewArgs, format: NetworkFormat, max_nodes: usize) -> ExitCode {
    let (corpus, ids, failed) = match selected(args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let opts = lede::analyze::NetworkOptions {
        max_nodes,
        ..Default::default()
    };
    let net = lede::analyze::network(&corpus.select(ids.as_deref()), corpus.aliases(), &opts);
    let mut out = std::io::stdout().lock();
    match format {
        NetworkFormat::Json => emit(&mut out, &serde_json::to_value(&net).unwrap_or(Value::Null)),
        NetworkFormat::Gexf => {
            let _ = out.write_all(net.to_gexf().as_bytes());
        }
        NetworkFormat::Csv => {
            let _ = out.write_all(net.to_csv().as_bytes());
        }
    }
    exit_code(failed)
}

/// The documents of `--in` (all when absent) in memory, with their ids
/// (`None`: all) and how many inputs failed; a corpus file's documents
/// are read for it.
fn selected(args: &ViewArgs) -> Result<(lede::Corpus, Option<Vec<lede::DocId>>, usize), ExitCode> {
    let Ok((input, failed)) = open_input(&args.corpus) else {
        return Err(ExitCode::from(1));
    };
    let within = args.within.as_deref();
    let read = match input {
        Input::File(mut file) => (|| {
            let ids = within.map(|q| done(file.matching(q))).transpose()?;
            let corpus = done(file.corpus(ids.as_deref()))?;
            Ok((corpus, ids))
        })(),
        other => other.whole().map(|corpus| {
            let ids = within.map(|q| corpus.matching(q));
            (corpus, ids)
        }),
    };
    match read {
        Ok((corpus, ids)) => Ok((corpus, ids, failed)),
        Err(e) => Err(fail(e)),
    }
}

/// `lede entities`: every person, organization and place of the documents
/// (of `--in`), with documents, mentions and outlets
/// ([`lede::analyze::entities`]), as JSON or CSV.
fn cmd_entities(args: &ViewArgs, kinds: &[EntityKindArg], format: QuotesFormat) -> ExitCode {
    let (corpus, ids, failed) = match selected(args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let kinds: Vec<lede::analyze::NodeKind> = kinds
        .iter()
        .map(|k| match k {
            EntityKindArg::Person => lede::analyze::NodeKind::Person,
            EntityKindArg::Org => lede::analyze::NodeKind::Org,
            EntityKindArg::Place => lede::analyze::NodeKind::Place,
        })
        .collect();
    let rows = lede::analyze::entities(&corpus.select(ids.as_deref()), corpus.aliases(), &kinds);
    let mut out = std::io::stdout().lock();
    match format {
        QuotesFormat::Json => emit(
            &mut out,
            &serde_json::to_value(&rows).unwrap_or(Value::Null),
        ),
        QuotesFormat::Csv => {
            let _ = out.write_all(lede::analyze::entities_to_csv(&rows).as_bytes());
        }
    }
    exit_code(failed)
}

/// `lede entities --kind`.
#[derive(Clone, Copy, ValueEnum)]
enum EntityKindArg {
    Person,
    Org,
    Place,
}

/// The name of the whole-corpus view a file stores for `view`, if any.
fn stored_name(view: &View) -> Option<&'static str> {
    match view {
        View::People => Some("people"),
        View::Timeline => Some("timeline"),
        View::Statements => Some("statements"),
        View::Stories => Some("stories"),
        _ => None,
    }
}

/// One view from a corpus file: the stored whole-corpus view when there
/// is one and no `--in`, else the view computed on the documents it
/// reads (those of `--in`, or all), exactly as over `--corpus`.
fn file_view_json(
    file: &mut LedeFile,
    within: Option<&str>,
    view: &View,
) -> Result<Value, lede::Error> {
    let ids = match within {
        Some(q) => Some(done(file.matching(q))?),
        None => None,
    };
    match (stored_name(view), &ids) {
        (Some(name), None) => return done(file.view(name)),
        (Some("people"), Some(ids)) => {
            // The people of those documents, as over --corpus.
            let all = done(file.view("people"))?;
            let keep = |p: &Value| {
                p["docs"].as_array().is_some_and(|docs| {
                    docs.iter().any(|d| {
                        d["doc"]
                            .as_u64()
                            .is_some_and(|id| ids.contains(&(id as lede::DocId)))
                    })
                })
            };
            return Ok(Value::Array(
                all.as_array()
                    .map(|a| a.iter().filter(|p| keep(p)).cloned().collect())
                    .unwrap_or_default(),
            ));
        }
        _ => {}
    }
    let corpus = done(file.corpus(ids.as_deref()))?;
    view_json(&corpus, ids.as_deref(), view).map_err(|e| lede::Error::Other {
        message: e.to_string(),
    })
}

/// A stored view of several files, merged (`None`: `view` is a text
/// analysis, computed from the documents).
fn shards_view_json(
    shards: &mut lede::corpus_file::Shards<lede::corpus_file::FileSource>,
    within: Option<&str>,
    view: &View,
) -> Result<Option<Value>, lede::Error> {
    let Some(name) = stored_name(view) else {
        return Ok(None);
    };
    let ids = match within {
        Some(q) => Some(shard_done(shards.matching(None, q))?),
        None => None,
    };
    shard_done(shards.view(name, ids.as_deref(), None)).map(Some)
}

/// As [`done`], for several files.
fn shard_done<T>(step: lede::Result<lede::corpus_file::ShardStep<T>>) -> Result<T, lede::Error> {
    match step? {
        lede::corpus_file::ShardStep::Done(v) => Ok(v),
        lede::corpus_file::ShardStep::Need(_) => Err(never_needs("")),
    }
}

type LedeFile = lede::corpus_file::CorpusFile<lede::corpus_file::FileSource>;

/// What `--corpus` or `--index` opened.
enum Input {
    Corpus(Box<lede::Corpus>),
    File(Box<LedeFile>),
    /// Several `--index` files, searched as one, with their paths.
    Shards(
        lede::corpus_file::Shards<lede::corpus_file::FileSource>,
        Vec<PathBuf>,
    ),
}

impl Input {
    fn search(
        &mut self,
        query: &str,
        opts: &lede::SearchOptions,
    ) -> Result<lede::SearchResults, lede::Error> {
        match self {
            Input::Corpus(c) => Ok(c.search(query, opts)),
            Input::File(f) => done(f.search(query, opts)),
            Input::Shards(s, _) => shard_done(s.search(None, query, opts)),
        }
    }

    /// The quotes `query` matches (see [`lede::Corpus::quotes`]): a file
    /// loads only the documents the search ranks.
    fn quotes(&mut self, query: &str, limit: usize) -> Result<lede::QuoteResults, lede::Error> {
        let opts = lede::quote_search_options();
        let ranked = self.search(query, &opts)?;
        let mut ids: Vec<lede::DocId> = ranked.hits.iter().map(|h| h.id).collect();
        ids.sort_unstable();
        let run = |c: &lede::Corpus| c.quotes_in(query, &ranked, limit);
        match self {
            Input::Corpus(c) => Ok(run(c)),
            Input::File(f) => done(f.with_corpus(Some(&ids), run)),
            Input::Shards(s, _) => shard_done(s.with_corpus(Some(&ids), None, run)),
        }
    }

    /// Every document in memory (a corpus file is read whole).
    fn whole(self) -> Result<lede::Corpus, lede::Error> {
        match self {
            Input::Corpus(c) => Ok(*c),
            Input::File(mut f) => done(f.corpus(None)),
            Input::Shards(_, paths) => read_files(&paths).map(|(c, _)| c),
        }
    }
}

/// A file on disk answers every read at once: a reader asking for more
/// bytes is a bug, said as an error (naming the file when known).
fn never_needs(name: &str) -> lede::Error {
    let name = if name.is_empty() {
        String::new()
    } else {
        format!("{name}: ")
    };
    lede::Error::Other {
        message: format!("{name}the corpus file reader asked for bytes a file should have given"),
    }
}

/// A file source answers at once; `Need` would be a bug in the reader.
fn done<T>(step: lede::Result<lede::corpus_file::Step<T>>) -> Result<T, lede::Error> {
    match step? {
        lede::corpus_file::Step::Done(v) => Ok(v),
        lede::corpus_file::Step::Need(_) => Err(never_needs("")),
    }
}

/// Prints `e` and returns exit status 1.
fn fail(e: lede::Error) -> ExitCode {
    eprintln!("lede: {e}");
    ExitCode::from(1)
}

/// Opens `--index FILE` or imports `--corpus PATH...`.
fn open_input(args: &CorpusArgs) -> Result<(Input, usize), lede::Error> {
    if args.input.index.is_empty() {
        return open_corpus(&args.input.paths, &args.import)
            .map(|(c, n)| (Input::Corpus(Box::new(c)), n));
    }
    let mut segments = Vec::new();
    for path in &args.input.index {
        match open_segments(path) {
            Ok(s) => segments.extend(s),
            Err(e) => {
                eprintln!("lede: {e}");
                return Err(e);
            }
        }
    }
    if segments.len() == 1 {
        return Ok((Input::File(Box::new(segments.remove(0))), 0));
    }
    let mut shards = lede::corpus_file::Shards::new();
    for f in segments {
        shards.push(f);
    }
    // The whole timeline goes to stdout, not to a tab: as big as the files
    // store it (as for one file).
    shards.set_whole_view_bytes(u64::MAX);
    // An article in several of the files counts once, in the first.
    let all: Vec<usize> = (0..shards.len()).collect();
    shard_done(shards.hide_copies(&all))?;
    Ok((Input::Shards(shards, args.input.index.clone()), 0))
}

fn open_file(path: &std::path::Path) -> Result<LedeFile, lede::Error> {
    let (source, len) = lede::corpus_file::FileSource::open(path)?;
    let name = path.display().to_string();
    match lede::corpus_file::CorpusFile::open(source, len) {
        Ok(lede::corpus_file::Opened::Ready(f)) => Ok(*f),
        Ok(lede::corpus_file::Opened::Need(..)) => Err(never_needs(&name)),
        Err(e) => Err(lede::Error::Other {
            message: format!("{name}: {e}"),
        }),
    }
}

/// Every segment of the corpus file `path`, in order.
fn open_segments(path: &std::path::Path) -> Result<Vec<LedeFile>, lede::Error> {
    let first = open_file(path)?;
    let name = path.display().to_string();
    let mut out = Vec::new();
    for prefix in first.segments() {
        let (source, _) = lede::corpus_file::FileSource::open(path)?;
        match LedeFile::open_segment(source, first.members_shared(), prefix.clone()) {
            Ok(lede::corpus_file::Opened::Ready(f)) => out.push(*f),
            Ok(lede::corpus_file::Opened::Need(..)) => return Err(never_needs(&name)),
            Err(e) => {
                return Err(lede::Error::Other {
                    message: format!("{name}: segment {prefix}: {e}"),
                })
            }
        }
    }
    out.insert(0, first);
    Ok(out)
}

/// Runs `f` on every document of corpus files, segment by segment.
fn each_document(
    files: &[PathBuf],
    mut f: impl FnMut(lede::Document, Option<lede::extract::Extraction>),
) -> Result<(), lede::Error> {
    for path in files {
        for mut segment in open_segments(path)? {
            done(segment.for_each_document(|_, d, e| f(d, e))).map_err(|e| lede::Error::Other {
                message: format!("{}: {e}", path.display()),
            })?;
        }
    }
    Ok(())
}

/// Reads every document of corpus files into one corpus (same text once).
fn read_files(files: &[PathBuf]) -> Result<(lede::Corpus, usize), lede::Error> {
    let mut corpus = lede::Corpus::new();
    let mut left_out = 0;
    each_document(files, |d, e| {
        if corpus.add_stored(d, e).is_err() {
            left_out += 1;
        }
    })?;
    Ok((corpus, left_out))
}

fn cmd_build(
    out: &std::path::Path,
    append: bool,
    segment_bytes: usize,
    merge: bool,
    inputs: &[PathBuf],
    options: &lede::ImportOptions,
) -> ExitCode {
    let start = std::time::Instant::now();
    let result = if append && out.exists() {
        append_build(out, segment_bytes, inputs, options)
    } else {
        fresh_build(out, segment_bytes, merge, inputs, options)
    };
    let built = match result {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    for e in &built.report.errors {
        eprintln!("lede: {}", e.error);
    }
    for d in &built.report.duplicates {
        eprintln!("lede: {}: same text as {}, left out", d.file, d.of_file);
    }
    for n in &built.report.left_out {
        eprintln!("lede: {}", n.note);
    }
    if !built.report.left_out.is_empty() {
        eprintln!("lede: --keep-collection-files imports such files as articles");
    }
    report_build(out, &built, start, built.report.errors.len())
}

fn io_error(path: &std::path::Path, e: std::io::Error) -> lede::Error {
    lede::Error::Io {
        name: path.display().to_string(),
        message: e.to_string(),
    }
}

/// A new file, written next to the target and renamed: a failed build
/// never leaves half a file under the name.
fn fresh_build(
    out: &std::path::Path,
    segment_bytes: usize,
    merge: bool,
    inputs: &[PathBuf],
    options: &lede::ImportOptions,
) -> Result<lede::corpus_file::build::Built, lede::Error> {
    let tmp = out.with_extension("lede.partial");
    let merging = out.with_extension("lede.merging");
    let run = || {
        let f = std::fs::File::create(&tmp).map_err(|e| io_error(&tmp, e))?;
        let mut w = lede::corpus_file::Writer::new(std::io::BufWriter::new(f));
        if merge
            && lede::corpus_file::build::estimate_docs(inputs)? > lede::corpus_file::WHOLE_VIEW_DOCS
        {
            // Merged, the file stores no views: its segments make none
            // (should fewer documents come in after all, the merge makes
            // them from the segments' documents).
            w = w.views_until(0);
        }
        let mut built = lede::corpus_file::build::build_with(
            &mut w,
            inputs,
            segment_bytes,
            Default::default(),
            options,
        )?;
        if !built.tags.is_empty() {
            w.add_tags(&built.tags)?;
        }
        let (stats, buf) = w.finish_into()?;
        buf.into_inner()
            .map_err(|e| io_error(&tmp, e.into_error()))?
            .sync_all()
            .map_err(|e| io_error(&tmp, e))?;
        built.stats = stats;
        if merge && built.stats.segments > 1 {
            // The segments merged into one (`lede compact`).
            let start = std::time::Instant::now();
            let merged = compact_file(&tmp, &merging)?;
            std::fs::rename(&merging, out).map_err(|e| io_error(out, e))?;
            let _ = std::fs::remove_file(&tmp);
            built.merged_segments = built.stats.segments;
            built.merge_seconds = start.elapsed().as_secs_f64();
            built.stats = merged;
        } else {
            std::fs::rename(&tmp, out).map_err(|e| io_error(out, e))?;
        }
        Ok(built)
    };
    run().inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&merging);
    })
}

/// Writes the segments of corpus file `input` as one to `output`
/// ([`lede::corpus_file::compact`]).
fn compact_file(
    input: &std::path::Path,
    output: &std::path::Path,
) -> Result<lede::corpus_file::BuildStats, lede::Error> {
    let mut segments = open_segments(input)?;
    let f = std::fs::File::create(output).map_err(|e| io_error(output, e))?;
    let (stats, buf) = lede::corpus_file::compact::compact(
        &mut segments,
        lede::corpus_file::WHOLE_VIEW_DOCS,
        std::io::BufWriter::new(f),
    )
    .map_err(|e| lede::Error::Other {
        message: format!("{}: {e}", input.display()),
    })?;
    buf.into_inner()
        .map_err(|e| io_error(output, e.into_error()))?
        .sync_all()
        .map_err(|e| io_error(output, e))?;
    Ok(stats)
}

/// `lede compact`: the file's segments merged into one, written next to
/// the target and renamed (in place of FILE when no --out is given).
fn cmd_compact(file: &std::path::Path, out: Option<&std::path::Path>) -> ExitCode {
    let start = std::time::Instant::now();
    let target = out.unwrap_or(file);
    let merging = target.with_extension("lede.merging");
    let before = match open_segments(file) {
        Ok(s) => s.len(),
        Err(e) => return fail(e),
    };
    let stats = match compact_file(file, &merging).and_then(|s| {
        std::fs::rename(&merging, target)
            .map(|_| s)
            .map_err(|e| io_error(target, e))
    }) {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_file(&merging);
            return fail(e);
        }
    };
    let mut report = file_report(target, &stats);
    report.insert("segments_before".into(), json!(before));
    report.insert(
        "seconds".into(),
        json!((start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0),
    );
    emit(&mut std::io::stdout().lock(), &Value::Object(report));
    ExitCode::SUCCESS
}

/// What `lede build` and `lede compact` report of the file written.
fn file_report(
    out: &std::path::Path,
    stats: &lede::corpus_file::BuildStats,
) -> serde_json::Map<String, Value> {
    let v = json!({
        "file": out.display().to_string(),
        "docs": stats.docs,
        "terms": stats.terms,
        "dict_chunks": stats.dict_chunks,
        "members": stats.members,
        "postings_bytes": stats.postings_bytes,
        "file_bytes": stats.file_bytes,
        "segments": stats.segments,
    });
    match v {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// New segments after the end of an existing file, then a directory of
/// all; on failure the file is cut back to what it was.
fn append_build(
    out: &std::path::Path,
    segment_bytes: usize,
    inputs: &[PathBuf],
    options: &lede::ImportOptions,
) -> Result<lede::corpus_file::build::Built, lede::Error> {
    use std::io::{Seek, SeekFrom};
    let mut segments = open_segments(out)?;
    let members: Vec<lede::corpus_file::zip::Member> = segments
        .first()
        .map(|f| f.members().into_iter().cloned().collect())
        .unwrap_or_default();
    let count = segments.len();
    let had: usize = segments.iter().map(|s| s.len()).sum();
    let mut tags = match segments.first_mut() {
        Some(f) => done(f.file_tags())?,
        None => Default::default(),
    };
    drop(segments);
    let mut known = rustc_hash::FxHashMap::default();
    each_document(&[out.to_path_buf()], |d, _| {
        let file = d.file.clone();
        known.entry(lede::Corpus::print_of(&d)).or_insert(file);
    })?;
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(out)
        .map_err(|e| io_error(out, e))?;
    let len = f.seek(SeekFrom::End(0)).map_err(|e| io_error(out, e))?;
    let run = || {
        let g = f.try_clone().map_err(|e| io_error(out, e))?;
        let mut w =
            lede::corpus_file::Writer::resume(std::io::BufWriter::new(g), len, members, count)
                .after_docs(had);
        let mut built =
            lede::corpus_file::build::build_with(&mut w, inputs, segment_bytes, known, options)?;
        if !built.tags.is_empty() {
            tags.merge(&built.tags);
            w.add_tags(&tags)?;
        }
        let (stats, buf) = w.finish_into()?;
        let g = buf
            .into_inner()
            .map_err(|e| io_error(out, e.into_error()))?;
        g.sync_all().map_err(|e| io_error(out, e))?;
        built.stats = stats;
        // `docs` counts the whole file, as after a fresh build.
        built.stats.docs += had;
        Ok::<_, lede::Error>(built)
    };
    let r = run();
    if r.is_err() {
        let _ = f.set_len(len);
    }
    r
}

fn cmd_merge(out: &std::path::Path, files: &[PathBuf]) -> ExitCode {
    let start = std::time::Instant::now();
    let tmp = out.with_extension("lede.partial");
    let run = || {
        let f = std::fs::File::create(&tmp).map_err(|e| io_error(&tmp, e))?;
        let mut w = lede::corpus_file::Writer::new(std::io::BufWriter::new(f));
        let mut built = lede::corpus_file::build::merge(
            &mut w,
            lede::corpus_file::build::SEGMENT_BYTES,
            |add| each_document(files, add),
        )?;
        // The inputs' tags and notes, merged (documents keyed by text).
        let mut tags = lede::Tags::default();
        for path in files {
            if let Some(first) = open_segments(path)?.first_mut() {
                tags.merge(&done(first.file_tags())?);
            }
        }
        if !tags.is_empty() {
            w.add_tags(&tags)?;
        }
        let (stats, buf) = w.finish_into()?;
        buf.into_inner()
            .map_err(|e| io_error(&tmp, e.into_error()))?
            .sync_all()
            .map_err(|e| io_error(&tmp, e))?;
        std::fs::rename(&tmp, out).map_err(|e| io_error(out, e))?;
        built.stats = stats;
        Ok::<_, lede::Error>(built)
    };
    let built = match run() {
        Ok(b) => b,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return fail(e);
        }
    };
    if !built.report.duplicates.is_empty() {
        eprintln!(
            "lede: {} documents with the same text as another left out",
            built.report.duplicates.len()
        );
    }
    report_build(out, &built, start, 0)
}

/// Prints the build report.
fn report_build(
    out: &std::path::Path,
    built: &lede::corpus_file::build::Built,
    start: std::time::Instant,
    failed: usize,
) -> ExitCode {
    let seconds = start.elapsed().as_secs_f64();
    let mut report = file_report(out, &built.stats);
    let round = |s: f64| (s * 1000.0).round() / 1000.0;
    for (k, v) in [
        ("text_bytes", json!(built.text_bytes)),
        ("left_out", json!(built.report.left_out.len())),
        ("import_seconds", json!(round(built.import_seconds))),
        ("write_seconds", json!(round(built.write_seconds))),
        ("merged_segments", json!(built.merged_segments)),
        ("merge_seconds", json!(round(built.merge_seconds))),
        ("seconds", json!(round(seconds))),
    ] {
        report.insert(k.into(), v);
    }
    emit(&mut std::io::stdout().lock(), &Value::Object(report));
    exit_code(failed)
}

/// One view over the documents `ids` (all when `None`), as JSON.
fn view_json(
    corpus: &lede::Corpus,
    ids: Option<&[lede::DocId]>,
    view: &View,
) -> Result<Value, serde_json::Error> {
    match view {
        View::People => {
            let people = corpus.people();
            let people: Vec<_> = match ids {
                Some(ids) => people
                    .into_iter()
                    .filter(|p| p.docs.iter().any(|d| ids.contains(&d.doc)))
                    .collect(),
                None => people,
            };
            serde_json::to_value(&people)
        }
        View::Timeline => serde_json::to_value(corpus.timeline(ids)),
        View::Stories => serde_json::to_value(lede::analyze::stories(
            &corpus.select(ids),
            &lede::analyze::StoryOptions::default(),
        )),
        View::Statements => serde_json::to_value(corpus.statements(ids)),
        View::Trail => {
            let trails: Vec<_> = corpus
                .statements(ids)
                .into_iter()
                .map(|s| s.trail)
                .collect();
            serde_json::to_value(trails)
        }
        View::Collocates { window, term } => {
            let opts = lede::analyze::CollocateOptions {
                window: *window,
                ..Default::default()
            };
            serde_json::to_value(lede::analyze::collocates(&corpus.select(ids), term, &opts))
        }
        View::Keyness { target, against } => {
            let within = |found: Vec<lede::DocId>| -> Vec<lede::DocId> {
                match ids {
                    Some(ids) => found.into_iter().filter(|d| ids.contains(d)).collect(),
                    None => found,
                }
            };
            let target = within(corpus.matching(target));
            // The reference: the documents of --against, else all (less
            // the target's, which keyness leaves out of it).
            let reference = against.as_deref().map(|q| within(corpus.matching(q)));
            let reference = reference.as_deref().or(ids);
            serde_json::to_value(lede::analyze::keyness(
                &corpus.select(Some(&target)),
                &corpus.select(reference),
                &lede::analyze::KeynessOptions::default(),
            ))
        }
        View::Trends { terms } => {
            let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
            serde_json::to_value(lede::analyze::trends(&corpus.select(ids), &terms))
        }
    }
}
