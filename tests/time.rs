//! Temporal expressions and document dates: every expression class against
//! a fixed reference date, the seed articles' inferred dates, and
//! robustness on arbitrary text.

use lede::doc::parse_text;
use lede::extract::time::{
    infer_corpus_dates, infer_document_date, tag, tag_document, timeline, Date, TimexKind,
};
use lede::Document;

mod common;

/// Wednesday 16 February 2022.
fn dct() -> Option<Date> {
    Date::new(2022, 2, 16)
}

/// The (text, value) pairs of a text, in order.
fn values(text: &str) -> Vec<(String, String)> {
    tag(text, dct())
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

/// The value of the single expression whose text is `expr` in `text`.
fn value_of(text: &str, expr: &str) -> String {
    let found: Vec<_> = tag(text, dct())
        .into_iter()
        .filter(|t| t.text == expr)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{expr:?} in {text:?}: {:?}",
        tag(text, dct())
    );
    found[0].value.clone()
}

fn kind_of(text: &str, expr: &str) -> TimexKind {
    tag(text, dct())
        .into_iter()
        .find(|t| t.text == expr)
        .map(|t| t.kind)
        .unwrap_or_else(|| panic!("{expr:?} not found in {text:?}"))
}

#[test]
fn absolute_dates_in_news_formats() {
    assert_eq!(
        value_of("The talks on January 28, 2022 ended.", "January 28, 2022"),
        "2022-01-28"
    );
    assert_eq!(
        value_of("The talks on 28 January 2022 ended.", "28 January 2022"),
        "2022-01-28"
    );
    assert_eq!(
        value_of(
            "On Jan. 27, after a series of talks, they replied.",
            "Jan. 27"
        ),
        "2022-01-27"
    );
    assert_eq!(
        value_of("in Geneva on 10 January, followed by", "10 January"),
        "2022-01-10"
    );
    assert_eq!(
        value_of("published 2022-02-14 in Ankara", "2022-02-14"),
        "2022-02-14"
    );
    assert_eq!(
        value_of("published 02/14/2022 in Ankara", "02/14/2022"),
        "2022-02-14"
    );
    assert_eq!(
        value_of("a meeting in Geneva on Feb 24.", "Feb 24"),
        "2022-02-24"
    );
    assert_eq!(
        values("an invasion on the 16th or 17th of February."),
        vec![
            ("the 16th".to_string(), "2022-02-16".to_string()),
            ("17th of February".to_string(), "2022-02-17".to_string())
        ]
    );
}

#[test]
fn dateline_is_tagged() {
    assert_eq!(
        value_of("MOSCOW, January 28. /TASS/. Moscow does not", "January 28"),
        "2022-01-28"
    );
}

#[test]
fn years_and_decades() {
    assert_eq!(value_of("NATO's borders in 1997 were", "1997"), "1997");
    assert_eq!(
        values("in 1990-1991 the union fell"),
        vec![
            ("1990".into(), "1990".into()),
            ("1991".into(), "1991".into())
        ]
    );
    assert_eq!(value_of("since the 1990s NATO grew", "the 1990s"), "199");
    assert_eq!(
        value_of("in the early 1990s NATO grew", "the early 1990s"),
        "199"
    );
    // Numbers that are not years.
    assert!(tag("It has 1500 troops and costs $2000.", dct()).is_empty());
}

#[test]
fn months_relative_to_the_reference() {
    assert_eq!(
        value_of(
            "Last December, Russia presented its proposal.",
            "Last December"
        ),
        "2021-12"
    );
    assert_eq!(
        value_of("Russia presented its proposal in December.", "December"),
        "2021-12"
    );
    assert_eq!(
        value_of("it was in mid-January, during which", "mid-January"),
        "2022-01"
    );
    assert_eq!(
        value_of("talks set for early January 2022", "early January 2022"),
        "2022-01"
    );
    assert_eq!(
        value_of("They will meet next month.", "next month"),
        "2022-03"
    );
    assert_eq!(value_of("It grew this year.", "this year"), "2022");
    assert_eq!(
        value_of("Last week, Stoltenberg sent a letter.", "Last week"),
        "2022-W06"
    );
}

#[test]
fn weekdays_follow_the_tense() {
    assert_eq!(
        value_of("Lavrov said on Monday that talks go on.", "Monday"),
        "2022-02-14"
    );
    assert_eq!(
        value_of("Rau will travel to Moscow on Tuesday.", "Tuesday"),
        "2022-02-22"
    );
    assert_eq!(
        value_of(
            "During Thursday's phone call, Biden emphasized it.",
            "Thursday"
        ),
        "2022-02-10"
    );
    assert_eq!(value_of("He spoke yesterday.", "yesterday"), "2022-02-15");
    assert_eq!(value_of("He speaks today.", "today"), "2022-02-16");
    assert_eq!(value_of("He speaks tomorrow.", "tomorrow"), "2022-02-17");
    // Without a reference date the weekday stays underspecified.
    assert_eq!(tag("said on Monday", None)[0].value, "XXXX-WXX-1");
}

