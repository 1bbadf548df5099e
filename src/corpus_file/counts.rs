//! The timeline's counts as a segment stores them
//! (`views/timeline-counts.bin`), and the chart of several segments' made
//! from them without a string per row.
//!
//! A million synthetic articles from 300 outlets mention ~3 million dates:
//! a count per day, value and outlet is about a million rows, too many to
//! hand a page as JSON (the chart shows seven outlets and "other
//! outlets"). So the member holds each value and outlet once and the rows
//! as numbers, and [`chart`] sums the rows of every segment into the
//! outlets the chart shows.
//!
//! Layout: `LTC1`; a varint count of values, each `date` and `value` as a
//! varint length and UTF-8; a varint count of outlets, each a byte (0: no
//! outlet, 1: one) and, when one, its varint length and UTF-8; a varint
//! count of rows, each the value's index minus the last row's (rows are
//! by value), the outlet's index and the mentions, as varints.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::index::{read_varint, write_varint};
use crate::{MentionCount, TimelineCounts};

const MAGIC: &[u8; 4] = b"LTC1";

/// The outlets the chart names; the others are summed as one.
pub const CHART_OUTLETS: usize = 7;

fn put_str(out: &mut Vec<u8>, s: &str) {
    write_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// `counts` as the member stores them.
pub fn encode(counts: &TimelineCounts) -> Vec<u8> {
    let mut values: Vec<(&str, &str)> = counts
        .counts
        .iter()
        .map(|c| (c.0.as_str(), c.1.as_str()))
        .collect();
    values.sort_unstable();
    values.dedup();
    let mut outlets: Vec<Option<&str>> = counts.counts.iter().map(|c| c.2.as_deref()).collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut out = Vec::with_capacity(16 + counts.counts.len() * 4);
    out.extend_from_slice(MAGIC);
    write_varint(&mut out, values.len() as u32);
    for (date, value) in &values {
        put_str(&mut out, date);
        put_str(&mut out, value);
    }
    write_varint(&mut out, outlets.len() as u32);
    for o in &outlets {
        match o {
            None => out.push(0),
            Some(o) => {
                out.push(1);
                put_str(&mut out, o);
            }
        }
    }
    let mut rows: Vec<(u32, u32, u32)> = counts
        .counts
        .iter()
        .map(|MentionCount(date, value, outlet, n)| {
            let v = values.binary_search(&(date.as_str(), value.as_str()));
            let o = outlets.binary_search(&outlet.as_deref());
            // Both are there: the tables were made from these rows.
            let (v, o) = (v.unwrap_or(0), o.unwrap_or(0));
            (v as u32, o as u32, (*n).min(u32::MAX as u64) as u32)
        })
        .collect();
    rows.sort_unstable();
    write_varint(&mut out, rows.len() as u32);
    let mut last = 0;
    for (v, o, n) in rows {
        write_varint(&mut out, v - last);
        write_varint(&mut out, o);
        write_varint(&mut out, n);
        last = v;
    }
    out
}

/// A member read: its tables, and its rows left as bytes.
#[derive(Debug)]
pub struct Decoded {
    /// `(date, value)` by index.
    values: Vec<(String, String)>,
    outlets: Vec<Option<String>>,
    bytes: Vec<u8>,
    /// Where the rows start (after their count).
    rows_at: usize,
    rows: usize,
}

fn damaged(what: &str) -> Error {
    Error::BadIndex {
        message: format!("{what}: damaged timeline counts"),
    }
}

/// Reads a member `name` written by [`encode`], checking every row.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<Decoded> {
    if !bytes.starts_with(MAGIC) {
        return Err(damaged(name));
    }
    let mut at = MAGIC.len();
    let varint = |at: &mut usize| read_varint(&bytes, at).ok_or_else(|| damaged(name));
    let string = |at: &mut usize| -> Result<String> {
        let len = varint(at)? as usize;
        let s = bytes
            .get(*at..at.saturating_add(len))
            .and_then(|b| std::str::from_utf8(b).ok())
            .ok_or_else(|| damaged(name))?;
        *at += len;
        Ok(s.to_string())
    };
    let n_values = varint(&mut at)? as usize;
    let mut values = Vec::with_capacity(n_values.min(bytes.len()));
    for _ in 0..n_values {
        values.push((string(&mut at)?, string(&mut at)?));
    }
    let n_outlets = varint(&mut at)? as usize;
    let mut outlets = Vec::with_capacity(n_outlets.min(bytes.len()));
    for _ in 0..n_outlets {
        let flag = *bytes.get(at).ok_or_else(|| damaged(name))?;
        at += 1;
        outlets.push(match flag {
            0 => None,
            1 => Some(string(&mut at)?),
            _ => return Err(damaged(name)),
        });
    }
    let rows = varint(&mut at)? as usize;
    let rows_at = at;
    let decoded = Decoded {
        values,
        outlets,
        bytes,
        rows_at,
        rows,
    };
    // Every row in its tables, the member read to its end.
    let (mut at, mut last) = (rows_at, 0);
    for _ in 0..rows {
        decoded
            .next_row(&mut at, &mut last)
            .ok_or_else(|| damaged(name))?;
    }
    if at != decoded.bytes.len() {
        return Err(damaged(name));
    }
    Ok(decoded)
}

