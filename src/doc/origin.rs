//! What the place a file comes from says about its documents: the folder
//! it is in, which an import can take as the outlet or the section
//! ([`FolderAs`]), and whether the file describes the collection rather
//! than being an article ([`collection_file`]).
//!
//! **Folders.** A document's folder is the innermost folder on its path,
//! inside archives too (`a.zip#bbc/sport/001.txt` → `sport`; a record
//! `news/feed.jsonl#3` → `news`; a member at an archive's top,
//! `dl/a.zip#001.txt`, → `dl`). `.` and `..` are no folder, nor is a file
//! named without one (`a.txt`). The page names a dropped folder's files by
//! their path in it (`bbc/sport/001.txt`), the CLI by the path given.
//!
//! **Collection files.** A collection often comes with files about it: a
//! README, a LICENSE, a PROVENANCE or CHANGELOG note, a Markdown index of
//! its files, a manifest. They are text, so they would parse as articles
//! and sit in every search. [`collection_file`] recognises them by name
//! and shape, so that an import leaves them out and says so:
//! - a name that is only ever such a file (README, LICENSE, LICENCE,
//!   COPYING, PROVENANCE, CHANGELOG, CHANGES, NOTICE, AUTHORS,
//!   CONTRIBUTORS, CONTRIBUTING, CITATION, MANIFEST, CODE_OF_CONDUCT, any
//!   extension), unless the text reads like a long article (600 words or
//!   more and none of the words a description of a collection uses);
//! - a name such a file often has (index, contents, toc, summary, about,
//!   metadata, manifest, catalog, inventory, sources, files, datapackage,
//!   dataset, checksums, md5sums, sha256sums, …) when the text is short
//!   (under 600 words) and describes a collection: two of its words
//!   ("dataset", "corpus", "license", "cite", "files", "folder", …), or
//!   mostly list items and links;
//! - a Markdown file (`.md`, `.markdown`) that is mostly list items and
//!   links: an index of other files.
//!
//! Records of a file (`feed.jsonl#3`) are never collection files; an
//! archive member is judged by its own name.

use serde::{Deserialize, Serialize};

/// What the folder a file is in becomes at import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FolderAs {
    /// Nothing (the default).
    #[default]
    Nothing,
    /// The document's outlet (over the one its text gives).
    Outlet,
    /// The document's section.
    Section,
}

/// How an import reads the files it is given (every field has a default,
/// so `{}` is valid JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// What a document's folder becomes.
    pub folder_as: FolderAs,
    /// Import files that describe the collection ([`collection_file`]) as
    /// articles too, instead of leaving them out.
    pub keep_collection_files: bool,
    /// When not empty, only the items of these names (`file`,
    /// `file#member`) are imported; the others read are passed over
    /// without a word. The page's "Import anyway" sends the archive of a
    /// member left out again with its name here.
    pub only: Vec<String>,
}

/// The innermost folder on the path of the document named `file` (see the
/// module documentation).
pub fn folder_of(file: &str) -> Option<&str> {
    for part in file.rsplit('#') {
        if let Some((dir, _)) = part.rsplit_once(['/', '\\']) {
            let name = dir.rsplit(['/', '\\']).next().unwrap_or(dir).trim();
            return (!matches!(name, "" | "." | "..")).then_some(name);
        }
    }
    None
}

/// Sets the outlet or section of `doc` from its folder, as `folder_as`
/// says. Returns whether it changed anything.
pub fn apply_folder(doc: &mut super::Document, folder_as: FolderAs) -> bool {
    if folder_as == FolderAs::Nothing {
        return false;
    }
    let Some(folder) = folder_of(&doc.file).map(str::to_string) else {
        return false;
    };
    match folder_as {
        FolderAs::Outlet => doc.outlet = Some(folder),
        FolderAs::Section => doc.section = Some(folder),
        FolderAs::Nothing => {}
    }
    true
}

/// Names only ever given to files about a collection (lower case, without
/// extension).
const ALWAYS: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "provenance",
    "changelog",
    "changes",
    "notice",
    "authors",
    "contributors",
    "contributing",
    "citation",
    "manifest",
    "code_of_conduct",
];

/// Names often given to files about a collection: left out when the text
/// is one too.
const OFTEN: &[&str] = &[
    "index",
    "contents",
    "toc",
    "summary",
    "about",
    "metadata",
    "meta",
    "info",
    "catalog",
    "catalogue",
    "inventory",
    "sources",
    "files",
    "filelist",
    "datapackage",
    "dataset",
    "dataset_info",
    "checksums",
    "md5sums",
    "sha1sums",
    "sha256sums",
];

/// Words a description of a collection uses.
const COLLECTION_WORDS: &[&str] = &[
    "dataset",
    "datasets",
    "corpus",
    "corpora",
    "collection",
    "license",
    "licence",
    "licensed",
    "copyright",
    "cite",
    "citing",
    "citation",
    "files",
    "folder",
    "folders",
    "directory",
    "readme",
    "download",
    "version",
    "documents",
];

/// Texts longer than this (in words) are articles unless their name says
/// otherwise.
const LONG: usize = 600;

