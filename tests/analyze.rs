//! Corpus analytics on the seed articles: statements linked across
//! outlets, side-by-side comparison, duplicates, stories, KWIC,
//! collocates, keyness and trends.

use lede::analyze::{
    collocates, compare, duplicates, keyness, kwic, statements, stories, trends, AlignOptions,
    CollocateOptions, DedupOptions, DiffOp, KeynessOptions, KwicSort, StoryOptions,
};
use lede::{Corpus, DocId, Document};

/// The seed a document came from: "000" .. "004".
fn seed_of(c: &Corpus, id: DocId) -> String {
    let f = &c.get(id).expect("live doc").file;
    let name = f.rsplit('/').next().unwrap_or(f);
    name.chars().take(3).collect()
}

/// Every cross-document link as (seed a, sentence a, seed b, sentence b,
/// score), best first.
fn links(c: &Corpus, threshold: f64) -> Vec<(String, String, String, String, f64)> {
    let opts = AlignOptions {
        threshold,
        ..AlignOptions::default()
    };
    // Speakers as the page names them (Corpus::statements).
    let hook = |id: DocId, s: usize, e: usize| c.speaker_at(id, s, e);
    let mut out = Vec::new();
    for s in lede::analyze::statements_with(&c.select(None), &opts, Some(&hook)) {
        for l in &s.links {
            let (a, b) = (&s.members[l.a], &s.members[l.b]);
            let ta = c.get(a.doc).unwrap().text();
            let tb = c.get(b.doc).unwrap().text();
            out.push((
                seed_of(c, a.doc),
                ta[a.sentence_start..a.sentence_end].to_string(),
                seed_of(c, b.doc),
                tb[b.sentence_start..b.sentence_end].to_string(),
                l.score,
            ));
        }
    }
    out.sort_by(|a, b| b.4.total_cmp(&a.4));
    out
}

/// (seed, words in its sentence, seed, words in its sentence).
type Expected = (&'static str, &'static str, &'static str, &'static str);

fn matches(l: &(String, String, String, String, f64), e: &Expected) -> bool {
    let fwd = l.0 == e.0 && l.1.contains(e.1) && l.2 == e.2 && l.3.contains(e.3);
    let back = l.2 == e.0 && l.3.contains(e.1) && l.0 == e.2 && l.1.contains(e.3);
    fwd || back
}

/// Cross-outlet renderings of the same statement, found by reading the
/// seeds; each must be linked.
const EXPECTED: &[Expected] = &[
    // Anadolu / Plainsmen rewrite of the Lavrov–Putin meeting.
    ("000", "I have to say there is always a chance", "004", "I must say that there is always a chances"),
    ("000", "I would propose to continue and expand them", "004", "I would propose to continue and intensify them"),
    ("000", "intermediate- and shorter-range ground-based missiles", "004", "short- and medium-range ground-based missiles"),
    // The OSCE principle in the transcript, TASS and Anadolu.
    ("001", "no one will strengthen their security at the expense of the security of others", "003", "no state will strengthen its security at the expense of the security of others"),
    ("000", "obligation not to strengthen security at the expense of weakening the security of other states", "001", "strengthen their security at the expense of the security of others"),
    // The US offer on missiles, in the transcript and the rewrite.
    ("001", "medium- and shorter-range ground-based missiles", "004", "short- and medium-range ground-based missiles"),
    // Russia's demands, Anadolu and Sputnik.
    ("000", "non-deployment of strike weapons near the country", "002", "deployment of strike weapons near Russia's borders"),
    // The written replies, Anadolu and TASS.
    ("000", "the US and NATO handed their written responses", "003", "transmitted their written replies"),
];

