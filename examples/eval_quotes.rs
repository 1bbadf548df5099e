//! Scores direct-quote extraction and speaker attribution on PolNeAR and
//! prints a Markdown section for BENCHMARKS.md.
//!
//! ```text
//! cargo run --release --example eval_quotes [SPLIT] [--errors N] [--with-partial]
//! ```
//!
//! `--errors N` prints up to N misses (FN), false alarms (FP), speaker
//! errors (SPK) and span mismatches (EXACT) first; `--with-partial` also
//! counts partial quotes as direct (PolNeAR does not: precision drops).
//!
//! SPLIT is `dev` (default; the measurement) or `train` (development).
//! Gold direct quotes are the Content spans that open with a quote mark
//! (PolNeAR includes the marks in the content; a split quote "“A,” he
//! said, “B.”" is one discontinuous content). One annotation file per
//! article is used (the first by name when several annotators did it).
//!
//! - Quote overlap P/R/F1: a predicted direct quote is right when it
//!   overlaps a gold direct content; a gold content is found when some
//!   prediction overlaps it. Exact: same span up to surrounding spaces and
//!   punctuation outside the marks.
//! - Speaker accuracy, over found gold quotes: the predicted speaker
//!   mention (the cue subject or the name it resolves to) overlaps the gold
//!   Source span, or the predicted canonical name is the gold source's name
//!   (same surname key).
//! - Speaker accuracy by kind of gold source, over found gold quotes with
//!   a Source: when the gold source names someone (a capitalized word
//!   other than a pronoun or determiner: "Lavrov", "Russian Foreign
//!   Minister Sergey Lavrov", "the State Department") the name decides: the
//!   predicted canonical name has the gold name's surname key, or the
//!   predicted name mention overlaps the gold source. When it is a pronoun
//!   or role noun ("he", "the minister", "officials") the span decides: the
//!   predicted source mention (`source_start`/`source_end` in `lede
//!   extract`, the mention the attribution itself uses) overlaps the gold
//!   Source span.
//! - Partial quotes (embedded in a clause, see `Quote::partial`) are not
//!   PolNeAR direct quotes and are reported apart.

use std::collections::BTreeMap;
use std::path::Path;

use lede::extract::{entities::name_key, extract, gazetteer, QuoteKind};

#[derive(Debug, Clone)]
struct Gold {
    content: Vec<(usize, usize)>,
    source: Vec<(usize, usize)>,
}

const MARKS: &[char] = &['"', '“', '”', '«', '»', '‘', '\''];

fn parse_ann(ann: &str) -> Vec<Gold> {
    let mut spans: BTreeMap<String, (String, Vec<(usize, usize)>)> = BTreeMap::new();
    let mut events: Vec<Vec<(String, String)>> = Vec::new();
    for line in ann.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            continue;
        }
        if cols[0].starts_with('T') {
            let mut it = cols[1].splitn(2, ' ');
            let typ = it.next().unwrap_or("").to_string();
            let rest = it.next().unwrap_or("");
            let mut frags = Vec::new();
            for f in rest.split(';') {
                let n: Vec<usize> = f
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect();
                if n.len() == 2 {
                    frags.push((n[0], n[1]));
                }
            }
            spans.insert(cols[0].to_string(), (typ, frags));
        } else if cols[0].starts_with('E') {
            let args = cols[1]
                .split_whitespace()
                .filter_map(|a| a.split_once(':'))
                .map(|(r, t)| (r.to_string(), t.to_string()))
                .collect();
            events.push(args);
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let get = |role: &str| -> Vec<(usize, usize)> {
            ev.iter()
                .filter(|(r, _)| r.starts_with(role))
                .filter_map(|(_, t)| spans.get(t))
                .flat_map(|(_, f)| f.clone())
                .collect()
        };
        let content = get("Content");
        if content.is_empty() {
            continue;
        }
        out.push(Gold {
            content,
            source: get("Source"),
        });
    }
    out
}

