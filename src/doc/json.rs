//! JSON and JSON Lines import.
//!
//! A `.json` file holds one article (an object with a body field), an
//! array of articles, or an object that holds such an array under any key
//! ("articles", "data", "items"... as in NewsAPI or scraper dumps). A
//! `.jsonl`/`.ndjson` file holds one article object per line. Fields are
//! mapped by name through [`Record`]; nested values are flattened the way
//! news APIs nest them (`"source": {"name": ...}`, `"authors": [{"name":
//! ...}]`). Each item is its own result: a bad line or record costs only
//! itself.

use serde_json::{Map, Value};

use super::decode;
use super::item::{ImportItem, RecordNotes};
use super::record::{Record, Role};
use crate::error::Error;

/// Parses a JSON file into one item per article. The items' files are
/// `name` for a single object and `name#N` (1-based record index) for an
/// array.
pub fn parse_json(name: &str, bytes: &[u8]) -> Vec<ImportItem> {
    let text = match decode(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![ImportItem::err(name, e)],
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return vec![ImportItem::err(name, bad_json(name, &e, 0))],
    };
    let array = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => match find_records(&map).and_then(|k| map.remove(&k)) {
            Some(Value::Array(items)) => items,
            _ => return vec![record_item(name.to_string(), &Value::Object(map))],
        },
        other => {
            return vec![ImportItem::err(
                name,
                Error::UnsupportedFormat {
                    name: name.to_string(),
                    detected: format!("a JSON {}, not an article object", kind(&other)),
                },
            )]
        }
    };
    if array.is_empty() {
        return vec![ImportItem::empty(name)];
    }
    array
        .iter()
        .enumerate()
        .map(|(i, v)| record_item(format!("{name}#{}", i + 1), v))
        .collect()
}

/// Parses a JSON Lines file: one item per non-blank line, named
/// `name#LINE` (1-based).
pub fn parse_json_lines(name: &str, bytes: &[u8]) -> Vec<ImportItem> {
    let mut items = parse_json_lines_at(name, bytes, 0);
    if items.is_empty() {
        items.push(ImportItem::empty(name));
    }
    items
}