/// Hand-verified true links: EXPECTED plus other renderings of the same
/// statement or content that the seeds share (checked by reading both
/// sentences).
const VERIFIED: &[Expected] = &[
    (
        "000",
        "strengthen security at the expense",
        "003",
        "strengthen its security at the expense",
    ),
    (
        "001",
        "strengthen their security at the expense",
        "003",
        "strengthen its security at the expense",
    ),
    (
        "001",
        "strengthen their security at the expense",
        "003",
        "signed by presidents at the highest level",
    ),
    (
        "000",
        "ground-based missiles",
        "001",
        "ground-based missiles",
    ),
    (
        "000",
        "ground-based missiles",
        "004",
        "ground-based missiles",
    ),
    (
        "001",
        "ground-based missiles",
        "004",
        "ground-based missiles",
    ),
    // Stoltenberg (Anadolu) and Blinken/Borrell (TASS) urge the same
    // "path of diplomacy".
    (
        "000",
        "choose the path of diplomacy",
        "003",
        "the path of diplomacy",
    ),
    // The same measure described in the transcript and Sputnik's draft.
    (
        "001",
        "prevent incidents at sea and in the airspace above",
        "002",
        "prevention of incidents at sea",
    ),
    // Lavrov's complaint that the indivisibility of security is ignored.
    (
        "000",
        "indivisibility of security",
        "001",
        "indivisibility of security",
    ),
    (
        "000",
        "indivisibility of security",
        "004",
        "indivisibility of security",
    ),
    (
        "000",
        "continue efforts to get a response from each country",
        "004",
        "continue to await a response",
    ),
    // The right to choose alliances.
    (
        "000",
        "the right of any state to choose allies",
        "003",
        "the right to choose alliances is sacred",
    ),
    // Legally binding guarantees (Anadolu, Sputnik).
    (
        "000",
        "legally-binding security guarantees",
        "002",
        "legally binding",
    ),
    // The opening of the Anadolu report and of its rewrite.
    (
        "000",
        "possibilities for a dialogue",
        "004",
        "possibilities of agreement",
    ),
];

#[test]
fn statements_are_linked_across_outlets() {
    let c = Corpus::with_seeds();
    let found = links(&c, 0.3);
    for e in EXPECTED {
        assert!(
            found.iter().any(|l| matches(l, e)),
            "expected link not found: {e:?}"
        );
    }
}

#[test]
fn top_links_are_all_true() {
    let c = Corpus::with_seeds();
    let found = links(&c, 0.2);
    assert!(found.len() >= 20, "only {} links", found.len());
    for l in found.iter().take(20) {
        assert!(
            EXPECTED.iter().chain(VERIFIED).any(|e| matches(l, e)),
            "link not in the verified set: {l:?}"
        );
    }
    // Links never join two sentences of the same document.
    assert!(found.iter().all(|l| l.0 != l.2 || l.1 != l.3));
}

#[test]
fn statement_members_and_diff() {
    let c = Corpus::with_seeds();
    let all = statements(&c.select(None), &AlignOptions::default());
    let s = all
        .iter()
        .find(|s| s.members.iter().any(|m| m.text.contains("always a chance")))
        .expect("the 'always a chance' statement");
    assert!(s.score > 0.8);
    for m in &s.members {
        let text = c.get(m.doc).unwrap().text();
        assert_eq!(&text[m.start..m.end], m.text);
    }
    let l = &s.links[0];
    assert!(l
        .diff
        .iter()
        .any(|op| matches!(op, DiffOp::Equal { text, .. } if text.contains("there is always a"))));
    // Exact wording: "chances" as the content farm printed it.
    assert!(l
        .diff
        .iter()
        .any(|op| matches!(op, DiffOp::Insert { text, .. } if text == "chances")));
    // Each member shows its whole quote, and the marks give it back.
    for m in &s.members {
        let text = c.get(m.doc).unwrap().text();
        assert_eq!(&text[m.quote_start..m.quote_end], m.quote);
    }
    let joined: String = l.b_marks.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(joined, s.members[l.b].quote);
    let csv = lede::analyze::statements_to_csv(&all);
    assert!(csv.starts_with("statement,score,doc,file,outlet,date,speaker,start,end,text\n"));
    assert!(csv.lines().count() > all.len());
}

