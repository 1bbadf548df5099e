//! Quotes, speakers and entities on the bundled seed articles (decoded
//! source text), merged across the five documents as a corpus would.

use lede::extract::{canonicalize, extract, EntityKind, Extraction, QuoteKind};

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read seed");
            let name = p.display().to_string();
            let text = lede::doc::decode(&name, &bytes).expect("decode seed");
            (name, text)
        })
        .collect()
}

fn corpus() -> (Vec<(String, String)>, Vec<Extraction>) {
    let docs = seeds();
    let mut exs: Vec<Extraction> = docs.iter().map(|(_, t)| extract(t)).collect();
    canonicalize(&mut exs);
    (docs, exs)
}

/// The quote (not scare) whose text contains `needle`, and its speaker.
fn speaker_of(docs: &[(String, String)], exs: &[Extraction], needle: &str) -> Option<String> {
    for ((_, text), ex) in docs.iter().zip(exs) {
        for q in ex.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
            if text[q.start..q.end].contains(needle) {
                return q.speaker.clone();
            }
        }
    }
    panic!("no attributed quote contains {needle:?}");
}

#[test]
fn speakers_of_the_seed_quotes() {
    let (docs, exs) = corpus();
    // Targeted cases: each reached through a different kind of cue.
    let cases = [
        // Named cue after a quote that runs over two paragraphs.
        (
            "We held a meeting with the American delegation",
            "Sergey Lavrov",
        ),
        // "he noted" → the last person named.
        ("The US response is of interest to us", "Sergey Lavrov"),
        // "the minister added," before the quote.
        ("no country, no group of countries", "Sergey Lavrov"),
        // "the diplomat said".
        ("It is clear that our initiative", "Sergey Lavrov"),
        // "Asked by Putin ..., Lavrov said:".
        ("Being the head of the Foreign Ministry", "Sergey Lavrov"),
        // "He asserted that ... would be “...”" (a partial quote).
        ("a better path for the world", "Ivan Duque Marquez"),
        // "Russia’s top diplomat emphasized" / "the Russian foreign minister".
        ("If you favor diplomacy", "Sergey Lavrov"),
        (
            "The Americans say that the right to choose alliances",
            "Sergey Lavrov",
        ),
        // "highlighted Peskov" (inverted), "The spokesman has also expressed".
        ("Let’s hope that common sense prevails", "Dmitri Peskov"),
        // Appositive subject, unclosed quote at the end of a paragraph.
        ("we do not currently see an invasion", "Oleksiy Danilov"),
        // "my answer was simple: “...”" inside Putin's transcript turn.
        (
            "We believe this is not a concession to us",
            "Vladimir Putin",
        ),
    ];
    for (needle, who) in cases {
        assert_eq!(
            speaker_of(&docs, &exs, needle).as_deref(),
            Some(who),
            "{needle}"
        );
    }
    // Every quote and turn of the seeds (scare quotes aside), checked by
    // hand: the list must cover them all, each with its speaker.
    let all: &[(&str, &str)] = &[
        ("We held a meeting with the Ame", "Sergey Lavrov"),
        ("The US response is of interest", "Sergey Lavrov"),
        ("On these issues, the response ", "Sergey Lavrov"),
        ("no country, no group of countr", "Sergey Lavrov"),
        ("We are observing the attempts ", "Sergey Lavrov"),
        ("This is neglect to the norm of", "Sergey Lavrov"),
        ("Almost all of these proposals ", "Sergey Lavrov"),
        ("but exclusively by preserving ", "Sergey Lavrov"),
        ("We warn about inadmissibility ", "Sergey Lavrov"),
        ("Being the head of the Foreign ", "Sergey Lavrov"),
        ("Taking into account our readin", "Sergey Lavrov"),
        ("Some of these exercises are cl", "Sergey Shoygu"),
        ("As a result of special actions", "Sergey Shoygu"),
        ("The best way for Russia to dem", "Jens Stoltenberg"),
        ("choose the path of diplomacy”", "Jens Stoltenberg"),
        ("a better path for the world”", "Ivan Duque Marquez"),
        ("We agreed that all parties sho", "Jens Stoltenberg"),
        ("Dear Vladimir Vladimirovich, D", "Sergey Lavrov"),
        ("I am just talking to my collea", "Vladimir Putin"),
        ("We believe this is not a conce", "Vladimir Putin"),
        ("Yes, Vladimir Vladimirovich, d", "Sergey Lavrov"),
        ("I see, thank you.\n\nPlease sit ", "Vladimir Putin"),
        ("All the arguments in favor of ", "Sergey Lavrov"),
        ("If a constructive response doe", "Sergey Lavrov"),
        ("form those very reliable, lega", "Sergey Lavrov"),
        ("Participation of high-ranking ", "Sergey Lavrov"),
        ("The Parties shall settle all i", "one of the proposals"),
        ("The Parties shall refrain from", "document"),
        ("may turn out to be excessive,\"", "Sergey Lavrov"),
        ("the Americans have already tak", "Sergey Lavrov"),
        ("You know, we want our counterp", "Sergey Lavrov"),
        ("The Americans say that the rig", "Sergey Lavrov"),
        ("Russia will never be able to s", "Sergey Lavrov"),
        ("has to admit that,\"", "Sergey Lavrov"),
        ("This will be yet another admis", "Sergey Lavrov"),
        ("We are not present with our ar", "Sergey Lavrov"),
        ("Let me take you at your words ", "Sergey Lavrov"),
        ("If you favor diplomacy, then y", "Sergey Lavrov"),
        ("must not drag on foreverbut at", "Sergey Lavrov"),
        ("are far from exhausted”", "Sergey Lavrov"),
        ("You and other representatives ", "Sergey Lavrov"),
        ("The first part of the US respo", "Sergey Lavrov"),
        ("have to do with solving the pr", "Sergey Lavrov"),
        ("the reduction of military risk", "Sergey Lavrov"),
        ("common sense prevails”", "Dmitri Peskov"),
        ("Let’s hope that common sense p", "Dmitri Peskov"),
        ("the desperate attempts to expa", "Dmitri Peskov"),
        ("the Washington’s influence rem", "Dmitri Peskov"),
        ("we do not currently see an inv", "Oleksiy Danilov"),
    ];
    let mut seen = 0;
    for ((_, text), ex) in docs.iter().zip(&exs) {
        for q in ex.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
            let body = text[q.start..q.end].trim_start_matches(['“', '"']);
            let Some((_, who)) = all.iter().find(|(n, _)| body.starts_with(n)) else {
                panic!("unexpected quote {body:?} ({:?})", q.speaker);
            };
            assert_eq!(q.speaker.as_deref(), Some(*who), "{body:?}");
            seen += 1;
        }
    }
    assert_eq!(seen, all.len(), "some expected quotes were not found");
}

