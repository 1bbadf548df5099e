//! Sections and sources the user chooses at import: a folder's name as
//! the outlet or the section (`section:` filter, Section facet, stored in
//! snapshots and corpus files), files that describe the collection left
//! out with a note (or kept when asked), and the entities export.

use std::path::{Path, PathBuf};

use lede::corpus_file::{CorpusFile, MemorySource, Opened, Step};
use lede::{Corpus, FolderAs, ImportOptions, SearchOptions};

const SPORT: &str = "Claxton hunting first major medal\n\nBritish hurdler Sarah Claxton is confident she can win her first major medal at next month's European Indoor Championships in Madrid.";
const SPORT2: &str = "O'Sullivan could run in Worlds\n\nSonia O'Sullivan has indicated that she would like to participate in next month's World Cross Country Championships in St Etienne.";
const BUSINESS: &str = "Ad sales boost Time Warner profit\n\nNEW YORK (Reuters) - Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.";
const README: &str = "Consists of 3 documents from a news website in two topical areas.\nIf you make use of the dataset, please cite the publication.\nAll rights in the articles are owned by their authors.";
const PROVENANCE: &str = "News dataset: 3 articles, 2 folders (business 1, sport 2).\nSource: GitHub, path news/.\nFormat: plain text, line 1 = headline.";