/// The trail of "there is always a chance": Anadolu first seen, the
/// Plainsmen Post rewrite derived from it, its direct quote flagged as
/// differing, and `flag:quote-differs` finds the rewrite.
#[test]
fn trail_of_the_content_farm_misquote() {
    use lede::analyze::trail::{FlagKind, Relation};
    let c = Corpus::with_seeds();
    let all = c.statements(None);
    let s = all
        .iter()
        .find(|s| {
            s.members
                .iter()
                .any(|m| m.quote.contains("always a chances"))
        })
        .expect("the 'always a chance' statement");
    let t = &s.trail;
    assert_eq!(t.steps[0].outlet.as_deref(), Some("Anadolu Agency"));
    assert!(t.steps[0].first_seen);
    assert_eq!(t.steps[1].outlet.as_deref(), Some("Plainsmen Post"));
    assert_eq!(t.steps[1].relation, Relation::Derived);
    assert_eq!(t.steps[1].source, Some(0));
    assert!(t.steps[0]
        .text
        .starts_with("Being the head of the Foreign Ministry"));
    let ch = t.steps[1].changes.as_ref().expect("changes");
    assert!(ch.added.iter().any(|w| w == "chances"), "{:?}", ch.added);
    assert!(
        ch.roles_dropped.iter().any(|w| w == "head"),
        "{:?}",
        ch.roles_dropped
    );
    let f = t
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::QuoteDiffers)
        .expect("quotation differs");
    assert_eq!((f.step, f.other), (1, 0));
    let plainsmen = t.steps[1].doc;
    let hits = c.matching("flag:quote-differs");
    assert!(hits.contains(&plainsmen), "{hits:?}");
    // Hyphens as printed.
    assert!(all
        .iter()
        .flat_map(|s| &s.members)
        .any(|m| m.quote.contains("short- and medium-range")));
}

/// Every statement the Plainsmen Post article (004) takes from the
/// Anadolu article (000), found by reading both: (Anadolu words, Plainsmen
/// words). The rewrite merges two Anadolu sentences into one (the warning
/// and the chance), and turns constructions around.
const PLAINSMEN_FROM_ANADOLU: &[(&str, &str)] = &[
    (
        "possibilities for a dialogue with the West",
        "possibilities of agreement with the United States and NATO",
    ),
    (
        "Moscow will pursue getting answers",
        "Moscow will continue to search for answers",
    ),
    // The heading "The dialogue, “far from being exhausted”" or the
    // sentence that merges it with the next one: "... continue and
    // intensify them” and added that ... the Russia’s chances “are far from
    // exhausted”".
    ("our possibilities are not exhausted", "far from"),
    (
        "I would propose to continue and expand them",
        "I would propose to continue and intensify them",
    ),
    (
        "We warn about inadmissibility holding endless talks",
        "it is not admissible to negotiate forever",
    ),
    (
        "I have to say there is always a chance",
        "I must say that there is always a chances",
    ),
    (
        "continue efforts to get a response from each country",
        "continue to await a response",
    ),
    ("it cannot satisfy us", "does not satisfy us"),
    (
        "The second part of the US and NATO response is constructive",
        "The second part is to a certain extent constructive",
    ),
    (
        "intermediate- and shorter-range ground-based missiles",
        "short- and medium-range ground-based missiles",
    ),
    (
        "decreasing military risks, trust-building, and military transparency",
        "the reduction of military risks, measures of confidence and military transparency",
    ),
];

/// The Plainsmen statements linked to their Anadolu source at the default
/// threshold.
fn plainsmen_linked(c: &Corpus) -> Vec<&'static (&'static str, &'static str)> {
    let found = links(c, lede::analyze::align::LINK_THRESHOLD);
    PLAINSMEN_FROM_ANADOLU
        .iter()
        .filter(|(a, p)| found.iter().any(|l| matches(l, &("000", a, "004", p))))
        .collect()
}