#[test]
fn transcript_turns() {
    let (docs, exs) = corpus();
    let (text, ex) = docs
        .iter()
        .zip(&exs)
        .find(|(_, ex)| ex.quotes.iter().any(|q| q.kind == QuoteKind::Turn))
        .map(|((_, t), e)| (t, e))
        .expect("a transcript seed");
    let turns: Vec<_> = ex
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Turn)
        .collect();
    assert_eq!(turns.len(), 5);
    let who: Vec<&str> = turns
        .iter()
        .map(|q| q.speaker.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        who,
        [
            "Sergey Lavrov",
            "Vladimir Putin",
            "Sergey Lavrov",
            "Vladimir Putin",
            "Sergey Lavrov"
        ]
    );
    // Turns run over paragraphs and stop before non-speech ("Source: ...").
    assert!(text[turns[0].start..turns[0].end]
        .contains("At the end of January we received a reaction."));
    assert!(!text[turns[4].start..turns[4].end].contains("Source:"));
}

#[test]
fn scare_quotes_are_apart() {
    let (docs, exs) = corpus();
    for needle in [
        "two little papers",
        "meaningful dialogue",
        "Spiegel",
        "cowboy attitude",
    ] {
        let q = docs
            .iter()
            .zip(&exs)
            .flat_map(|((_, t), ex)| {
                ex.quotes
                    .iter()
                    .filter(|q| q.kind != QuoteKind::Turn)
                    .map(move |q| (&t[q.start..q.end], q))
            })
            .find(|(s, _)| s.contains(needle))
            .map(|(_, q)| q)
            .expect(needle);
        assert_eq!(q.kind, QuoteKind::Scare, "{needle}");
        assert!(q.speaker.is_none());
    }
}

