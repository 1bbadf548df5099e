fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bench-data/scale.jsonl".into());
    let bytes = std::fs::read(&path).unwrap();
    let mut c = lede::Corpus::new();
    let t = std::time::Instant::now();
    let r = c.import("scale.jsonl", &bytes);
    eprintln!(
        "import {} docs {:?} {:?}",
        r.added.len(),
        t.elapsed(),
        r.errors.first()
    );
    let t = std::time::Instant::now();
    let tl = c.timeline(None);
    let json = serde_json::to_string(&tl).unwrap();
    eprintln!(
        "timeline {:?} events {} json {} MB",
        t.elapsed(),
        tl.events.len(),
        json.len() / 1_000_000
    );
    let ids = c.matching("oil");
    let t = std::time::Instant::now();
    let tl = c.timeline(Some(&ids));
    eprintln!(
        "timeline oil ({} docs) {:?} events {}",
        ids.len(),
        t.elapsed(),
        tl.events.len()
    );
    let t = std::time::Instant::now();
    let p = c.people();
    let json = serde_json::to_string(&p).unwrap();
    eprintln!(
        "people {:?} n {} json {} MB",
        t.elapsed(),
        p.len(),
        json.len() / 1_000_000
    );
    let t = std::time::Instant::now();
    let p = c.people_counts();
    let json = serde_json::to_string(&p).unwrap();
    eprintln!(
        "people counts {:?} n {} json {} KB",
        t.elapsed(),
        p.len(),
        json.len() / 1_000
    );
    let t = std::time::Instant::now();
    let _ = c.aliases();
    eprintln!("aliases {:?}", t.elapsed());
}
