//! The named-entity tagger: a greedy averaged perceptron over hashed
//! features (word, shape, affixes, neighbours, gazetteer hits, previous
//! tags), BIO tags for person / organization / place / misc.
//!
//! The model is trained on CoNLL-2003 by `cargo run --release --example
//! train_ner` (see [`train`]) and quantized to one byte per weight
//! (`models/ner.bin`). Training and tagging share [`sentence_features`], so
//! what the model saw is what it gets.
//!
//! Where its bytes come from (the one model, [`Model::shipped`], is used the
//! same way everywhere):
//! - native builds (the CLI, the Rust tests) compile them in with
//!   `include_bytes!`;
//! - the wasm does not carry them (they are a third of its gzipped size and
//!   the page's first screen, search and the reader, does not need them):
//!   `make wasm` copies the file to `www/pkg/ner.bin`, the worker fetches it
//!   on first use and hands it over with [`Model::load_shipped`]
//!   (`loadData("ner.bin", bytes)`), and awaits that before anything that
//!   extracts. Tagging before then is a bug of the host, not a silent
//!   degradation: [`Model::shipped`] panics (the engine traps and the page
//!   replaces its worker).

pub mod train;

use std::borrow::Cow;
use std::sync::OnceLock;

use super::gazetteer;
use crate::hash::Fnv1a;

/// Number of tags: O, then B/I for PER, ORG, LOC, MISC.
pub const NUM_TAGS: usize = 9;
/// Tag names, indexed by tag id.
pub const TAGS: [&str; NUM_TAGS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
/// Pseudo-tag for "before the sentence" in tag-history features.
const START: u8 = 9;

const MAGIC: &[u8; 8] = b"LEDENER1";

/// The shipped model's bytes, compiled into native builds.
#[cfg(not(target_arch = "wasm32"))]
static MODEL_BYTES: &[u8] = include_bytes!("../../../models/ner.bin");

/// The shipped model, once read.
static SHIPPED: OnceLock<Model> = OnceLock::new();

/// A trained tagger: `1 << bits` hashed feature buckets, [`NUM_TAGS`]
/// weights each, quantized to `i8` with one scale.
pub struct Model {
    bits: u32,
    scale: f32,
    weights: Cow<'static, [i8]>,
}

impl Model {
    /// The model shipped with the build. Native builds read the bytes
    /// compiled in (a malformed file gives a model that tags nothing, as
    /// `models/ner.bin` is checked by this module's tests); the wasm uses
    /// the one given to [`Model::load_shipped`].
    ///
    /// # Panics
    /// In the wasm, when called before [`Model::load_shipped`]: extraction
    /// never runs without the model (see the module doc).
    pub fn shipped() -> &'static Model {
        #[cfg(not(target_arch = "wasm32"))]
        {
            SHIPPED.get_or_init(|| {
                Model::from_bytes(MODEL_BYTES).unwrap_or_else(|| Model {
                    bits: 1,
                    scale: 1.0,
                    weights: Cow::Owned(vec![0; 2 * NUM_TAGS]),
                })
            })
        }
        #[cfg(target_arch = "wasm32")]
        {
            match SHIPPED.get() {
                Some(m) => m,
                None => panic!("the entity model (ner.bin) was not loaded before extraction"),
            }
        }
    }

    /// Installs the shipped model from `bytes` (the contents of
    /// `models/ner.bin`); the wasm's way to get it (see the module doc).
    /// Loading it again changes nothing: the first model stays.
    ///
    /// Fails when `bytes` is not a model file.
    pub fn load_shipped(bytes: &[u8]) -> crate::error::Result<()> {
        let model = Model::from_bytes(bytes).ok_or_else(|| crate::error::Error::Other {
            message: format!(
                "ner.bin: not an entity model ({} bytes; expected the {} header and its weights)",
                bytes.len(),
                String::from_utf8_lossy(MAGIC)
            ),
        })?;
        let _ = SHIPPED.set(model);
        Ok(())
    }

    /// Whether the shipped model is available ([`Model::shipped`] would not
    /// panic): always in native builds, after [`Model::load_shipped`] in the
    /// wasm.
    pub fn is_loaded() -> bool {
        cfg!(not(target_arch = "wasm32")) || SHIPPED.get().is_some()
    }

    /// Reads a model written by [`Model::to_bytes`]; `None` when malformed.
    fn from_bytes(bytes: &[u8]) -> Option<Model> {
        if bytes.len() < 16 || &bytes[..8] != MAGIC {
            return None;
        }
        let bits = u32::from_le_bytes(bytes[8..12].try_into().ok()?);
        let scale = f32::from_le_bytes(bytes[12..16].try_into().ok()?);
        // The bytes may come over the network (the wasm): no shift or
        // length that overflows.
        let n = 1usize.checked_shl(bits)?.checked_mul(NUM_TAGS)?;
        let w = bytes.get(16..16usize.checked_add(n)?)?;
        let weights: Vec<i8> = w.iter().map(|&b| b as i8).collect();
        Some(Model {
            bits,
            scale,
            weights: Cow::Owned(weights),
        })
    }

    /// Quantizes float weights into a model.
    pub(crate) fn quantize(bits: u32, weights: &[f32]) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = max / 127.0;
        let q = weights
            .iter()
            .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        Model {
            bits,
            scale,
            weights: Cow::Owned(q),
        }
    }

    /// Serializes the model (magic, bits, scale, weights).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    /// The float value of one quantum (weights are `i8 * scale`).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Feature-hash bits of this model.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    fn score(&self, feats: &[u64], scores: &mut [i32; NUM_TAGS]) {
        *scores = [0; NUM_TAGS];
        let mask = (1u64 << self.bits) - 1;
        for &f in feats {
            let b = (f & mask) as usize * NUM_TAGS;
            if let Some(row) = self.weights.get(b..b + NUM_TAGS) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// Tags one sentence of words; returns one tag id per word.
    pub fn tag(&self, words: &[&str]) -> Vec<u8> {
        self.tag_upto(words, words.len())
    }

    /// The tags of the first `upto` words of a sentence of `words`, as
    /// [`Model::tag`] gives them (tagging is greedy, left to right: a
    /// word's tag depends on the words around it and the tags before it).
    pub fn tag_upto(&self, words: &[&str], upto: usize) -> Vec<u8> {
        // The features of `sentence_features` and `tag_features`, built in
        // one buffer from the words' lower-cased forms and shapes made once.
        let s = Sentence::new(words);
        let mut tags: Vec<u8> = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = [0i32; NUM_TAGS];
        for i in 0..upto.min(words.len()) {
            let p1 = if i > 0 { tags[i - 1] } else { START };
            let p2 = if i > 1 { tags[i - 2] } else { START };
            feats.clear();
            s.features_into(i, &mut feats);
            tag_features_of(s.lows.get(i), s.shapes.get(i), p1, p2, &mut feats);
            self.score(&feats, &mut scores);
            tags.push(best_allowed(&scores, p1));
        }
        tags
    }
}