#[test]
fn pronouns_are_never_entities() {
    let (docs, exs) = corpus();
    for ((_, text), ex) in docs.iter().zip(&exs) {
        for e in &ex.entities {
            let t = &text[e.start..e.end];
            assert_eq!(t, e.text);
            assert!(
                !matches!(
                    t.to_lowercase().as_str(),
                    "he" | "she" | "they" | "it" | "we" | "i"
                ),
                "{t}"
            );
        }
    }
}

#[test]
fn aliases_share_one_canonical() {
    let (docs, exs) = corpus();
    let mut us = std::collections::BTreeSet::new();
    let mut lavrov = std::collections::BTreeSet::new();
    let mut nato = std::collections::BTreeSet::new();
    for ((_, text), ex) in docs.iter().zip(&exs) {
        for e in &ex.entities {
            let t = &text[e.start..e.end];
            if matches!(t, "US" | "U.S." | "United States" | "America") {
                us.insert(e.canonical.clone());
            }
            if e.kind == EntityKind::Person && t.contains("Lavrov") {
                lavrov.insert(e.canonical.clone());
            }
            if matches!(t, "NATO" | "North Atlantic Alliance") {
                nato.insert(e.canonical.clone());
            }
        }
    }
    assert_eq!(us.into_iter().collect::<Vec<_>>(), ["United States"]);
    assert_eq!(lavrov.into_iter().collect::<Vec<_>>(), ["Sergey Lavrov"]);
    assert_eq!(nato.into_iter().collect::<Vec<_>>(), ["NATO"]);
    // Every spelling was seen: Sergey, Sergei, S.V. and the bare surname.
    let spellings: std::collections::BTreeSet<&str> = docs
        .iter()
        .zip(&exs)
        .flat_map(|((_, t), ex)| ex.entities.iter().map(move |e| &t[e.start..e.end]))
        .filter(|s| s.contains("Lavrov"))
        .collect();
    // Role phrases that name him are mentions of him too.
    let roles: std::collections::BTreeSet<&str> = docs
        .iter()
        .zip(&exs)
        .flat_map(|((_, t), ex)| {
            ex.entities
                .iter()
                .filter(|e| e.canonical == "Sergey Lavrov")
                .map(move |e| &t[e.start..e.end])
        })
        .collect();
    for r in [
        "the Russian foreign minister",
        "Russia’s top diplomat",
        "the minister",
    ] {
        assert!(roles.contains(r), "{r} not in {roles:?}");
    }
    for s in ["Sergey Lavrov", "Sergei Lavrov", "S.V. Lavrov", "Lavrov"] {
        assert!(spellings.contains(s), "{s} not found in {spellings:?}");
    }
}

