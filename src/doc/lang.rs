//! A cheap language guesser: script first, then stop-word profiles.
//!
//! Cyrillic, Greek, Arabic, Hebrew and CJK text is told apart by script
//! (Russian vs Ukrainian by the letters only Ukrainian uses). Latin-script
//! text is scored against short stop-word lists; the language with the
//! most hits wins, English when nothing stands out. Only the first few
//! thousand characters are read, so the cost is bounded on any input.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Stop words per language: frequent, short, and mostly exclusive.
const PROFILES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as",
            "by", "this", "are", "have", "from", "be", "not", "which", "said", "has", "its",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "den", "mit", "sich", "des", "auf", "dem",
            "ein", "eine", "auch", "wird", "sie", "zu", "von", "im", "für", "wurde", "nach",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "est", "une", "du", "que", "dans", "pour", "qui",
            "pas", "sur", "au", "avec", "ce", "il", "sont", "aux", "mais", "été", "par",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "y", "que", "del", "en", "por", "una", "con", "para", "es",
            "se", "su", "al", "como", "más", "pero", "fue", "ha", "sus", "lo",
        ],
    ),
    (
        "it",
        &[
            "il", "la", "che", "di", "e", "è", "per", "una", "del", "della", "non", "sono", "gli",
            "con", "nel", "alla", "anche", "come", "più", "dei", "delle", "ha", "si",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "que", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "no",
            "na", "dos", "das", "se", "por", "mais", "foi", "ao", "é",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor",
            "met", "die", "ook", "worden", "wordt", "aan", "er", "maar", "naar", "bij",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "się", "nie", "na", "że", "z", "do", "to", "jest", "jak", "ale", "po", "od",
            "przez", "dla", "jego", "oraz", "są", "czy", "być", "także",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "olan", "gibi",
            "ama", "ne", "kadar", "sonra", "değil", "ise", "en", "her", "göre",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har",
            "inte", "om", "ett", "var", "jag", "men", "sig",
        ],
    ),
];

/// Words read by the stop-word scorer: enough for a stable guess.
const MAX_WORDS: usize = 800;

/// Every stop word with the set of languages (bit `i` = `PROFILES[i]`)
/// that list it, built once.
fn stop_words() -> &'static HashMap<&'static str, u16> {
    static TABLE: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        for (i, (_, words)) in PROFILES.iter().enumerate() {
            for w in *words {
                *t.entry(*w).or_insert(0u16) |= 1 << i;
            }
        }
        t
    })
}

/// Guesses the language of `text` as an ISO 639-1 code ("en" by default).
pub(crate) fn detect(text: &str) -> String {
    let mut latin = 0usize;
    let mut cyrillic = 0usize;
    let mut ukrainian = 0usize;
    let mut greek = 0usize;
    let mut arabic = 0usize;
    let mut hebrew = 0usize;
    let mut han = 0usize;
    let mut kana = 0usize;
    let mut hangul = 0usize;
    for c in text.chars().take(5_000) {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' => latin += 1,
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => {
                cyrillic += 1;
                ukrainian += 1
            }
            '\u{400}'..='\u{4ff}' => cyrillic += 1,
            '\u{370}'..='\u{3ff}' => greek += 1,
            '\u{600}'..='\u{6ff}' => arabic += 1,
            '\u{590}'..='\u{5ff}' => hebrew += 1,
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{4e00}'..='\u{9fff}' => han += 1,
            '\u{ac00}'..='\u{d7af}' => hangul += 1,
            _ => {}
        }
    }
    let scripts = [
        (cyrillic, "cyr"),
        (greek, "el"),
        (arabic, "ar"),
        (hebrew, "he"),
        (han + kana, "cjk"),
        (hangul, "ko"),
    ];
    let (best_n, best) = scripts
        .iter()
        .copied()
        .max_by_key(|(n, _)| *n)
        .unwrap_or((0, ""));
    if best_n > latin {
        return match best {
            "cyr" if ukrainian * 100 > cyrillic => "uk".to_string(),
            "cyr" => "ru".to_string(),
            "cjk" if kana * 10 > han => "ja".to_string(),
            "cjk" => "zh".to_string(),
            other => other.to_string(),
        };
    }
    let table = stop_words();
    let mut scores = [0usize; PROFILES.len()];
    let mut words = 0usize;
    let mut buf = String::with_capacity(16);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
    {
        words += 1;
        if w.len() > 8 {
            continue;
        }
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        if let Some(&mask) = table.get(buf.as_str()) {
            for (i, score) in scores.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *score += 1;
                }
            }
        }
    }
    let (bi, bs) = scores
        .iter()
        .enumerate()
        .max_by_key(|&(i, s)| (*s, usize::MAX - i))
        .map(|(i, s)| (i, *s))
        .unwrap_or((0, 0));
    // A language must cover a fair share of the words to beat the default.
    if bs * 10 >= words.max(1) && bs > scores[0] {
        PROFILES[bi].0.to_string()
    } else {
        "en".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn languages() {
        assert_eq!(
            detect("The minister said that the talks are not over."),
            "en"
        );
        assert_eq!(detect("Министр заявил, что переговоры не окончены."), "ru");
        assert_eq!(
            detect("Міністр заявив, що переговори ще тривають і є надія."),
            "uk"
        );
        assert_eq!(
            detect(
                "Der Minister sagte, dass die Gespräche nicht beendet sind und auch weitergehen."
            ),
            "de"
        );
        assert_eq!(
            detect("Le ministre a dit que les négociations ne sont pas finies et qu'il faut continuer."),
            "fr"
        );
        assert_eq!(
            detect("El ministro dijo que las conversaciones no han terminado y que se van a seguir con la agenda."),
            "es"
        );
        assert_eq!(detect(""), "en");
        assert_eq!(detect("12345 ..."), "en");
    }
}