/// The best tag that may follow `prev` (an I- tag only continues its own
/// type).
pub(crate) fn best_allowed<T: PartialOrd + Copy>(scores: &[T; NUM_TAGS], prev: u8) -> u8 {
    let mut best = 0u8;
    for t in 1..NUM_TAGS as u8 {
        if !allowed(prev, t) {
            continue;
        }
        if scores[t as usize] > scores[best as usize] {
            best = t;
        }
    }
    best
}

/// Whether tag `t` may follow tag `prev`.
pub(crate) fn allowed(prev: u8, t: u8) -> bool {
    if t == 0 || t % 2 == 1 {
        return true;
    }
    // I-X (even, >0) needs B-X or I-X before it.
    prev != START && prev != 0 && prev.div_ceil(2) == t / 2
}

/// The hash of one feature: FNV-1a over the template number, then each
/// part followed by a 0xff byte (the model's weights are keyed by it).
fn fnv(template: u8, parts: &[&[u8]]) -> u64 {
    let mut f = Fnv1a::new();
    f.byte(template);
    for p in parts {
        f.bytes(p);
        f.byte(0xff);
    }
    let mut h = f.finish();
    // Final avalanche so that the low bits are well mixed.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The word's shape: X for capitals, x for lower-case letters, d for
/// digits, other characters kept; runs collapsed ("Lavrov" → "Xx",
/// "U.S." → "X.X.", "1997" → "d").
pub(crate) fn shape(word: &str) -> String {
    let mut s = String::new();
    shape_into(word, &mut s);
    s
}

/// Appends [`shape`]`(word)` to `s`.
fn shape_into(word: &str, s: &mut String) {
    let mut last = '\0';
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
        }
    }
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// One string per word of a sentence, kept in one buffer (a sentence's
/// words are lower-cased and shaped for every word tagged: one allocation,
/// not one per word).
struct Strs {
    buf: String,
    /// Where each string ends in `buf`.
    ends: Vec<usize>,
}

impl Strs {
    /// The strings `make` appends to a buffer for each of `words`.
    fn of(words: &[&str], make: impl Fn(&str, &mut String)) -> Strs {
        let mut buf = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
        let ends = words
            .iter()
            .map(|w| {
                make(w, &mut buf);
                buf.len()
            })
            .collect();
        Strs { buf, ends }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The string of word `i`.
    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
    }
}