/// Character offsets → byte offsets of `text`.
fn byte_of(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn trim_span(text: &str, s: (usize, usize)) -> (usize, usize) {
    let t = &text[s.0..s.1];
    let junk = |c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '—' | '-') || MARKS.contains(&c)
    };
    let a = t.len() - t.trim_start_matches(junk).len();
    let b = t.trim_end_matches(junk).len();
    if a >= b {
        s
    } else {
        (s.0 + a, s.0 + b)
    }
}

/// Whether a gold source span names someone: its head word (the last word
/// before "of", a comma or a relative pronoun, possessive dropped) is
/// capitalized and is no pronoun, determiner, role noun or common plural
/// ("Lavrov", "Foreign Minister Sergey Lavrov", "Mexicans"; not "He",
/// "The New York businessman", "a Times article", "Small groups of
/// protesters").
fn names_someone(source: &str) -> bool {
    const COMMON: &[&str] = &[
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "this",
        "that",
        "these",
        "those",
        "some",
        "one",
        "two",
        "many",
        "most",
        "several",
        "both",
        "all",
        "other",
        "another",
        "officials",
        "critics",
        "analysts",
        "experts",
        "sources",
        "aides",
        "supporters",
        "who",
        "which",
    ];
    let head_phrase = source
        .split([',', ';', '('])
        .next()
        .unwrap_or(source)
        .split(" of ")
        .next()
        .unwrap_or(source)
        .split(" who ")
        .next()
        .unwrap_or(source);
    let Some(head) = head_phrase
        .split(|c: char| c.is_whitespace())
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_matches(|c: char| !c.is_alphanumeric())
        })
        .rfind(|w| !w.is_empty())
    else {
        return false;
    };
    let low = head.to_lowercase();
    head.chars().next().is_some_and(char::is_uppercase)
        && !COMMON.contains(&low.as_str())
        && !gazetteer::ROLES.contains(&low.as_str())
}