/// A collection as it arrives: `news/` with a README, a PROVENANCE note
/// and a folder per section.
fn tree(tag: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("lede-sections-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let news = root.join("news");
    for (path, text) in [
        ("README.TXT", README),
        ("PROVENANCE.txt", PROVENANCE),
        ("sport/001.txt", SPORT),
        ("sport/002.txt", SPORT2),
        ("business/001.txt", BUSINESS),
    ] {
        let p = news.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    root
}

fn import(root: &Path, options: ImportOptions) -> (Corpus, lede::ImportReport) {
    let mut c = Corpus::new();
    c.set_import_options(options);
    let r = c.import_paths(&[root.join("news")]).expect("imports");
    (c, r)
}

fn values(f: &[lede::query::FacetCount]) -> Vec<(String, usize)> {
    f.iter().map(|v| (v.value.clone(), v.count)).collect()
}

#[test]
fn folders_become_sections_searched_and_counted() {
    let root = tree("section");
    let (c, r) = import(
        &root,
        ImportOptions {
            folder_as: FolderAs::Section,
            ..ImportOptions::default()
        },
    );
    assert_eq!(r.added.len(), 3, "{r:?}");
    let sport = c.search("section:sport", &SearchOptions::default());
    assert_eq!(sport.total, 2);
    assert!(sport
        .hits
        .iter()
        .all(|h| h.section.as_deref() == Some("sport")));
    let all = c.search("", &SearchOptions::default());
    assert_eq!(all.total, 3);
    assert_eq!(
        values(&all.facets.section),
        [("sport".to_string(), 2), ("business".to_string(), 1)]
    );
    // The outlet is the text's own (Reuters), not the folder.
    let b = c.search("section:business", &SearchOptions::default());
    assert_eq!(b.hits[0].outlet.as_deref(), Some("Reuters"));
    // The document list and the stored forms keep it.
    assert!(c
        .summaries()
        .iter()
        .any(|d| d.section.as_deref() == Some("business")));
    let restored = Corpus::restore(&c.snapshot()).expect("restores");
    assert_eq!(
        restored
            .search("section:sport", &SearchOptions::default())
            .total,
        2
    );
    // The JSON Lines export carries it, and imports with it.
    let jsonl = c.to_jsonl();
    let mut again = Corpus::new();
    again.import("export.jsonl", jsonl.as_bytes());
    assert_eq!(
        again
            .search("section:sport", &SearchOptions::default())
            .total,
        2
    );
    let mut c = c;
    let mut bytes = Vec::new();
    lede::corpus_file::write(&mut c, &mut bytes).expect("written");
    let len = bytes.len() as u64;
    let Opened::Ready(mut file) = CorpusFile::open(MemorySource::whole(bytes), len).unwrap() else {
        panic!("a whole file never needs more")
    };
    let Step::Done(found) = file
        .search("section:sport", &SearchOptions::default())
        .unwrap()
    else {
        panic!("needs bytes")
    };
    assert_eq!(found.total, 2);
    assert_eq!(found.hits[0].section.as_deref(), Some("sport"));
    assert_eq!(values(&found.facets.section), [("sport".to_string(), 2)]);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn folders_become_outlets_over_the_text() {
    let root = tree("outlet");
    let (c, _) = import(
        &root,
        ImportOptions {
            folder_as: FolderAs::Outlet,
            ..ImportOptions::default()
        },
    );
    let mut outlets: Vec<(String, Option<String>)> = c
        .iter()
        .map(|(_, d)| (d.outlet.clone().unwrap_or_default(), d.section.clone()))
        .collect();
    outlets.sort();
    assert_eq!(
        outlets,
        [
            ("business".to_string(), None),
            ("sport".to_string(), None),
            ("sport".to_string(), None)
        ]
    );
    assert_eq!(c.search("outlet:sport", &SearchOptions::default()).total, 2);
    // Nothing chosen: no section, and the README still left out.
    let (c, r) = import(&root, ImportOptions::default());
    assert_eq!(r.added.len(), 3);
    assert!(c.iter().all(|(_, d)| d.section.is_none()));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn files_about_the_collection_are_left_out_with_a_note_or_kept() {
    let root = tree("readme");
    let (c, r) = import(&root, ImportOptions::default());
    let left: Vec<&str> = r.left_out.iter().map(|n| n.file.as_str()).collect();
    let name = |f: &str| root.join("news").join(f).to_string_lossy().into_owned();
    assert_eq!(left, [name("PROVENANCE.txt"), name("README.TXT")]);
    for n in &r.left_out {
        assert!(n.note.starts_with(&n.file), "{}", n.note);
        assert!(n.note.contains("left out"), "{}", n.note);
    }
    assert!(r.errors.is_empty());
    assert_eq!(c.len(), 3);
    assert_eq!(c.search("dataset", &SearchOptions::default()).total, 0);
    // Import anyway.
    let (c, r) = import(
        &root,
        ImportOptions {
            keep_collection_files: true,
            ..ImportOptions::default()
        },
    );
    assert!(r.left_out.is_empty());
    assert_eq!(c.len(), 5);
    assert_eq!(c.search("dataset", &SearchOptions::default()).total, 2);
    // A zip's members are judged by their own names; folders in it count.
    let zip = lede::doc::write_zip(&[
        ("news/README.md", README.as_bytes(), true),
        ("news/sport/001.txt", SPORT.as_bytes(), true),
    ]);
    let mut c = Corpus::new();
    c.set_import_options(ImportOptions {
        folder_as: FolderAs::Section,
        ..ImportOptions::default()
    });
    let r = c.import("news.zip", &zip);
    assert_eq!(r.added.len(), 1, "{r:?}");
    assert_eq!(r.left_out.len(), 1);
    assert_eq!(r.left_out[0].file, "news.zip#news/README.md");
    assert_eq!(
        c.get(r.added[0]).and_then(|d| d.section.as_deref()),
        Some("sport")
    );
    // Import anyway, the member alone: no duplicates of the others.
    c.set_import_options(ImportOptions {
        folder_as: FolderAs::Section,
        keep_collection_files: true,
        only: vec!["news.zip#news/README.md".into()],
    });
    let r = c.import("news.zip", &zip);
    assert_eq!(
        (r.added.len(), r.duplicates.len(), r.left_out.len()),
        (1, 0, 0),
        "{r:?}"
    );
    assert_eq!(
        c.get(r.added[0]).map(|d| d.file.as_str()),
        Some("news.zip#news/README.md")
    );
    let _ = std::fs::remove_dir_all(&root);
}

fn lede(args: &[&str]) -> (String, String, i32) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .output()
        .expect("lede runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn the_cli_takes_folders_as_sections_and_names_what_it_left_out() {
    let root = tree("cli");
    let news = root.join("news");
    let news = news.to_str().unwrap();
    let (out, err, code) = lede(&[
        "search",
        "--corpus",
        news,
        "--folder-as",
        "section",
        "section:sport",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["hits"][0]["section"], "sport");
    assert!(err.contains("README.TXT: a README file"), "{err}");
    assert!(err.contains("PROVENANCE.txt: a PROVENANCE file"), "{err}");
    assert!(err.contains("--keep-collection-files"), "{err}");
    let (out, _, _) = lede(&[
        "search",
        "--corpus",
        news,
        "--keep-collection-files",
        "dataset",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 2);
    // parse lists a left-out file as such.
    let readme = root.join("news/README.TXT");
    let (out, _, code) = lede(&["parse", readme.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["left_out"].as_str().unwrap().contains("left out"));
    let (out, _, code) = lede(&["extract", readme.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["left_out"].as_str().unwrap().contains("a README file"));
    let (out, _, _) = lede(&[
        "extract",
        "--keep-collection-files",
        readme.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["left_out"].is_null() && v["entities"].is_array(), "{v}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_cli_exports_entities_as_csv_and_json() {
    let (out, err, code) = lede(&[
        "entities", "--corpus", "seeds", "--kind", "org", "--format", "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("name,kind,documents,mentions,outlets"));
    let nato = lines.find(|l| l.starts_with("NATO,")).expect("NATO row");
    assert!(nato.starts_with("NATO,org,5,"), "{nato}");
    assert!(out.lines().skip(1).all(|l| l.contains(",org,")), "{out}");
    let (out, _, _) = lede(&["entities", "--corpus", "seeds", "--kind", "place"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert!(rows.iter().all(|r| r["kind"] == "place"));
    let moscow = rows.iter().find(|r| r["name"] == "Moscow").expect("Moscow");
    for key in ["documents", "mentions", "outlets"] {
        assert!(!moscow[key].is_null(), "{moscow}");
    }
}

#[test]
fn seeds_list_organizations_and_places_with_their_outlets() {
    use lede::analyze::{entities, NodeKind};
    let c = Corpus::with_seeds();
    let all = entities(&c.select(None), c.aliases(), &[]);
    let orgs = entities(&c.select(None), c.aliases(), &[NodeKind::Org]);
    assert!(orgs.iter().all(|r| r.kind == NodeKind::Org));
    assert!(!orgs.is_empty() && orgs.len() < all.len());
    let nato = orgs.iter().find(|r| r.name == "NATO").expect("NATO");
    assert!(
        nato.documents >= 3 && nato.mentions >= nato.documents,
        "{nato:?}"
    );
    assert!(nato.outlets.iter().any(|o| o == "TASS"), "{nato:?}");
    assert!(all
        .iter()
        .any(|r| r.kind == NodeKind::Place && r.name == "Moscow"));
    // Ordered by documents, then mentions.
    assert!(all.windows(2).all(|w| w[0].documents >= w[1].documents));
}