/// Parses a slice of a JSON Lines file that starts after `first_line`
/// lines of it (0 for the start): items and errors are named and
/// numbered as in the whole file. The slice must start and end on line
/// boundaries. A slice of blank lines yields no item.
pub fn parse_json_lines_at(name: &str, bytes: &[u8], first_line: usize) -> Vec<ImportItem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Vec::new();
    }
    let text = match decode(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![ImportItem::err(name, e)],
    };
    // Records parsed on every core, a run of lines at a time, in order.
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let runs: Vec<&[(usize, &str)]> = lines.chunks(64).collect();
    crate::par::map(&runs, |run| {
        run.iter()
            .map(|&(i, line)| {
                let i = first_line + i;
                let file = format!("{name}#{}", i + 1);
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => record_item(file, &v),
                    Err(e) => ImportItem::err(&file, bad_json(name, &e, i)),
                }
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Parses a slice of a JSON file that is one array of records: `bytes`
/// holds whole elements of that array with the commas between them (the
/// page cuts a large array between two elements, outside any string), the
/// first of them record `first_record` (0-based) of the array and starting
/// on line `first_line` (0-based) of the file. Items are named `name#N` as
/// [`parse_json`] names them and errors numbered by the file's lines. A
/// slice that does not parse is one error, named for the slice's records
/// from the first on. A slice of only whitespace yields no item.
pub fn parse_json_array_at(
    name: &str,
    bytes: &[u8],
    first_record: usize,
    first_line: usize,
) -> Vec<ImportItem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Vec::new();
    }
    let text = match decode(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![ImportItem::err(name, e)],
    };
    let wrapped = format!("[{text}]");
    match serde_json::from_str::<Vec<Value>>(&wrapped) {
        Ok(array) => array
            .iter()
            .enumerate()
            .map(|(i, v)| record_item(format!("{name}#{}", first_record + i + 1), v))
            .collect(),
        Err(e) => {
            let file = format!("{name}#{}", first_record + 1);
            vec![ImportItem::err(&file, bad_json(name, &e, first_line))]
        }
    }
}

/// A serde_json error as [`Error::BadJson`], its line shifted by
/// `line_offset` (the 0-based line of a JSON Lines record).
fn bad_json(name: &str, e: &serde_json::Error, line_offset: usize) -> Error {
    let mut message = e.to_string();
    // serde_json appends " at line L column C"; the variant carries both.
    if let Some(pos) = message.rfind(" at line ") {
        message.truncate(pos);
    }
    Error::BadJson {
        name: name.to_string(),
        line: e.line() + line_offset,
        column: e.column(),
        message,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// An object holds records when it has no body of its own and one of its
/// values is an array of objects (the largest such array wins); returns
/// that array's key.
fn find_records(map: &Map<String, Value>) -> Option<String> {
    let has_body = map
        .iter()
        .any(|(k, v)| matches!(Role::of(k), Some(Role::Text)) && v.is_string());
    if has_body {
        return None;
    }
    map.iter()
        .filter_map(|(k, v)| match v {
            Value::Array(a) if a.iter().any(Value::is_object) => Some((k, a.len())),
            _ => None,
        })
        .max_by_key(|(_, n)| *n)
        .map(|(k, _)| k.clone())
}

fn record_item(file: String, v: &Value) -> ImportItem {
    let result = match v {
        Value::Object(map) => {
            // A headline without a body is kept (a news flash); an object
            // with neither is Error::Empty.
            to_record(map).into_document(&file)
        }
        other => Err(Error::UnsupportedFormat {
            name: file.clone(),
            detected: format!(
                "a JSON {} where an article object was expected",
                kind(other)
            ),
        }),
    };
    let mut item = ImportItem::new(file, result);
    if let (Ok(_), Value::Object(map)) = (&item.result, v) {
        item.record_notes = RecordNotes::of_record(map).map(Box::new);
    }
    item
}

/// Maps an object's fields by name. Nested objects that are not a role's
/// value themselves (e.g. `"fields": {...}`, `"_source": {...}`) are
/// searched one level down for roles still missing.
pub(crate) fn to_record(map: &Map<String, Value>) -> Record {
    let mut rec = Record::default();
    let mut nested = Vec::new();
    for (k, v) in map {
        let used = match Role::of(k) {
            Some(Role::Authors) => {
                let names = names_of(v);
                let found = !names.is_empty();
                if found && rec.authors.is_empty() {
                    rec.authors = names;
                }
                found
            }
            Some(role) => match scalar_text(v, role) {
                Some(s) => {
                    rec.set(role, &s);
                    true
                }
                None => false,
            },
            None => false,
        };
        if let (false, Value::Object(inner)) = (used, v) {
            nested.push(inner);
        }
    }
    for inner in nested {
        merge_missing(&mut rec, to_record(inner));
    }
    rec
}

fn merge_missing(rec: &mut Record, sub: Record) {
    let fill = |a: &mut Option<String>, b: Option<String>| {
        if a.is_none() {
            *a = b;
        }
    };
    fill(&mut rec.title, sub.title);
    fill(&mut rec.text, sub.text);
    fill(&mut rec.summary, sub.summary);
    fill(&mut rec.date, sub.date);
    fill(&mut rec.outlet, sub.outlet);
    fill(&mut rec.url, sub.url);
    fill(&mut rec.lang, sub.lang);
    if rec.authors.is_empty() {
        rec.authors = sub.authors;
    }
}

/// The text of a value for a role: strings as they are, numbers as
/// written (timestamps), an array of strings joined (a body given as
/// paragraphs), an object's `name`/`title`/`url`/`value` field.
fn scalar_text(v: &Value, role: Role) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(|x| scalar_text(x, role)).collect();
            (!parts.is_empty()).then(|| {
                if role == Role::Text {
                    parts.join("\n\n")
                } else {
                    parts.join(", ")
                }
            })
        }
        Value::Object(o) => ["name", "title", "url", "href", "value", "text", "@value"]
            .iter()
            .find_map(|k| o.get(*k).and_then(|x| scalar_text(x, role))),
        _ => None,
    }
}