#[test]
fn plainsmen_rewrite_links_found_today_stay_found() {
    // Linked today (see BENCHMARKS.md, quote trails): these nine of 11
    // (four through their context: same speaker, related documents; of
    // them "pursue getting answers" / "search for answers" through the
    // relation of their words, after the links on shared words).
    let c = Corpus::with_seeds();
    let got = plainsmen_linked(&c);
    for want in [0, 1, 3, 5, 6, 7, 8, 9, 10] {
        assert!(
            got.contains(&&PLAINSMEN_FROM_ANADOLU[want]),
            "{:?} lost",
            PLAINSMEN_FROM_ANADOLU[want]
        );
    }
}

#[test]
#[ignore = "issue 14 item 3 target (recall on rewrites), not reached (9 of 11): see BENCHMARKS.md"]
fn every_statement_plainsmen_takes_from_anadolu_is_linked() {
    let c = Corpus::with_seeds();
    let got = plainsmen_linked(&c);
    assert_eq!(
        got.len(),
        PLAINSMEN_FROM_ANADOLU.len(),
        "linked only {got:?}"
    );
}

#[test]
fn speaker_hook_names_members() {
    let c = Corpus::with_seeds();
    let hook = |_doc: DocId, _s: usize, _e: usize| Some("Sergey Lavrov".to_string());
    let all =
        lede::analyze::statements_with(&c.select(None), &AlignOptions::default(), Some(&hook));
    assert!(!all.is_empty());
    assert!(all
        .iter()
        .flat_map(|s| &s.members)
        .all(|m| m.speaker.as_deref() == Some("Sergey Lavrov")));
}

#[test]
fn compare_two_reports_of_the_same_meeting() {
    let c = Corpus::with_seeds();
    let cmp = compare(&c.select(Some(&[0, 4])), &AlignOptions::default());
    assert_eq!(cmp.docs.len(), 2);
    assert!(cmp
        .aligned
        .iter()
        .any(|p| p.a.text.contains("always a chance") && p.b.text.contains("always a chances")));
    // Anadolu's Shoygu section has no counterpart in the rewrite...
    assert!(cmp.docs[0].unique.iter().any(|p| p.text.contains("Shoygu")));
    // ...so the rewrite omits it, and Anadolu omits Peskov.
    assert!(cmp.docs[1].omits.iter().any(|p| p.text.contains("Shoygu")));
    assert!(cmp.docs[0].omits.iter().any(|p| p.text.contains("Peskov")));
    assert!(cmp.docs[0].shared >= 3);
    // Copy provenance: Anadolu first, the content farm a rewrite of it.
    assert_eq!(cmp.docs[0].provenance.kind, "first");
    let p = &cmp.docs[1].provenance;
    assert_eq!(p.kind, "rewrite", "{p:?}");
    assert_eq!(p.source, Some(0));
    assert_eq!(p.source_outlet.as_deref(), Some("Anadolu Agency"));
}

#[test]
fn same_meeting_is_one_story() {
    let c = Corpus::with_seeds();
    let s = stories(&c.select(None), &StoryOptions::default());
    assert!(
        s.iter().any(|s| s.docs.contains(&0) && s.docs.contains(&4)),
        "{s:?}"
    );
    // The Dec. 30 Sputnik interview is a story of its own.
    assert!(s.iter().all(|s| !s.docs.contains(&2)), "{s:?}");
}

/// The seeds' story is labelled as a reader would name it: the topic
/// phrase and the people and organizations, not places, nationalities,
/// days or generic phrases ("first part").
#[test]
fn story_label_in_a_readers_words() {
    let c = Corpus::with_seeds();
    let s = stories(&c.select(None), &StoryOptions::default());
    let st = s
        .iter()
        .find(|s| s.docs.contains(&0) && s.docs.contains(&4))
        .expect("the Anadolu/Plainsmen story");
    for want in ["security guarantees", "NATO", "Lavrov"] {
        assert!(st.label.iter().any(|l| l == want), "{:?}", st.label);
    }
    for never in ["Russian", "Russia", "Monday", "first part"] {
        assert!(!st.label.iter().any(|l| l == never), "{:?}", st.label);
    }
    // One storyline from late December to late February: the Sputnik
    // interview, the transcript and TASS join the story's thread.
    let mut t = st.thread.docs.clone();
    t.sort_unstable();
    assert_eq!(t, [0, 1, 2, 3, 4], "{:?}", st.thread);
    assert_eq!(st.thread.doc, st.thread.docs[0]);
}