#[test]
fn people_group_quotes() {
    let (docs, exs) = corpus();
    let parsed: Vec<lede::Document> = docs
        .iter()
        .map(|(n, t)| lede::doc::parse_text(n, t.as_bytes()).expect("parse"))
        .collect();
    let rows: Vec<(lede::DocId, &lede::Document, &Extraction)> = parsed
        .iter()
        .zip(&exs)
        .enumerate()
        .map(|(i, (d, e))| (i as lede::DocId, d, e))
        .collect();
    let people = lede::extract::people(&rows);
    assert_eq!(people[0].name, "Sergey Lavrov");
    assert!(
        people[0].quotes.len() >= 4,
        "Lavrov is quoted in at least four seeds"
    );
    assert!(people[0].roles.iter().any(|r| r == "foreign minister"));
    let fields = lede::extract::keyword_fields(&exs[0]);
    assert!(fields.contains(&(lede::Field::Speaker, "Sergey Lavrov".to_string())));
    assert!(fields.contains(&(lede::Field::Place, "United States".to_string())));
}

#[test]
fn never_panics_on_odd_text() {
    // Pseudo-random strings over the characters the extractors react to.
    let alphabet: Vec<char> = "aZ .,:;!?\"'“”‘’«»„―—-()\n\nÜé日 S.V. Mr. he said Lavrov told ''``"
        .chars()
        .collect();
    let mut seed: u64 = 42;
    for len in [0usize, 1, 2, 5, 17, 64, 300] {
        for _ in 0..40 {
            let s: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let ex = extract(&s);
            for q in &ex.quotes {
                assert!(
                    q.start <= q.end
                        && q.end <= s.len()
                        && s.is_char_boundary(q.start)
                        && s.is_char_boundary(q.end)
                );
            }
            for e in &ex.entities {
                assert_eq!(&s[e.start..e.end], e.text);
            }
        }
    }
    // Fixed edge cases.
    for s in [
        "“",
        "”",
        "\"\"",
        "“”",
        "A: B\nC: D",
        ":",
        "“a\n“b",
        "he said",
        "S.V. Lavrov:",
        "‘",
        "''",
    ] {
        let _ = extract(s);
    }
}

#[test]
fn cli_contract() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("seeds/")
        .filter_map(|e| e.ok())
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("extract")
        .args(["--dct", "2022-02-14"])
        .args(&files)
        .arg("/nonexistent/file.txt")
        .output()
        .expect("run lede");
    assert_eq!(out.status.code(), Some(1), "a missing file fails the run");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), files.len() + 1);
    assert!(lines.last().unwrap()["error"].is_string());
    for (f, v) in files.iter().zip(&lines) {
        assert_eq!(v["dct"], "2022-02-14");
        let text = lede::doc::decode(f, &std::fs::read(f).unwrap()).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: &serde_json::Value, e: &serde_json::Value| -> String {
            chars[s.as_u64().unwrap() as usize..e.as_u64().unwrap() as usize]
                .iter()
                .collect()
        };
        // Temporal expressions, relative to --dct, with the same offsets.
        let timexes = v["timexes"].as_array().expect("timexes");
        assert!(!timexes.is_empty());
        for t in timexes {
            assert_eq!(slice(&t["start"], &t["end"]), t["text"].as_str().unwrap());
            assert!(["DATE", "TIME", "DURATION", "SET"].contains(&t["type"].as_str().unwrap()));
        }
        for q in v["quotes"].as_array().unwrap() {
            assert_eq!(slice(&q["start"], &q["end"]), q["text"].as_str().unwrap());
            assert!(["direct", "turn", "scare"].contains(&q["kind"].as_str().unwrap()));
            if !q["speaker_start"].is_null() {
                assert!(q["speaker_end"].as_u64() > q["speaker_start"].as_u64());
            }
            // The mention the attribution uses ("he", "the minister").
            assert!(q.get("source_start").is_some() && q.get("source_end").is_some());
            if !q["source_start"].is_null() {
                assert!(!slice(&q["source_start"], &q["source_end"])
                    .trim()
                    .is_empty());
            }
        }
        for e in v["entities"].as_array().unwrap() {
            assert_eq!(slice(&e["start"], &e["end"]), e["text"].as_str().unwrap());
            assert!(
                ["person", "organization", "place", "misc"].contains(&e["kind"].as_str().unwrap())
            );
        }
    }
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["extract", "--dct", "soon"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
}