#[test]
fn reference_points() {
    assert_eq!(value_of("Russia is now ready.", "now"), "PRESENT_REF");
    assert_eq!(
        value_of("We currently see no invasion.", "currently"),
        "PRESENT_REF"
    );
    assert_eq!(
        value_of("NATO grew in recent years.", "recent years"),
        "PAST_REF"
    );
    assert_eq!(
        value_of("That belongs to the past.", "the past"),
        "PAST_REF"
    );
    assert_eq!(
        value_of("That is for the future.", "the future"),
        "FUTURE_REF"
    );
}

#[test]
fn durations() {
    assert_eq!(
        value_of("It takes two or three days.", "two or three days"),
        "P2D"
    );
    assert_eq!(
        kind_of("It takes two or three days.", "two or three days"),
        TimexKind::Duration
    );
    assert_eq!(value_of("He served 8 years.", "8 years"), "P8Y");
    assert_eq!(value_of("It has lasted for decades.", "decades"), "PXDE");
    assert_eq!(value_of("It lasted a week.", "a week"), "P1W");
    assert_eq!(
        value_of("over the past two months", "the past two months"),
        "P2M"
    );
    // An age is not a duration.
    assert!(tag("a 6-year-old boy", dct()).is_empty());
    assert!(tag("Lavrov, 71 years old, said", dct())
        .iter()
        .all(|t| t.kind != TimexKind::Duration));
    assert_eq!(value_of("It lasted one day.", "one day"), "P1D");
}

#[test]
fn times_of_day() {
    assert_eq!(
        value_of("They met at 2 p.m. in Moscow.", "2 p.m."),
        "2022-02-16T14:00"
    );
    assert_eq!(
        kind_of("They met at 2 p.m. in Moscow.", "2 p.m."),
        TimexKind::Time
    );
    assert_eq!(
        value_of(
            "we talked until two o'clock in the morning.",
            "two o'clock in the morning"
        ),
        "2022-02-16T02:00"
    );
    assert_eq!(value_of("He speaks tonight.", "tonight"), "2022-02-16TNI");
    assert_eq!(
        value_of("They met at 10:35 a.m. on Monday.", "10:35 a.m. on Monday"),
        "2022-02-14T10:35"
    );
}

#[test]
fn sets_quarters_seasons() {
    assert_eq!(
        value_of("The summit meets every year.", "every year"),
        "P1Y"
    );
    assert_eq!(
        kind_of("The summit meets every year.", "every year"),
        TimexKind::Set
    );
    assert_eq!(
        value_of("Profit fell in the third quarter.", "the third quarter"),
        "2021-Q3"
    );
    assert_eq!(
        value_of("It was hot last summer.", "last summer"),
        "2021-SU"
    );
    assert_eq!(
        value_of("the first quarter of 2022", "the first quarter of 2022"),
        "2022-Q1"
    );
}

#[test]
fn unknown_year_without_reference() {
    assert_eq!(
        tag("a meeting in Geneva on Feb 24.", None)[0].value,
        "XXXX-02-24"
    );
    assert_eq!(tag("in December", None)[0].value, "XXXX-12");
}

#[test]
fn offsets_are_characters_and_text_matches() {
    let text = "«Лавров» said — on Monday, 28 January 2022 — “two weeks” ago…";
    let chars: Vec<char> = text.chars().collect();
    let found = tag(text, dct());
    assert!(found.len() >= 2, "{found:?}");
    for t in found {
        assert!(t.start < t.end && t.end <= chars.len());
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
    }
}