/// Unrelated stories stay in threads of their own.
#[test]
fn unrelated_stories_are_separate_threads() {
    let mut c = Corpus::with_seeds();
    let doc = |file: &str, date: &str, text: &str| Document {
        file: file.into(),
        lang: "en".into(),
        date: Some(date.into()),
        paragraphs: vec![text.to_string()],
        ..Document::default()
    };
    let text =
        "The Wimbledon champion Carlos Alcaraz beat Novak Djokovic in five sets on Centre Court, \
                and Alcaraz lifted the trophy as Djokovic congratulated the Spanish champion.";
    c.add(doc("tennis1.txt", "2022-02-15", text));
    c.add(doc(
        "tennis2.txt",
        "2022-02-15",
        &text.replace("five sets", "a five-set final"),
    ));
    let s = stories(&c.select(None), &StoryOptions::default());
    let tennis = s
        .iter()
        .find(|s| s.docs.contains(&5))
        .expect("the tennis story");
    assert!(
        tennis.thread.docs.iter().all(|&d| d >= 5),
        "{:?}",
        tennis.thread
    );
    assert!(s
        .iter()
        .filter(|s| s.docs.contains(&0))
        .all(|s| !s.thread.docs.contains(&5)));
}

/// Regression: statements were aligned over the first 400 documents only,
/// so a corpus whose first 400 documents were unrelated found none.
#[test]
fn statements_beyond_the_first_400_documents() {
    let vocab: Vec<String> = (0..300).map(|i| format!("word{i}")).collect();
    let mut c = Corpus::new();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for d in 0..420 {
        let words: Vec<&str> = (0..40)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                vocab[(x % vocab.len() as u64) as usize].as_str()
            })
            .collect();
        c.add(Document {
            file: format!("filler{d}.txt"),
            lang: "en".into(),
            paragraphs: vec![format!("{}.", words.join(" "))],
            ..Document::default()
        });
    }
    let seeds = Corpus::with_seeds();
    for (_, d) in seeds.iter() {
        c.add(d.clone());
    }
    assert!(c.len() > lede::MAX_ALIGN_DOCS);
    let st = c.statements(None);
    assert!(
        st.iter().any(|s| {
            let mut docs: Vec<DocId> = s.members.iter().map(|m| m.doc).collect();
            docs.dedup();
            docs.iter().filter(|&&d| d >= 420).count() >= 2
        }),
        "{} statements, none across seeds",
        st.len()
    );
}

#[test]
fn duplicates_of_a_seed() {
    let mut c = Corpus::with_seeds();
    let orig = c.get(2).unwrap().clone();
    // An exact copy with different line breaks and case...
    let mut copy = orig.clone();
    copy.paragraphs = vec![orig.paragraphs.join(" ").to_uppercase()];
    let copy_id = c.add(copy);
    // ...and a near copy with its last paragraph dropped.
    let mut near = orig.clone();
    near.paragraphs.pop();
    let near_id = c.add(near);
    let d = duplicates(&c.select(None), &DedupOptions::default());
    assert_eq!(d.exact, vec![vec![2, copy_id]]);
    assert!(d.near.iter().any(|p| p.b == near_id && p.jaccard >= 0.8));
    assert!(d
        .near
        .iter()
        .all(|p| p.a != 0 && p.a != 1 && p.a != 3 && p.a != 4));
}