/// Appends `w` lower-cased (as `str::to_lowercase`) to `out`.
fn lower_into(w: &str, out: &mut String) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&w.to_lowercase());
    }
}

/// Tag-independent features of every word of a sentence, hashed.
pub(crate) fn sentence_features(words: &[&str]) -> Vec<Vec<u64>> {
    let s = Sentence::new(words);
    (0..words.len())
        .map(|i| {
            let mut out = Vec::with_capacity(26);
            s.features_into(i, &mut out);
            out
        })
        .collect()
}

/// Gazetteer phrase hits (up to 4 words) of each word: class and position
/// (1 = first word, 2 = inside), (0, 0) for none.
fn gazetteer_hits(words: &[&str]) -> Vec<(u8, u8)> {
    let n = words.len();
    let mut gaz = vec![(0u8, 0u8); n];
    // The phrase looked up, made in one buffer.
    let mut joined = String::new();
    let mut i = 0;
    while i < n {
        let mut hit = 0;
        // Multi-word names start with a capital; other words are looked up
        // alone.
        let longest = if words[i].chars().next().is_some_and(char::is_uppercase) {
            4.min(n - i)
        } else {
            1
        };
        for len in (1..=longest).rev() {
            let phrase = if len == 1 {
                words[i]
            } else {
                joined.clear();
                for (k, w) in words[i..i + len].iter().enumerate() {
                    if k > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(w);
                }
                joined.as_str()
            };
            let c = gazetteer::class_of(phrase);
            if c != 0 && (len > 1 || words[i].chars().next().is_some_and(char::is_uppercase)) {
                for (k, g) in gaz[i..i + len].iter_mut().enumerate() {
                    *g = (c, if k == 0 { 1 } else { 2 });
                }
                hit = len;
                break;
            }
        }
        i += hit.max(1);
    }
    gaz
}

/// "H" when the sentence is in capitals (at least 80% of its words with
/// letters, more than two such words), else "-".
pub(crate) fn headline_mark(words: &[&str]) -> &'static [u8] {
    let letters: usize = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let caps: usize = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase))
        .count();
    if letters > 2 && caps * 10 >= letters * 8 {
        b"H"
    } else {
        b"-"
    }
}

/// `v[j]`, or the sentence boundary markers "<s>" / "</s>" outside it.
fn neighbour(v: &Strs, j: isize) -> &[u8] {
    if j < 0 {
        b"<s>"
    } else if j as usize >= v.len() {
        b"</s>"
    } else {
        v.get(j as usize).as_bytes()
    }
}

/// A sentence's words with what their features are built from.
struct Sentence<'a> {
    words: &'a [&'a str],
    /// The words lower-cased.
    lows: Strs,
    /// The words' [`shape`]s.
    shapes: Strs,
    /// The words' gazetteer hits ([`gazetteer_hits`]).
    gaz: Vec<(u8, u8)>,
    /// [`headline_mark`] of the sentence.
    headline: &'static [u8],
}

impl<'a> Sentence<'a> {
    fn new(words: &'a [&'a str]) -> Sentence<'a> {
        Sentence {
            words,
            lows: Strs::of(words, lower_into),
            shapes: Strs::of(words, shape_into),
            gaz: gazetteer_hits(words),
            headline: headline_mark(words),
        }
    }

    /// Appends the hashed features of word `i` (the model's templates 0 to
    /// 25) to `out`.
    fn features_into(&self, i: usize, out: &mut Vec<u64>) {
        let (words, lows, shapes, headline) = (self.words, &self.lows, &self.shapes, self.headline);
        let n = words.len();
        let low = lows.get(i);
        let w = low.as_bytes();
        // Prefixes and suffixes by characters (the whole word when shorter).
        let pre = |k: usize| low.char_indices().nth(k).map_or(low, |(b, _)| &low[..b]);
        let suf = |k: usize| {
            low.char_indices()
                .rev()
                .nth(k.saturating_sub(1))
                .map_or(low, |(b, _)| &low[b..])
        };
        let ii = i as isize;
        let get = neighbour;
        let sh = shapes.get(i).as_bytes();
        let first: &[u8] = if i == 0 { b"F" } else { b"-" };
        let g = self.gaz[i];
        let gp = if i > 0 { self.gaz[i - 1] } else { (9, 9) };
        let gn = if i + 1 < n { self.gaz[i + 1] } else { (9, 9) };
        out.extend_from_slice(&[
            fnv(0, &[]),
            fnv(1, &[w]),
            fnv(2, &[pre(2).as_bytes()]),
            fnv(3, &[pre(3).as_bytes()]),
            fnv(4, &[suf(2).as_bytes()]),
            fnv(5, &[suf(3).as_bytes()]),
            fnv(6, &[suf(4).as_bytes()]),
            fnv(7, &[sh]),
            fnv(8, &[get(lows, ii - 1)]),
            fnv(9, &[get(lows, ii + 1)]),
            fnv(10, &[get(lows, ii - 2)]),
            fnv(11, &[get(lows, ii + 2)]),
            fnv(12, &[get(shapes, ii - 1)]),
            fnv(13, &[get(shapes, ii + 1)]),
            fnv(14, &[get(lows, ii - 1), w]),
            fnv(15, &[w, get(lows, ii + 1)]),
            fnv(16, &[&[g.0, g.1]]),
            fnv(17, &[&[gp.0, gp.1, g.0]]),
            fnv(18, &[&[gn.0, gn.1, g.0]]),
            fnv(19, &[first, sh]),
            fnv(20, &[headline, sh]),
            fnv(21, &[headline, w]),
            fnv(22, &[words[i].as_bytes()]),
            fnv(23, &[get(shapes, ii - 1), sh, get(shapes, ii + 1)]),
            fnv(24, &[sh, get(lows, ii + 1)]),
            fnv(25, &[get(lows, ii - 1), sh]),
        ]);
    }
}

