//! Snapshot size and timing on a corpus (native): imports the files given
//! (a JSON Lines file, a folder of text files, or "seeds"), then writes and
//! restores the snapshot. With `--out PATH`, also saves the snapshot bytes.
//! usage: cargo run --release --example snapshot_size -- INPUT [--limit N] [--out PATH]

use std::time::Instant;

use lede::Corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = args
        .first()
        .expect("usage: snapshot_size INPUT [--limit N] [--out PATH]");
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let limit: usize = opt("--limit").map_or(usize::MAX, |n| n.parse().unwrap());
    let mut c = Corpus::new();
    let t = Instant::now();
    if input == "seeds" {
        c = Corpus::with_seeds();
    } else if input.ends_with(".jsonl") {
        let text = std::fs::read_to_string(input).unwrap();
        let lines: Vec<&str> = text.lines().take(limit).collect();
        for (i, chunk) in lines.chunks(2000).enumerate() {
            let mut bytes = chunk.join("\n");
            bytes.push('\n');
            c.import_json_lines(input, bytes.as_bytes(), i * 2000);
        }
    } else {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(input)];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    files.push(p);
                }
            }
        }
        files.sort();
        files.truncate(limit);
        let bufs: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read(p).unwrap()))
            .collect();
        for chunk in bufs.chunks(64) {
            let refs: Vec<(&str, &[u8])> = chunk
                .iter()
                .map(|(n, b)| (n.as_str(), b.as_slice()))
                .collect();
            c.import_many(&refs);
        }
    }
    eprintln!("imported {} documents in {:?}", c.len(), t.elapsed());
    let t = Instant::now();
    let snap = c.snapshot();
    let save = t.elapsed();
    let t = Instant::now();
    let r = Corpus::restore(&snap).expect("restores");
    let restore = t.elapsed();
    assert_eq!(r.len(), c.len());
    println!(
        "snapshot {} bytes (index {} bytes), save {:?}, restore {:?}",
        snap.len(),
        c.index_bytes().len(),
        save,
        restore
    );
    if let Some(out) = opt("--out") {
        std::fs::write(out, &snap).unwrap();
    }
}