/// Author names from a string, an array of strings, or objects with a
/// `name`.
fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => super::record::split_authors(s),
        Value::Array(a) => {
            let mut out: Vec<String> = Vec::new();
            for x in a {
                for n in names_of(x) {
                    if !out.contains(&n) {
                        out.push(n);
                    }
                }
            }
            out
        }
        Value::Object(o) => o.get("name").map(names_of).unwrap_or_default(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_slices_name_records_as_the_whole_array() {
        let whole = "[\n {\"title\": \"A, [x]\", \"text\": \"Body A.\"},\n {\"text\": \"Body B.\"},\n {\"text\": \"Body C.\"}\n]\n";
        let all = parse_json("a.json", whole.as_bytes());
        // The page's cuts: elements 1 and 2-3, without the brackets.
        let first = parse_json_array_at(
            "a.json",
            b"\n {\"title\": \"A, [x]\", \"text\": \"Body A.\"}",
            0,
            0,
        );
        let rest = parse_json_array_at(
            "a.json",
            b"\n {\"text\": \"Body B.\"},\n {\"text\": \"Body C.\"}\n",
            1,
            1,
        );
        let sliced: Vec<_> = first.into_iter().chain(rest).collect();
        assert_eq!(sliced, all);
        assert_eq!(sliced[2].file, "a.json#3");
        // A broken slice is one error with the file's line.
        let bad = parse_json_array_at("a.json", b"\n {\"text\": \"B\"},\n {\"text\" 1}", 5, 10);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].file, "a.json#6");
        assert!(
            matches!(bad[0].result, Err(Error::BadJson { line: 13, .. })),
            "{:?}",
            bad[0].result
        );
        assert!(parse_json_array_at("a.json", b" \n", 3, 3).is_empty());
    }

    #[test]
    fn single_object() {
        let items = parse_json(
            "a.json",
            br#"{"headline": "H", "Body": "Text one.\n\nText two.", "publish_date": "2021-12-17"}"#,
        );
        assert_eq!(items.len(), 1);
        let d = items[0].result.as_ref().unwrap();
        assert_eq!(items[0].file, "a.json");
        assert_eq!(d.title.as_deref(), Some("H"));
        assert_eq!(d.date.as_deref(), Some("2021-12-17"));
        assert_eq!(d.paragraphs, vec!["Text one.", "Text two."]);
    }

    #[test]
    fn newsapi_shape() {
        let items = parse_json(
            "n.json",
            br#"{"status":"ok","totalResults":2,"articles":[
              {"source":{"id":null,"name":"Outlet"},"author":"A B","title":"T1","content":"C1.","publishedAt":"2022-01-05T10:00:00Z"},
              {"source":{"name":"Other"},"url":"http://x"},
              {"source":{"name":"Other"},"title":"T3","description":"Only a summary."}]}"#,
        );
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].file, "n.json#1");
        let d = items[0].result.as_ref().unwrap();
        assert_eq!(d.outlet.as_deref(), Some("Outlet"));
        assert_eq!(d.authors, vec!["A B"]);
        assert_eq!(d.date.as_deref(), Some("2022-01-05"));
        assert!(matches!(items[1].result, Err(Error::Empty { .. })));
        let one = parse_json(
            "t.json",
            br#"{"fields": {"headline": "Flash", "site": "S"}}"#,
        );
        let d = one[0].result.as_ref().unwrap();
        assert_eq!(d.title.as_deref(), Some("Flash"));
        assert!(d.paragraphs.is_empty());
        assert_eq!(items[2].result.as_ref().unwrap().text(), "Only a summary.");
    }

    #[test]
    fn bad_json_names_line_and_column() {
        let items = parse_json("b.json", b"{\n  \"title\": \"x\",\n  oops\n}");
        match &items[0].result {
            Err(Error::BadJson { line, column, .. }) => {
                assert_eq!(*line, 3);
                assert!(*column > 0);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn jsonl_slice_is_numbered_as_in_the_whole_file() {
        let src = b"{\"title\":\"E\",\"text\":\"Body E.\"}\n{\"title\": broken\n";
        let items = parse_json_lines_at("x.jsonl", src, 4);
        assert_eq!(items[0].file, "x.jsonl#5");
        assert!(matches!(
            items[1].result,
            Err(Error::BadJson { line: 6, .. })
        ));
        assert!(parse_json_lines_at("x.jsonl", b"\n\n", 9).is_empty());
    }

    #[test]
    fn many_lines_parsed_on_every_core_keep_their_order_and_numbers() {
        // Several runs of lines (parsed apart), with blank and bad lines.
        let mut src = String::new();
        for i in 0..300 {
            match i {
                10 | 140 => src.push('\n'),
                150 => src.push_str("{\"title\": broken\n"),
                _ => src.push_str(&format!(
                    "{{\"title\":\"Story {i}\",\"text\":\"Body of story {i}.\"}}\n"
                )),
            }
        }
        let items = parse_json_lines_at("x.jsonl", src.as_bytes(), 1000);
        assert_eq!(items.len(), 298);
        let mut lines = (0..300).filter(|i| *i != 10 && *i != 140);
        for item in &items {
            let i = lines.next().unwrap();
            assert_eq!(item.file, format!("x.jsonl#{}", 1000 + i + 1));
            match &item.result {
                Ok(doc) => assert_eq!(doc.title.as_deref(), Some(format!("Story {i}").as_str())),
                Err(Error::BadJson { line, .. }) => assert_eq!((i, *line), (150, 1000 + 150 + 1)),
                Err(e) => panic!("{e}"),
            }
        }
    }

    #[test]
    fn jsonl_bad_line_keeps_others() {
        let src = b"{\"title\":\"A\",\"text\":\"Body A.\"}\n\n{\"title\": broken\n{\"title\":\"C\",\"text\":\"Body C.\"}\n";
        let items = parse_json_lines("x.jsonl", src);
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].file, "x.jsonl#1");
        assert_eq!(items[1].file, "x.jsonl#3");
        assert!(matches!(
            items[1].result,
            Err(Error::BadJson { line: 3, .. })
        ));
        assert_eq!(items[2].file, "x.jsonl#4");
        assert_eq!(
            items[2].result.as_ref().unwrap().title.as_deref(),
            Some("C")
        );
    }

    #[test]
    fn scalars_are_not_articles() {
        let items = parse_json("s.json", b"42");
        assert!(matches!(
            items[0].result,
            Err(Error::UnsupportedFormat { .. })
        ));
        let items = parse_json("s.json", b"[]");
        assert!(matches!(items[0].result, Err(Error::Empty { .. })));
    }
}