/// The quote's source mention as `lede extract` prints it: the words the
/// attribution itself uses, beside the resolved speaker.
#[test]
fn source_span_is_the_attribution_mention() {
    let t = "Foreign Minister Sergey Lavrov arrived on Monday.\n\
             “We are ready to talk,” he said.\n\
             “The talks are not over,” Lavrov said.";
    let ex = extract(t);
    let co = lede::extract::CharOffsets::new(t);
    let json = lede::extract::to_json(t, &ex, &co);
    let chars: Vec<char> = t.chars().collect();
    let src = |q: &serde_json::Value| -> String {
        let s = q["source_start"].as_u64().expect("source_start") as usize;
        let e = q["source_end"].as_u64().expect("source_end") as usize;
        chars[s..e].iter().collect()
    };
    let quotes = json["quotes"].as_array().expect("quotes");
    let he = quotes
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains("ready"))
        .expect("first quote");
    assert_eq!(src(he), "he");
    assert_eq!(he["speaker"], "Sergey Lavrov");
    let lavrov = quotes
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains("not over"))
        .expect("second quote");
    assert_eq!(src(lavrov), "Lavrov");
}

/// (mention text, kind) of every entity of `text`.
fn entities_of(text: &str) -> Vec<(String, EntityKind)> {
    extract(text)
        .entities
        .into_iter()
        .map(|e| (e.text, e.kind))
        .collect()
}

#[test]
fn addressed_names_are_people() {
    let t = "V.Putin: Dear Vladimir Vladimirovich, thank you for coming.\n\
             V.Zhirinovsky: Thank you, Vladimir Vladimirovich.";
    let ents = entities_of(t);
    let vv: Vec<_> = ents
        .iter()
        .filter(|(m, _)| m.contains("Vladimirovich"))
        .collect();
    assert!(!vv.is_empty(), "{ents:?}");
    assert!(vv.iter().all(|(_, k)| *k == EntityKind::Person), "{ents:?}");
}

#[test]
fn datelines_are_places() {
    for t in [
        "LONDON 1996-08-30\nThe talks ended without a deal, officials said.",
        "MOSCOW, Dec 30 (Reuters) - The talks ended without a deal, officials said.",
    ] {
        let ents = entities_of(t);
        let city = ents
            .iter()
            .find(|(m, _)| m == "LONDON" || m == "MOSCOW")
            .unwrap_or_else(|| panic!("no dateline in {ents:?}"));
        assert_eq!(city.1, EntityKind::Place, "{t}: {ents:?}");
    }
    // A results table is no dateline.
    let row = entities_of("CHICAGO 71 64 .526 10\nThe Cubs lost again on Friday.");
    assert!(!row
        .iter()
        .any(|(m, k)| m == "CHICAGO" && *k == EntityKind::Place));
}

#[test]
fn sentence_openers_are_not_people() {
    let t = "Take Cyprus, for example. Let them wait, he said. \
             Since Yukos collapsed, Mikhail Khodorkovsky has been in prison.";
    let ents = entities_of(t);
    for bad in ["Take Cyprus", "Take", "Let", "Since Yukos", "Since"] {
        assert!(!ents.iter().any(|(m, _)| m == bad), "{bad}: {ents:?}");
    }
    assert!(ents
        .iter()
        .any(|(m, k)| m == "Mikhail Khodorkovsky" && *k == EntityKind::Person));
    // A name opening a sentence stays a name.
    let ents = entities_of(
        "Sergey Lavrov arrived in Geneva on Monday for talks with the other delegation.",
    );
    assert!(ents.iter().any(|(m, _)| m == "Sergey Lavrov"), "{ents:?}");
}