impl Decoded {
    /// The row at `at` as `(value, outlet, mentions)` indexes (`last`:
    /// the value of the row before); `None` past the bytes or the tables.
    fn next_row(&self, at: &mut usize, last: &mut usize) -> Option<(usize, usize, u64)> {
        let v = last.checked_add(read_varint(&self.bytes, at)? as usize)?;
        let o = read_varint(&self.bytes, at)? as usize;
        let n = read_varint(&self.bytes, at)?;
        *last = v;
        (v < self.values.len() && o < self.outlets.len()).then_some((v, o, n as u64))
    }

    /// The rows (checked by [`decode`]), read from the bytes.
    fn rows(&self) -> impl Iterator<Item = (usize, usize, u64)> + '_ {
        let (mut at, mut last) = (self.rows_at, 0);
        (0..self.rows).map_while(move |_| self.next_row(&mut at, &mut last))
    }

    /// The counts, a string per row (to merge segments into one).
    pub fn to_counts(&self) -> TimelineCounts {
        TimelineCounts {
            counts: self
                .rows()
                .map(|(v, o, n)| {
                    let (date, value) = &self.values[v];
                    MentionCount(date.clone(), value.clone(), self.outlets[o].clone(), n)
                })
                .collect(),
        }
    }
}

/// The timeline of the whole corpus as the chart draws it, from the
/// counts of every segment, in columns (a million articles' counts are
/// ~45,000 rows, which as one array per row cost a page tens of
/// megabytes on their way from the engine): `{"events": [], "dates":
/// [...], "values": [...], "outlets": [...], "counts": [value, outlet,
/// mentions, value, outlet, mentions, ...], "other_outlets": K,
/// "documents": documents}`. `dates` and `values` hold each (first day,
/// TIMEX3 value) once, `outlets` the [`CHART_OUTLETS`] outlets with most
/// mentions (null: no outlet), and a row's outlet index `outlets.len()`
/// stands for the K others summed.
pub fn chart(parts: &[Decoded], documents: usize) -> Value {
    // Each outlet's mentions, by name across the parts.
    let mut totals: FxHashMap<Option<&str>, u64> = FxHashMap::default();
    for p in parts {
        for (_, o, n) in p.rows() {
            *totals.entry(p.outlets[o].as_deref()).or_default() += n;
        }
    }
    let mut ranked: Vec<(Option<&str>, u64)> = totals.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let shown: FxHashMap<Option<&str>, usize> = ranked
        .iter()
        .take(CHART_OUTLETS)
        .enumerate()
        .map(|(i, (o, _))| (*o, i))
        .collect();
    let others = ranked.len().saturating_sub(CHART_OUTLETS);
    // By (date, value): the mentions of each shown outlet, then the rest.
    let mut by_value: BTreeMap<(&str, &str), [u64; CHART_OUTLETS + 1]> = BTreeMap::new();
    for p in parts {
        for (v, o, n) in p.rows() {
            let (date, value) = &p.values[v];
            let slot = by_value
                .entry((date.as_str(), value.as_str()))
                .or_insert([0; CHART_OUTLETS + 1]);
            let i = shown
                .get(&p.outlets[o].as_deref())
                .copied()
                .unwrap_or(CHART_OUTLETS);
            slot[i] += n;
        }
    }
    let outlets: Vec<Value> = ranked
        .iter()
        .take(CHART_OUTLETS)
        .map(|(o, _)| o.map_or(Value::Null, Value::from))
        .collect();
    let mut dates = Vec::with_capacity(by_value.len());
    let mut values = Vec::with_capacity(by_value.len());
    let rows = by_value
        .values()
        .map(|per| per.iter().filter(|&&n| n > 0).count())
        .sum::<usize>();
    let mut counts = Vec::with_capacity(3 * rows);
    for (v, ((date, value), per)) in by_value.into_iter().enumerate() {
        dates.push(Value::from(date));
        values.push(Value::from(value));
        for (i, &n) in per.iter().enumerate() {
            // The other outlets' index is the shown ones' count.
            let o = i.min(outlets.len());
            if n > 0 {
                counts.extend([Value::from(v), Value::from(o), Value::from(n)]);
            }
        }
    }
    let mut view = serde_json::Map::new();
    view.insert("events".into(), Value::Array(Vec::new()));
    view.insert("dates".into(), Value::Array(dates));
    view.insert("values".into(), Value::Array(values));
    view.insert("outlets".into(), Value::Array(outlets));
    view.insert("counts".into(), Value::Array(counts));
    view.insert("other_outlets".into(), Value::from(others));
    view.insert("documents".into(), Value::from(documents));
    Value::Object(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(rows: &[(&str, &str, Option<&str>, u64)]) -> TimelineCounts {
        TimelineCounts::merge([TimelineCounts {
            counts: rows
                .iter()
                .map(|&(d, v, o, n)| MentionCount(d.into(), v.into(), o.map(Into::into), n))
                .collect(),
        }])
    }

    #[test]
    fn counts_read_back_and_damage_is_named() {
        let c = counts(&[
            ("2022-02-12", "2022-02-12", Some("TASS"), 3),
            ("2022-02-01", "2022-02", None, 1),
            ("2022-02-12", "2022-02-12", Some("Sputnik"), 2),
            ("1997-01-01", "1997", Some("TASS"), 5),
        ]);
        let bytes = encode(&c);
        assert_eq!(decode(bytes.clone(), "m").unwrap().to_counts(), c);
        for cut in [3, 10, bytes.len() - 1] {
            let e = decode(bytes[..cut].to_vec(), "views/timeline-counts.bin").unwrap_err();
            assert!(
                e.to_string().contains("views/timeline-counts.bin: damaged"),
                "{e}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(longer, "m").is_err());
        assert_eq!(
            decode(encode(&TimelineCounts::default()), "m")
                .unwrap()
                .to_counts()
                .counts,
            []
        );
    }

    #[test]
    fn the_chart_names_the_outlets_with_most_mentions_and_sums_the_rest() {
        // Nine outlets over two parts: o0 has the most mentions, o8 the
        // fewest; "other outlets" are the two with fewest.
        let mut a = Vec::new();
        let mut b = Vec::new();
        let names: Vec<String> = (0..9).map(|i| format!("o{i}")).collect();
        for (i, o) in names.iter().enumerate() {
            a.push(("2022-02-12", "2022-02-12", Some(o.as_str()), 20 - i as u64));
            b.push(("2022-02-12", "2022-02-12", Some(o.as_str()), 1));
            b.push(("2022-01-01", "2022-01", Some(o.as_str()), 1));
        }
        let parts = [
            decode(encode(&counts(&a)), "a").unwrap(),
            decode(encode(&counts(&b)), "b").unwrap(),
        ];
        let v = chart(&parts, 12);
        assert_eq!(v["other_outlets"], 2);
        assert_eq!(v["documents"], 12);
        assert_eq!(v["events"], serde_json::json!([]));
        assert_eq!(v["dates"], serde_json::json!(["2022-01-01", "2022-02-12"]));
        assert_eq!(v["values"], serde_json::json!(["2022-01", "2022-02-12"]));
        assert_eq!(
            v["outlets"],
            serde_json::json!(["o0", "o1", "o2", "o3", "o4", "o5", "o6"])
        );
        // (value, outlet, mentions) triples; outlet 7: the two others.
        let rows: Vec<[u64; 3]> = v["counts"]
            .as_array()
            .unwrap()
            .chunks(3)
            .map(|r| [0, 1, 2].map(|k| r[k].as_u64().unwrap()))
            .collect();
        assert!(rows.contains(&[0, 7, 2]));
        assert!(rows.contains(&[1, 7, 13 + 12 + 2]));
        assert!(rows.contains(&[1, 0, 20 + 1]));
        let shown: Vec<u64> = rows.iter().filter(|r| r[0] == 1).map(|r| r[1]).collect();
        assert_eq!(shown, [0, 1, 2, 3, 4, 5, 6, 7]);
        let total: u64 = rows.iter().map(|r| r[2]).sum();
        assert_eq!(total, counts(&a).mentions() + counts(&b).mentions());
    }
}
