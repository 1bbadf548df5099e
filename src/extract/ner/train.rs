//! Training the tagger: CoNLL-2003 reading and the averaged perceptron.
//!
//! Used by `examples/train_ner.rs` (which writes `models/ner.bin`) and by
//! `examples/eval_ner.rs` (which reads CoNLL files to score the model).

use super::{allowed, best_allowed, sentence_features, tag_features, Model, NUM_TAGS, START};

/// One CoNLL sentence: words and gold tag ids (BIO).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The words, as in the file.
    pub words: Vec<String>,
    /// Gold tags (ids into [`super::TAGS`]), converted from IOB1 to BIO.
    pub tags: Vec<u8>,
}

fn tag_id(kind: &str, begin: bool) -> u8 {
    let base = match kind {
        "PER" => 1,
        "ORG" => 3,
        "LOC" => 5,
        "MISC" => 7,
        _ => return 0,
    };
    if begin {
        base
    } else {
        base + 1
    }
}

/// Reads CoNLL-2003 columns (word POS chunk NER), IOB1 or BIO; documents
/// markers are skipped.
pub fn read_conll(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut prev_kind = String::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_kind.clear();
            continue;
        }
        let word = cols[0];
        let ner = cols.last().copied().unwrap_or("O");
        let (tag, kind) = if ner == "O" {
            (0, String::new())
        } else {
            let (bi, kind) = ner.split_once('-').unwrap_or(("I", ner));
            let begin = bi == "B" || kind != prev_kind;
            (tag_id(kind, begin), kind.to_string())
        };
        prev_kind = kind;
        cur.words.push(word.to_string());
        cur.tags.push(tag);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

/// Trains an averaged perceptron for `epochs` passes over `data` with
/// `1 << bits` feature buckets; deterministic (fixed shuffling seed).
pub fn train(data: &[Sentence], bits: u32, epochs: usize) -> Model {
    let size = (1usize << bits) * NUM_TAGS;
    let mask = (1u64 << bits) - 1;
    let mut w = vec![0f32; size];
    let mut acc = vec![0f32; size];
    let mut stamp = vec![0u32; size];
    let mut clock: u32 = 1;
    let stats: Vec<Vec<Vec<u64>>> = data
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            sentence_features(&words)
        })
        .collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut feats = Vec::new();
    for _ in 0..epochs {
        // Fisher–Yates with a xorshift generator.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &si in &order {
            let s = &data[si];
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut pred: Vec<u8> = Vec::with_capacity(words.len());
            for i in 0..words.len() {
                // Train on gold history (teacher forcing) for stability.
                let p1 = if i > 0 { s.tags[i - 1] } else { START };
                let p2 = if i > 1 { s.tags[i - 2] } else { START };
                feats.clear();
                feats.extend_from_slice(&stats[si][i]);
                tag_features(&stats[si], &words, i, p1, p2, &mut feats);
                let mut scores = [0f32; NUM_TAGS];
                for &f in &feats {
                    let b = (f & mask) as usize * NUM_TAGS;
                    for (t, sc) in scores.iter_mut().enumerate() {
                        *sc += w[b + t];
                    }
                }
                let guess = best_allowed(&scores, p1);
                let gold = s.tags[i];
                if guess != gold && allowed(p1, gold) {
                    for &f in &feats {
                        let b = (f & mask) as usize * NUM_TAGS;
                        for (t, delta) in [(gold, 1f32), (guess, -1f32)] {
                            let k = b + t as usize;
                            acc[k] += (clock - stamp[k]) as f32 * w[k];
                            stamp[k] = clock;
                            w[k] += delta;
                        }
                    }
                }
                pred.push(guess);
                clock += 1;
            }
        }
    }
    // Average.
    for k in 0..size {
        acc[k] += (clock - stamp[k]) as f32 * w[k];
        w[k] = acc[k] / clock as f32;
    }
    Model::quantize(bits, &w)
}

/// Entity spans (start word, end word exclusive, type 0..4) of a BIO tag
/// sequence.
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i];
        if t == 0 {
            i += 1;
            continue;
        }
        let kind = (t - 1) / 2;
        let mut j = i + 1;
        while j < tags.len()
            && tags[j] != 0
            && tags[j].is_multiple_of(2)
            && (tags[j] - 1) / 2 == kind
        {
            j += 1;
        }
        out.push((i, j, kind));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_as_bio() {
        let s = read_conll("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nA X X I-LOC\nB X X B-LOC\n");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].tags, [3, 0, 1, 2, 5, 5]);
        assert_eq!(
            spans(&s[0].tags),
            [(0, 1, 1), (2, 4, 0), (4, 5, 2), (5, 6, 2)]
        );
    }

    #[test]
    fn learns_a_toy_pattern() {
        let data = read_conll(
            "Mr X X I-PER\nSmith X X I-PER\nwent X X O\nto X X O\nParis X X I-LOC\n\n\
             Ms X X O\nJones X X I-PER\nwent X X O\nto X X O\nRome X X I-LOC\n",
        );
        let m = train(&data, 12, 10);
        let tags = m.tag(&["Ms", "Jones", "went", "to", "Rome"]);
        assert_eq!(tags[1], 1);
        assert_eq!(tags[4], 5);
    }
}