/// Why the item `file` with text `text` is a file about the collection
/// and not an article ("a README"), or `None` when it may be an article
/// (see the module documentation).
pub fn collection_file(file: &str, text: &str) -> Option<String> {
    let last = file.rsplit('#').next().unwrap_or(file);
    if last != file && !last.contains('.') && last.bytes().all(|b| b.is_ascii_digit()) {
        // A record of a file.
        return None;
    }
    let base = last.rsplit(['/', '\\']).next().unwrap_or(last);
    // "README.fr.md": the stem before the first dot, the extension after
    // the last.
    let stem = base.split('.').next().unwrap_or(base);
    let ext = base
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let stem = stem.to_ascii_lowercase().replace('-', "_");
    let always = ALWAYS.contains(&stem.as_str())
        || ALWAYS
            .iter()
            .any(|a| stem.starts_with(a) && stem[a.len()..].starts_with('_'));
    let often = OFTEN.contains(&stem.as_str());
    let markdown = matches!(ext.as_str(), "md" | "markdown");
    if !(always || often || markdown) {
        // Most files: the text is not read.
        return None;
    }
    let shape = Shape::of(text);
    if always && (shape.words < LONG || shape.collection_words > 0) {
        return Some(format!("a {} file", stem.to_uppercase()));
    }
    if often && shape.words < LONG && (shape.collection_words >= 2 || shape.listing()) {
        return Some(format!("a {base} file describing the collection"));
    }
    if markdown && shape.listing() {
        return Some("a Markdown index of files".to_string());
    }
    None
}

/// The sentence an import report gives a file left out as one about the
/// collection (`what` from [`collection_file`]), ending with `how` to
/// import it anyway.
pub fn left_out_note(file: &str, what: &str, how: &str) -> String {
    format!("{file}: {what}, describing the collection rather than an article; left out ({how})")
}

/// What [`collection_file`] looks at in a text.
struct Shape {
    /// Words (up to [`LONG`] + 1).
    words: usize,
    /// How many different [`COLLECTION_WORDS`] occur.
    collection_words: usize,
    /// Non-blank lines, and those that are list items or links.
    lines: usize,
    listed: usize,
}

impl Shape {
    fn of(text: &str) -> Shape {
        let mut seen = [false; COLLECTION_WORDS.len()];
        let mut words = 0;
        for w in text.split_whitespace().take(LONG + 1) {
            words += 1;
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if let Some(i) = COLLECTION_WORDS.iter().position(|c| *c == w) {
                seen[i] = true;
            }
        }
        let (mut lines, mut listed) = (0, 0);
        for l in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(400)
        {
            lines += 1;
            let item = l.starts_with(['-', '*', '+', '|'])
                || l.split_once(['.', ')'])
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            let link = l.contains("](") || l.contains("://");
            if item || link || l.starts_with('#') {
                listed += 1;
            }
        }
        Shape {
            words,
            collection_words: seen.iter().filter(|&&s| s).count(),
            lines,
            listed,
        }
    }

    /// Mostly list items, links and headings: an index.
    fn listing(&self) -> bool {
        self.lines >= 3 && self.listed * 3 >= self.lines * 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders() {
        assert_eq!(folder_of("bbc/sport/001.txt"), Some("sport"));
        assert_eq!(
            folder_of("../corpora/bbc/business/001.txt"),
            Some("business")
        );
        assert_eq!(folder_of("a.zip#bbc/tech/1.txt"), Some("tech"));
        assert_eq!(folder_of("news/feed.jsonl#3"), Some("news"));
        assert_eq!(folder_of("dl/a.zip#001.txt"), Some("dl"));
        assert_eq!(folder_of("a.txt"), None);
        assert_eq!(folder_of("./a.txt"), None);
        assert_eq!(folder_of("a.zip#1.txt"), None);
        assert_eq!(folder_of("C:\\data\\sport\\1.txt"), Some("sport"));
    }

    #[test]
    fn collection_files_by_name_and_shape() {
        let readme =
            "Consists of 2225 documents from the BBC news website in five topical areas.\n\
                      If you make use of the dataset, please cite the publication.";
        assert!(collection_file("bbc/README.TXT", readme).is_some());
        assert!(collection_file("bbc/PROVENANCE.txt", "Source A: GitHub, path bbc/.").is_some());
        assert!(
            collection_file("x.zip#data/LICENSE", "MIT License\n\nPermission is granted").is_some()
        );
        assert!(collection_file("CHANGELOG.md", "# Changes\n\n- 1.0").is_some());
        assert!(collection_file("README.fr.md", "Un corpus de presse.").is_some());
        let index = "# Articles\n\n- [One](one.txt)\n- [Two](two.txt)\n- [Three](three.txt)";
        assert!(collection_file("corpus/articles.md", index).is_some());
        assert!(collection_file(
            "corpus/index.txt",
            "Files: a.txt, b.txt. The corpus is licensed CC-BY."
        )
        .is_some());
        // Articles, whatever their name.
        let article = "Shares rose on Monday after the central bank held rates.\n\n\
                       Analysts had expected a cut, the bank said in a statement.";
        assert_eq!(collection_file("business/001.txt", article), None);
        assert_eq!(collection_file("business/index.txt", article), None);
        assert_eq!(collection_file("news/summary.md", article), None);
        assert_eq!(collection_file("news/readme.jsonl#3", readme), None);
        let long = "The minister spoke at length. ".repeat(200);
        assert_eq!(collection_file("notice.txt", &long), None);
    }
}