#[test]
fn kwic_security() {
    let c = Corpus::with_seeds();
    let k = kwic(&c.select(None), "security", 5, KwicSort::Position);
    assert!(k.total > 40, "{}", k.total);
    assert_eq!(k.total, k.lines.len());
    for l in &k.lines {
        let text = c.get(l.doc).unwrap().text();
        assert!(text[l.start..l.end].to_lowercase().starts_with("secur"));
        assert!(!l.left.is_empty() || !l.right.is_empty());
        assert!(lede::text::tokenize(&l.left).len() <= 5);
    }
    assert!(k.lines.iter().any(|l| l.right.starts_with("guarantees")));
    let sorted = kwic(&c.select(None), "security", 5, KwicSort::Right);
    assert_eq!(sorted.total, k.total);
    // Lines are ordered by their right-context words (folded), nearest
    // first; a line ending its paragraph (no right context) comes first.
    let keys: Vec<Vec<String>> = sorted
        .lines
        .iter()
        .map(|l| {
            lede::text::tokenize(&l.right)
                .into_iter()
                .map(|t| t.term)
                .collect()
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn collocates_of_security() {
    let c = Corpus::with_seeds();
    let r = collocates(&c.select(None), "security", &CollocateOptions::default());
    assert!(r.node_freq > 40);
    let top: Vec<&str> = r
        .collocates
        .iter()
        .take(5)
        .map(|c| c.term.as_str())
        .collect();
    assert!(top.contains(&"guarantees"), "{top:?}");
    let g = r
        .collocates
        .iter()
        .find(|c| c.term == "guarantees")
        .unwrap();
    assert!(g.right > g.left && g.pmi > 1.0);
}

#[test]
fn keyness_of_one_report() {
    let c = Corpus::with_seeds();
    let k = keyness(
        &c.select(Some(&[0])),
        &c.select(None),
        &KeynessOptions::default(),
    );
    let top: Vec<&str> = k.terms.iter().take(10).map(|t| t.term.as_str()).collect();
    assert!(
        top.contains(&"shoygu") || top.contains(&"stoltenberg"),
        "{top:?}"
    );
    assert!(k.terms[0].log_likelihood > 3.84 && k.terms[0].log_ratio > 0.0);
    assert!(k.target_size > 1000 && k.reference_size > 3000);
}

#[test]
fn trends_by_month() {
    let mut c = Corpus::new();
    for (date, text) in [
        (
            "2021-12-30",
            "Security guarantees were proposed. Security matters.",
        ),
        ("2022-01-28", "The replies on security guarantees came."),
        ("2022-02-14", "Talks go on."),
    ] {
        c.add(Document {
            file: date.into(),
            date: Some(date.into()),
            paragraphs: vec![text.into()],
            ..Document::default()
        });
    }
    let t = trends(&c.select(None), &["security", "guarantee"]);
    assert_eq!(t.months, ["2021-12", "2022-01", "2022-02"]);
    assert_eq!(t.series[0].counts, [2, 1, 0]);
    assert_eq!(t.series[1].counts, [1, 1, 0]);
    assert!(t.series[0].per_10k[0] > t.series[0].per_10k[1]);
    // The seeds carry no dates with the minimal parser: all undated.
    let seeds = Corpus::with_seeds();
    let t = trends(&seeds.select(None), &["security"]);
    assert_eq!(t.undated_docs + t.docs.iter().sum::<usize>(), 5);
}

/// Runs `lede ARGS` over the seeds and parses its JSON.
fn cli_view(args: &[&str]) -> serde_json::Value {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(&args[..1])
        .args(["--corpus", seeds])
        .args(&args[1..])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn cli_gives_every_view_of_the_page() {
    let people = cli_view(&["people"]);
    let lavrov = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Sergey Lavrov")
        .expect("Lavrov listed");
    assert_eq!(lavrov["docs"].as_array().unwrap().len(), 5);

    let timeline = cli_view(&["timeline"]);
    assert!(timeline["events"].as_array().unwrap().len() > 5);

    let statements = cli_view(&["statements"]);
    assert!(statements
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["members"][0]["text"]
            .as_str()
            .unwrap()
            .contains("always a chance")));

    assert!(cli_view(&["stories"]).is_array());

    // The trails, within a search: Anadolu first seen, Plainsmen derived.
    let trails = cli_view(&["trail", "--in", "chance"]);
    let t = trails
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["flags"][0]["kind"] == "quote-differs")
        .expect("a flagged trail");
    assert_eq!(t["steps"][0]["outlet"], "Anadolu Agency");
    assert_eq!(t["steps"][1]["relation"], "derived");

    let colloc = cli_view(&["collocates", "security"]);
    assert_eq!(colloc["collocates"][0]["term"], "guarantees");

    // Keyness of TASS against the other seeds, and within a search.
    let key = cli_view(&["keyness", "outlet:TASS"]);
    assert!(key["target_size"].as_u64().unwrap() > 0);
    assert!(key["terms"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["percent_diff"].is_null() || t["percent_diff"].as_f64().unwrap().abs() < 1e9));

    let trends = cli_view(&["trends", "--in", "NATO", "security"]);
    assert_eq!(trends["months"].as_array().unwrap().len(), 3);
    assert_eq!(trends["series"][0]["term"], "security");
}

#[test]
fn after_clear_new_documents_have_quotes_people_and_events() {
    let mut c = lede::Corpus::with_seeds();
    let before = c.timeline(None).events.len();
    c.clear();
    assert!(c.people().is_empty());
    let r = c.restore_seeds();
    assert_eq!(r.added.len(), 5);
    for &id in &r.added {
        assert!(c.extraction(id).is_some(), "doc {id} has its extraction");
    }
    let lavrov = c
        .people()
        .into_iter()
        .find(|p| p.name == "Sergey Lavrov")
        .expect("Lavrov after clear + restore");
    assert_eq!(lavrov.docs.len(), 5);
    assert_eq!(c.timeline(None).events.len(), before);
    // A second timeline comes from the kept events, the same.
    assert_eq!(c.timeline(None).events.len(), before);
}

/// Context is evidence: "it cannot satisfy us" / "does not satisfy us" is
/// linked because both outlets credit it to Lavrov in related documents
/// (the page's speakers); without speakers the words alone do not link it.
#[test]
fn context_links_need_the_same_speaker() {
    let c = Corpus::with_seeds();
    let want = ("000", "it cannot satisfy us", "004", "does not satisfy us");
    assert!(links(&c, lede::analyze::align::LINK_THRESHOLD)
        .iter()
        .any(|l| matches(l, &want)));
    let bare = statements(&c.select(None), &AlignOptions::default());
    let found = bare.iter().any(|s| {
        s.members
            .iter()
            .any(|m| m.text.contains("cannot satisfy us"))
            && s.members
                .iter()
                .any(|m| m.text.contains("does not satisfy us"))
    });
    assert!(!found, "linked without its context");
}

/// A rewrite that merges two sentences into one: both are linked to it.
#[test]
fn merged_sentences_link_to_both_sources() {
    let mut c = Corpus::new();
    let doc = |file: &str, outlet: &str, paras: &[&str]| Document {
        file: file.into(),
        lang: "en".into(),
        outlet: Some(outlet.into()),
        date: Some("2022-02-14".into()),
        paragraphs: paras.iter().map(|p| p.to_string()).collect(),
        ..Document::default()
    };
    c.add(doc(
        "wire.txt",
        "Wire",
        &[
            "Negotiations on the grain corridor will resume in Istanbul on Monday, the minister told reporters.",
            "The first ships will carry wheat and barley from Odesa to Egypt and Lebanon.",
            "Farmers in the region reported a poor harvest after the spring drought.",
        ],
    ));
    c.add(doc(
        "rewrite.txt",
        "Rewrite",
        &[
            "Negotiations on the grain corridor will resume in Istanbul on Monday, and the first ships will carry wheat and barley from Odesa to Egypt and Lebanon, the minister told reporters.",
            "Bakers in the capital raised the price of bread again.",
        ],
    ));
    let st = c.statements(None);
    let linked = |words: &str| {
        st.iter().any(|s| {
            s.members
                .iter()
                .any(|m| m.doc == 0 && m.text.contains(words))
                && s.members.iter().any(|m| m.doc == 1)
        })
    };
    assert!(linked("resume in Istanbul"), "{st:#?}");
    assert!(linked("wheat and barley"), "{st:#?}");
    assert!(!linked("poor harvest"));
}