#[test]
fn arbitrary_text_never_panics() {
    // A deterministic generator over tricky pieces.
    let pieces = [
        "Jan", ".", " ", "2022", "-", "02", "/", "14", "th", "of", "May", "p", "m", "o'clock",
        "the", "last", "next", "week", "é", "🙂", "\n", ",", "1/2", "'", "90s", "ago", "every",
        "quarter", "Monday", "'s", "a", "few", "days", "18", ":", "60", "99", "31", "Feb", "29",
        "\u{301}", "Ⅻ", "١٢", "０９",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        let mut s = String::new();
        let n = (seed % 40) as usize + 1;
        for _ in 0..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if seed.is_multiple_of(3) {
                s.push(' ');
            }
        }
        let chars: Vec<char> = s.chars().collect();
        for dct in [None, dct(), Date::new(1, 1, 1), Date::new(9999, 12, 31)] {
            for t in tag(&s, dct) {
                assert!(t.start < t.end && t.end <= chars.len(), "{s:?}: {t:?}");
                assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
            }
        }
    }
    assert!(tag("", dct()).is_empty());
    // Huge counts must not overflow the date arithmetic.
    for text in [
        "4000000000 years ago",
        "999999999 decades later",
        "99999999 centuries ago",
        "4294967295 weeks from now",
        "the 4294967295th of May",
    ] {
        for dct in [dct(), Date::new(9999, 12, 31), Date::new(-9999, 1, 1)] {
            let _ = tag(text, dct);
        }
    }
}

fn seeds() -> Vec<Document> {
    lede::SEEDS
        .iter()
        .map(|(name, bytes)| parse_text(name, bytes).expect("seed parses"))
        .collect()
}

