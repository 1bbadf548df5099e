//! Prints the inferred dates of the seed articles.
fn main() {
    let docs: Vec<lede::Document> = lede::SEEDS
        .iter()
        .map(|(n, b)| lede::doc::parse_text(n, b).unwrap())
        .collect();
    let refs: Vec<&lede::Document> = docs.iter().collect();
    for (d, r) in docs
        .iter()
        .zip(lede::extract::time::infer_corpus_dates(&refs))
    {
        println!(
            "{}\talone={:?}\n\tcorpus={:?}",
            d.file,
            lede::extract::time::infer_document_date(d, &[]).map(|x| x.0.to_string()),
            r
        );
    }
}