#[test]
fn glued_initials_keep_the_surname() {
    let t = "J.Smith and A.B.Jones signed the letter. Smith said nothing.";
    let ents = entities_of(t);
    assert!(
        ents.iter()
            .any(|(m, k)| m == "J.Smith" && *k == EntityKind::Person),
        "{ents:?}"
    );
    assert!(ents.iter().any(|(m, _)| m == "A.B.Jones"), "{ents:?}");
    // Search sees the surname as a word of its own.
    let terms: Vec<String> = lede::text::tokenize(t)
        .into_iter()
        .map(|t| t.term)
        .collect();
    assert!(
        terms.iter().filter(|w| *w == "smith").count() == 2,
        "{terms:?}"
    );
    assert!(terms.contains(&"jones".to_string()), "{terms:?}");
}

#[test]
fn headlines_and_lists_yield_entities() {
    let headline = "SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.\n\
                    Alan Shearer will lead England, the coach said.";
    let ents = entities_of(headline);
    assert!(
        ents.iter().any(|(m, _)| m == "SHEARER" || m == "ENGLAND"),
        "{ents:?}"
    );
    let table = "Chester-le-Street: Glamorgan 259 and 207 (A. Dale 69, H. Morris 69; \
                 D. Blenkiron 4-43), Durham 114 (S. Watkin 4-28) and 81-3.";
    let ents = entities_of(table);
    for name in ["A. Dale", "H. Morris", "S. Watkin"] {
        assert!(
            ents.iter()
                .any(|(m, k)| m == name && *k == EntityKind::Person),
            "{name}: {ents:?}"
        );
    }
    let list = "Romania - Cosmin Contra (31st), Mihai Tararache (75th)";
    let ents = entities_of(list);
    assert!(
        ents.iter()
            .any(|(m, k)| m == "Cosmin Contra" && *k == EntityKind::Person),
        "{ents:?}"
    );
    let party = "Elected: Keir Starmer (Labour), Ed Davey (Liberal Democrats)";
    let ents = entities_of(party);
    assert!(ents.iter().any(|(m, _)| m == "Keir Starmer"), "{ents:?}");
}

/// Search for a surname finds the documents that glue an initial to it.
#[test]
fn search_finds_a_surname_glued_to_initials() {
    let mut c = lede::Corpus::new();
    let doc = |file: &str, body: &str| lede::Document {
        file: file.into(),
        title: Some(file.into()),
        lang: "en".into(),
        paragraphs: vec![body.to_string()],
        ..lede::Document::default()
    };
    let glued = c.add(doc("glued", "J.Smith: Thank you, colleagues."));
    let spaced = c.add(doc("spaced", "A. B. Jones met J. Smith yesterday."));
    c.add(doc("other", "Nobody of that name is here."));
    let opts = lede::SearchOptions {
        limit: 100,
        ..lede::SearchOptions::default()
    };
    let ids: Vec<lede::DocId> = c.search("Smith", &opts).hits.iter().map(|h| h.id).collect();
    assert!(ids.contains(&glued) && ids.contains(&spaced), "{ids:?}");
    assert_eq!(ids.len(), 2);
    // And the seeds' "Y.Stoltenberg" is found by "Stoltenberg".
    let seeds = lede::Corpus::with_seeds();
    assert!(!seeds.search("Stoltenberg", &opts).hits.is_empty());
}

/// Holidays are never speakers; a hyphenated surname is one name.
#[test]
fn holidays_and_hyphenated_surnames() {
    let t = "Sales rose, analyst Philip Shaw noted, although it was difficult to gauge \
             from the Christmas period the likely pace of activity. \
             \"Interest rates are likely to remain on hold,\" he said.\n\n\
             Mr Kilroy-Silk said the man shouted at him. \"I was totally covered,\" he said.";
    let ex = extract(t);
    assert!(
        !ex.entities
            .iter()
            .any(|e| e.text == "Christmas" && e.kind == EntityKind::Person),
        "{:?}",
        ex.entities
    );
    let speakers: Vec<&str> = ex
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    assert_eq!(
        speakers,
        ["Philip Shaw", "Kilroy-Silk"],
        "{:?}",
        ex.entities
    );
}