fn seed_dates() -> Vec<(String, Option<Date>, String)> {
    let docs = seeds();
    let refs: Vec<&Document> = docs.iter().collect();
    docs.iter()
        .zip(infer_corpus_dates(&refs))
        .map(|(d, r)| {
            (
                d.file.clone(),
                r.as_ref().map(|x| x.0),
                r.map(|x| x.1.evidence).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn seed_document_dates() {
    let dates = seed_dates();
    let get = |prefix: &str| {
        dates
            .iter()
            .find(|d| d.0.contains(prefix))
            .unwrap_or_else(|| panic!("no seed {prefix}"))
            .clone()
    };
    // Anadolu: "Feb. 12" + "said on Monday".
    assert_eq!(get("000_").1, Date::new(2022, 2, 14));
    // The transcript: "this week in Geneva on February 24" → that week,
    // and its "Friday, March 29" header is flagged.
    let (_, d001, ev001) = get("001_");
    let d001 = d001.expect("transcript date");
    assert!(
        d001 >= Date::new(2022, 2, 21).unwrap() && d001 <= Date::new(2022, 2, 24).unwrap(),
        "{d001}"
    );
    assert!(
        ev001.contains("The header says 'Friday, March 29'; the content points to February 2022"),
        "{ev001}"
    );
    // Sputnik: "Thursday's phone call" before talks in early January 2022.
    let d002 = get("002_").1.expect("Sputnik date");
    assert!(
        d002 == Date::new(2021, 12, 30).unwrap() || d002 == Date::new(2021, 12, 31).unwrap(),
        "{d002}"
    );
    // TASS dateline.
    let (_, d003, ev003) = get("003_");
    assert_eq!(d003, Date::new(2022, 1, 28));
    assert!(ev003.contains("dateline"), "{ev003}");
    // The aggregator: "on Monday", the year from the other documents.
    assert_eq!(get("004_").1, Date::new(2022, 2, 14));
}

#[test]
fn the_evidence_names_what_gave_the_year() {
    // The seeds among 150 BBC articles of 2004-2005: the TASS dateline has
    // no year, one seed (Sputnik, Dec 2021) shares its names, and the
    // corpus's centre lies in 2004. Whichever wins, the evidence says
    // which, with the other's date, so that a reader can judge.
    let mut docs = seeds();
    for path in common::corpus_files("bbc/tech").iter().take(150) {
        let bytes = std::fs::read(path).expect("a BBC article");
        docs.push(parse_text(&path.display().to_string(), &bytes).expect("parses"));
    }
    let refs: Vec<&Document> = docs.iter().collect();
    let dates = infer_corpus_dates(&refs);
    let at = docs
        .iter()
        .position(|d| d.file.contains("003_"))
        .expect("TASS");
    let (date, info) = dates[at].clone().expect("a date");
    assert_eq!((date.m, date.d), (1, 28));
    if date.y == 2022 {
        assert!(info.evidence.contains("002_"), "{}", info.evidence);
    } else {
        assert!(
            info.evidence.contains("the corpus's central date (2004")
                && info.evidence.contains("002_")
                && info.evidence.contains("centre on 2021-12"),
            "{date}: {}",
            info.evidence
        );
    }
}

#[test]
fn sputnik_alone_has_its_own_year() {
    let docs = seeds();
    let sputnik = docs
        .iter()
        .find(|d| d.file.contains("002_"))
        .expect("seed 002");
    let (date, info) = infer_document_date(sputnik, &[]).expect("a date");
    assert_eq!(date, Date::new(2021, 12, 30).unwrap());
    assert_eq!(info.source, lede::DateSource::Inferred);
    assert!(info.evidence.contains("Thursday"), "{}", info.evidence);
    // The evidence is a sentence a reader can check.
    assert!(
        info.evidence.contains("'Thursday's phone call'")
            && info.evidence.contains("before 'early January 2022'"),
        "{}",
        info.evidence
    );
}

/// A year the text mentions is not a publication date: a historical date
/// with a weekday elsewhere, or an announced deadline a year ahead, dates
/// nothing; a past and an announced event close together do.
#[test]
fn a_mentioned_year_alone_does_not_date_a_document() {
    let doc = |text: &str| Document {
        file: "t.txt".to_string(),
        source: text.to_string(),
        ..Document::default()
    };
    for text in [
        "Actress dies at 71\n\nThe actress, born on 19 January 1934 in London, died on Sunday after a short illness. She joined the company in 1956.",
        "Firms get extra time\n\nThe regulator has extended the deadline until 15 July 2006. Business leaders met officials on Wednesday, just before the decision was announced.",
        "Shares hit high\n\nShares rose on Thursday to their highest level since August 2002.",
    ] {
        let found = infer_document_date(&doc(text), &[]);
        assert!(found.is_none(), "{text}: {found:?}");
    }
    let (d, info) = infer_document_date(
        &doc("Talks set\n\nThe talks were agreed in mid-March and will be held on 2 April 2009. The minister said on Tuesday that he was ready."),
        &[],
    )
    .expect("bracketed by mid-March and 2 April 2009");
    assert!(
        d >= Date::new(2009, 3, 11).unwrap() && d <= Date::new(2009, 4, 2).unwrap(),
        "{d}"
    );
    assert_eq!(d.weekday(), 2, "{d}: a Tuesday");
    assert!(
        info.evidence.starts_with("Inferred from 'on Tuesday'"),
        "{}",
        info.evidence
    );
}

#[test]
fn tagging_a_document_uses_its_source_offsets() {
    let docs = seeds();
    let tass = docs
        .iter()
        .find(|d| d.file.contains("003_"))
        .expect("seed 003");
    let found = tag_document(tass, Date::new(2022, 1, 28));
    let chars: Vec<char> = tass.source.chars().collect();
    assert!(
        found
            .iter()
            .any(|t| t.text == "January 26" && t.value == "2022-01-26"),
        "{found:?}"
    );
    for t in &found {
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
    }
    let events = timeline(tass, Date::new(2022, 1, 28));
    let dec15 = events
        .iter()
        .find(|e| e.text == "December 15")
        .expect("December 15 event");
    assert_eq!(dec15.value, "2021-12-15");
    assert!(
        dec15.sentence.contains("handed over to Washington"),
        "{}",
        dec15.sentence
    );
}

/// `lede parse` says where each date comes from and why.
#[test]
fn parse_prints_the_date_source_and_evidence() {
    let seeds: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
        .expect("seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("parse")
        .args(&seeds)
        .output()
        .expect("lede runs");
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let row = |prefix: &str| {
        rows.iter()
            .find(|r| r["file"].as_str().is_some_and(|f| f.contains(prefix)))
            .unwrap_or_else(|| panic!("no {prefix}"))
    };
    let sputnik = row("002_");
    assert_eq!(sputnik["date"], "2021-12-30");
    assert_eq!(sputnik["date_source"], "inferred");
    assert!(sputnik["date_evidence"]
        .as_str()
        .is_some_and(|e| e.contains("Thursday's phone call")));
    // A dateline is a printed date.
    assert_eq!(row("003_")["date_source"], "printed");
    for r in &rows {
        assert_eq!(r["date"].is_null(), r["date_source"].is_null(), "{r}");
        assert_eq!(r["date"].is_null(), r["date_evidence"].is_null(), "{r}");
    }
}

#[test]
fn a_count_before_a_singular_unit_is_no_offset() {
    // Market reports: "versus 545,000 week ago" is head of cattle, a week ago.
    let found = values(
        "Cattle slaughter is put at 130,000 head versus 545,000 week ago and 532,000 a year ago.",
    );
    assert!(
        found
            .iter()
            .all(|(t, v)| !v.starts_with("00") && !v.starts_with("-") && !t.contains("545,000")),
        "{found:?}"
    );
    for text in ["Prices rose versus 555 week ago.", "Up from 12 day ago."] {
        assert!(
            !values(text)
                .iter()
                .any(|(t, _)| t.chars().next().is_some_and(|c| c.is_ascii_digit())),
            "{text}: {:?}",
            values(text)
        );
    }
    assert_eq!(
        value_of("The talks began two weeks ago.", "two weeks ago"),
        "2022-W05"
    );
}