fn surname(name: &str) -> Option<Vec<String>> {
    name_key(name).map(|k| k.surname)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .cloned()
        .unwrap_or_else(|| "dev".into());
    let show: usize = args
        .iter()
        .position(|a| a == "--errors")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/polnear")
        .join(&split);
    let mut anns: Vec<_> = match std::fs::read_dir(root.join("attributions")) {
        Ok(d) => d.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("eval_quotes: cannot read {}: {e}", root.display());
            std::process::exit(1);
        }
    };
    anns.sort();
    let mut seen = std::collections::HashSet::new();
    let (mut n_pred, mut tp_pred, mut n_gold, mut found_gold, mut exact) = (0usize, 0, 0, 0, 0);
    let (mut spk_ok, mut spk_n) = (0usize, 0usize);
    // [named, pronoun or role]: (right, total).
    let mut by_kind = [(0usize, 0usize); 2];
    let (mut n_partial, mut partial_hits) = (0usize, 0usize);
    let mut bytes = 0usize;
    let mut secs = 0f64;
    let mut docs = 0usize;
    let mut shown = 0usize;
    let mut missed = [0usize; 4];
    let with_partial = args.iter().any(|a| a == "--with-partial");
    let (mut n_frags, mut exact_frags, mut exact_preds) = (0usize, 0usize, 0usize);
    for ann_path in anns {
        let name = ann_path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let Some(base) = name
            .strip_suffix(".ann")
            .and_then(|b| b.rsplit_once('_'))
            .map(|b| b.0.to_string())
        else {
            continue;
        };
        if !seen.insert(base.clone()) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(root.join("text").join(format!("{base}.txt")))
        else {
            continue;
        };
        let Ok(ann) = std::fs::read_to_string(&ann_path) else {
            continue;
        };
        docs += 1;
        let b = byte_of(&text);
        let to_b = |c: usize| b.get(c).copied().unwrap_or(text.len());
        let golds: Vec<Gold> = parse_ann(&ann)
            .into_iter()
            .map(|g| Gold {
                content: g.content.iter().map(|&(s, e)| (to_b(s), to_b(e))).collect(),
                source: g.source.iter().map(|&(s, e)| (to_b(s), to_b(e))).collect(),
            })
            .collect();
        let direct: Vec<&Gold> = golds
            .iter()
            .filter(|g| {
                let first = g.content.iter().min().copied().unwrap_or((0, 0));
                text[first.0..first.1].trim_start().starts_with(MARKS)
            })
            .collect();
        let t0 = std::time::Instant::now();
        let ex = extract(&text);
        secs += t0.elapsed().as_secs_f64();
        bytes += text.len();
        let preds: Vec<_> = ex
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct && (with_partial || !q.partial))
            .collect();
        for q in ex
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct && q.partial)
        {
            n_partial += 1;
            if golds
                .iter()
                .any(|g| g.content.iter().any(|&c| overlaps(c, (q.start, q.end))))
            {
                partial_hits += 1;
            }
        }
        n_pred += preds.len();
        n_gold += direct.len();
        let frags: Vec<(usize, usize)> = direct
            .iter()
            .flat_map(|g| g.content.iter().copied())
            .filter(|&(s, e)| text[s..e].trim_start().starts_with(MARKS))
            .collect();
        n_frags += frags.len();
        exact_frags += frags
            .iter()
            .filter(|&&f| {
                preds
                    .iter()
                    .any(|p| trim_span(&text, (p.start, p.end)) == trim_span(&text, f))
            })
            .count();
        exact_preds += preds
            .iter()
            .filter(|p| {
                frags
                    .iter()
                    .any(|&f| trim_span(&text, (p.start, p.end)) == trim_span(&text, f))
            })
            .count();
        for p in &preds {
            let hit = direct
                .iter()
                .any(|g| g.content.iter().any(|&c| overlaps(c, (p.start, p.end))));
            if hit {
                tp_pred += 1;
            } else if shown < show {
                shown += 1;
                println!(
                    "FP {base}: {:?}",
                    &text[p.start..p.end].chars().take(100).collect::<String>()
                );
            }
        }
        for g in &direct {
            let matching: Vec<_> = preds
                .iter()
                .filter(|p| g.content.iter().any(|&c| overlaps(c, (p.start, p.end))))
                .collect();
            if matching.is_empty() {
                let other = ex
                    .quotes
                    .iter()
                    .find(|q| g.content.iter().any(|&c| overlaps(c, (q.start, q.end))));
                let slot = match other {
                    Some(q) if q.partial && q.kind == QuoteKind::Direct => 0,
                    Some(q) if q.kind == QuoteKind::Scare => 1,
                    Some(_) => 2,
                    None => 3,
                };
                missed[slot] += 1;
                if shown < show {
                    shown += 1;
                    let c = g.content[0];
                    let ctx_s = text[..c.0].char_indices().rev().nth(60).map_or(0, |x| x.0);
                    println!(
                        "FN {base}: …{:?}[[{:?}]]",
                        &text[ctx_s..c.0],
                        &text[c.0..c.1].chars().take(80).collect::<String>()
                    );
                }
                continue;
            }
            found_gold += 1;
            if g.content.iter().any(|&c| {
                matching
                    .iter()
                    .any(|p| trim_span(&text, (p.start, p.end)) == trim_span(&text, c))
            }) {
                exact += 1;
            } else if shown < show {
                shown += 1;
                let c = g.content[0];
                let p = matching[0];
                println!(
                    "EXACT {base}: gold {:?} pred {:?}",
                    &text[c.0..c.1],
                    &text[p.start..p.end]
                );
            }
            spk_n += 1;
            let gold_names: Vec<&str> = g.source.iter().map(|&(s, e)| &text[s..e]).collect();
            if !g.source.is_empty() {
                let named = gold_names.iter().any(|n| names_someone(n));
                let right = matching.iter().any(|p| {
                    let on_gold = |s: Option<(usize, usize)>| {
                        s.is_some_and(|s| g.source.iter().any(|&gs| overlaps(gs, s)))
                    };
                    if named {
                        let same = p.speaker.as_deref().and_then(surname).is_some_and(|ps| {
                            gold_names
                                .iter()
                                .any(|n| surname(n).is_some_and(|gs| gs == ps))
                        });
                        same || on_gold(p.speaker_span)
                    } else {
                        on_gold(p.source_span)
                    }
                });
                let slot = &mut by_kind[usize::from(!named)];
                slot.1 += 1;
                if right {
                    slot.0 += 1;
                } else if shown < show {
                    shown += 1;
                    let p = matching[0];
                    let ctx_s = text[..p.start]
                        .char_indices()
                        .rev()
                        .nth(120)
                        .map_or(0, |x| x.0);
                    let ctx_e = text[p.end..]
                        .char_indices()
                        .nth(120)
                        .map_or(text.len(), |x| p.end + x.0);
                    println!(
                        "SRC{} {base}: gold {:?} pred {:?} (src {:?})\n   CTX {:?}",
                        if named { "-NAME" } else { "-PRON" },
                        gold_names,
                        p.speaker,
                        p.source_span.map(|s| &text[s.0..s.1]),
                        &text[ctx_s..ctx_e],
                    );
                }
            }
            let ok = matching.iter().any(|p| {
                let by_span = [p.speaker_span, p.source_span]
                    .iter()
                    .flatten()
                    .any(|&s| g.source.iter().any(|&gs| overlaps(gs, s)));
                let by_name = p.speaker.as_deref().and_then(surname).is_some_and(|ps| {
                    gold_names.iter().any(|n| {
                        surname(n).is_some_and(|gs| {
                            gs == ps && n.chars().next().is_some_and(char::is_uppercase)
                        })
                    })
                });
                by_span || by_name
            });
            if ok {
                spk_ok += 1;
            } else if shown < show {
                shown += 1;
                let p = matching[0];
                println!(
                    "SPK {base}: gold {:?} pred {:?} (src {:?}) cue {:?} in {:?} ⟶ {:?}",
                    gold_names,
                    p.speaker,
                    p.source_span.map(|s| &text[s.0..s.1]),
                    p.cue,
                    &text[p.start..p.end].chars().take(40).collect::<String>(),
                    &text[p.end..].chars().take(60).collect::<String>()
                );
            }
        }
    }
    let p = tp_pred as f64 / n_pred.max(1) as f64;
    let r = found_gold as f64 / n_gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let _ = exact;
    let ex_r = exact_frags as f64 / n_frags.max(1) as f64;
    let ex_p = exact_preds as f64 / n_pred.max(1) as f64;
    let ex_f = if ex_p + ex_r > 0.0 {
        2.0 * ex_p * ex_r / (ex_p + ex_r)
    } else {
        0.0
    };
    let acc = spk_ok as f64 / spk_n.max(1) as f64;
    println!("## Quotes and speakers (PolNeAR {split})\n");
    println!(
        "{docs} articles, {n_gold} gold direct quotes (Content spans opening with a quote mark), {n_pred} predicted direct quotes. Extraction (sentences, entities, quotes) runs at {:.2} MB/s natively ({} bytes).\n",
        bytes as f64 / 1e6 / secs.max(1e-9),
        bytes
    );
    println!("| measure | value |\n|---|---|");
    println!("| quote precision (overlap) | {p:.3} |");
    println!("| quote recall (overlap) | {r:.3} |");
    println!("| **quote F1 (overlap)** | **{f:.3}** |");
    println!("| quote F1 (exact span; per quoted fragment, P {ex_p:.3} R {ex_r:.3}) | {ex_f:.3} |");
    println!("| **speaker accuracy** (found quotes) | **{acc:.3}** ({spk_ok}/{spk_n}) |");
    let [named, pron] = by_kind.map(|(ok, n)| (ok as f64 / n.max(1) as f64, ok, n));
    println!(
        "| **speaker accuracy, sources that name someone** (the name decides) | **{:.3}** ({}/{}) |",
        named.0, named.1, named.2
    );
    println!(
        "| **speaker accuracy, pronoun and role-noun sources** (the source span decides) | **{:.3}** ({}/{}) |",
        pron.0, pron.1, pron.2
    );
    println!(
        "| missed gold quotes: predicted partial / scare / other / none | {} / {} / {} / {} |",
        missed[0], missed[1], missed[2], missed[3]
    );
    println!(
        "| partial quotes (kept apart) | {n_partial}, {:.0}% inside a gold content |",
        100.0 * partial_hits as f64 / n_partial.max(1) as f64
    );
}
