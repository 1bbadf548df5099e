//! The layers of `src/` depend only downward (ARCHITECTURE.md): a module
//! may name (`crate::X`, outside comments) only modules of a lower layer
//! or of its own. A new module must be given a layer here.

use std::path::Path;

/// Bottom to top. Modules in one row may use each other.
const LAYERS: &[&[&str]] = &[
    &["vocab", "error", "hash", "par", "deflate"],
    &["text"],
    &["doc", "seeds"],
    &["index", "locate"],
    &["extract"],
    &["query"],
    &["analyze"],
    &[
        "corpus",
        "corpus_build",
        "views",
        "quotes",
        "snapshot",
        "tags",
    ],
    &["corpus_file"],
    &["wasm"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|row| row.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` has no layer in tests/layers.rs"))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src/ is readable") {
        let p = e.expect("directory entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The `crate::X` module names used in code (comments left out).
fn used_modules(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines() {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let tail = &rest[i + "crate::".len()..];
            let name: String = tail
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
            rest = tail;
        }
    }
    out
}

#[test]
fn dependencies_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src/");
        let first = rel.iter().next().and_then(|s| s.to_str()).expect("a name");
        if first == "bin" || first == "lib.rs" {
            continue; // the crate root and the CLI sit above everything
        }
        let module = first.trim_end_matches(".rs");
        let own = layer(module);
        let text = std::fs::read_to_string(f).expect("readable source");
        for used in used_modules(&text) {
            // Crate-root re-exports (`crate::DocId`) are upper-case and not
            // matched; lower-case names are modules.
            if layer(&used) > own {
                wrong.push(format!("{}: uses crate::{used}", rel.display()));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "upward dependencies:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_code_not_comments() {
    assert_eq!(
        used_modules("use crate::doc::Document; // see crate::corpus"),
        vec!["doc"]
    );
    assert!(used_modules("/// [`crate::corpus`]").is_empty());
}