/// Features that depend on the previous tags (`p1` the previous, `p2` the
/// one before), appended to `out`.
pub(crate) fn tag_features(
    stat: &[Vec<u64>],
    words: &[&str],
    i: usize,
    p1: u8,
    p2: u8,
    out: &mut Vec<u64>,
) {
    let _ = stat;
    tag_features_of(&lower(words[i]), &shape(words[i]), p1, p2, out);
}

/// [`tag_features`] from the word's lower-cased form and shape.
fn tag_features_of(low: &str, sh: &str, p1: u8, p2: u8, out: &mut Vec<u64>) {
    out.push(fnv(40, &[&[p1]]));
    out.push(fnv(41, &[&[p1, p2]]));
    out.push(fnv(42, &[&[p1], low.as_bytes()]));
    out.push(fnv(43, &[&[p1], sh.as_bytes()]));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped model's tags for `words`, as tag names.
    fn tag_words(words: &[&str]) -> Vec<&'static str> {
        Model::shipped()
            .tag(words)
            .into_iter()
            .map(|t| TAGS.get(t as usize).copied().unwrap_or("O"))
            .collect()
    }

    #[test]
    fn a_malformed_model_is_refused() {
        // The shipped one is present natively, so loading is a no-op; the
        // reader itself refuses damaged bytes.
        assert!(Model::is_loaded());
        assert!(Model::from_bytes(b"LEDENER1").is_none());
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&200u32.to_le_bytes());
        huge.extend_from_slice(&1f32.to_le_bytes());
        assert!(Model::from_bytes(&huge).is_none());
        let shipped = Model::shipped().to_bytes();
        assert!(Model::from_bytes(&shipped[..shipped.len() - 1]).is_none());
        assert!(Model::from_bytes(&shipped).is_some());
    }

    #[test]
    fn tags_up_to_a_word_are_the_sentences() {
        let words = [
            "Since", "Yukos", "was", "sold", ",", "Sergey", "Lavrov", "said", "NATO", "met", "in",
            "Brussels", ".",
        ];
        let all = Model::shipped().tag(&words);
        for upto in 0..=words.len() {
            assert_eq!(Model::shipped().tag_upto(&words, upto), all[..upto]);
        }
        assert_eq!(Model::shipped().tag_upto(&words, 99), all);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Lavrov"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1997"), "d");
        assert_eq!(shape("Y.Stoltenberg"), "X.Xx");
    }

    #[test]
    fn transitions() {
        assert!(allowed(1, 2));
        assert!(!allowed(0, 2));
        assert!(!allowed(3, 2));
        assert!(!allowed(START, 4));
        assert!(allowed(START, 3));
    }

    #[test]
    fn shipped_model_tags_names() {
        let words = [
            "Foreign",
            "Minister",
            "Sergey",
            "Lavrov",
            "met",
            "NATO",
            "officials",
            "in",
            "Brussels",
            ".",
        ];
        let tags = tag_words(&words);
        assert_eq!(tags.len(), words.len());
        assert_eq!(tags[2], "B-PER");
        assert_eq!(tags[3], "I-PER");
        assert_eq!(tags[5], "B-ORG");
        assert_eq!(tags[8], "B-LOC");
    }
}
