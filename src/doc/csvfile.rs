//! CSV and TSV import: one article per row, columns named by the header.
//!
//! The header row names the columns; they are mapped to roles through
//! [`Role::of`] (so `publish_date`, `article_source_link`, `Headline`
//! all work). The delimiter is sniffed from the header line (comma,
//! semicolon, tab; tab for `.tsv`). A file whose header has no body
//! column is refused as a whole with [`Error::BadCsv`] at line 1, naming
//! the columns it has; a malformed row is an error for that row only.

use super::decode;
use super::item::ImportItem;
use super::record::{Record, Role};
use crate::error::Error;

/// Parses a CSV/TSV file: one item per data row, named `name#LINE`
/// (the 1-based line where the row starts).
pub fn parse_csv(name: &str, bytes: &[u8]) -> Vec<ImportItem> {
    let mut items = parse_csv_at(name, bytes, None);
    if items.is_empty() {
        items.push(ImportItem::empty(name));
    }
    items
}

/// Parses a slice of a CSV/TSV file: its header row followed by whole
/// rows (the page cuts a large file on row boundaries, a newline inside a
/// quoted field being no boundary, and puts the header before each slice).
/// `first_line` is how many lines of the whole file come before the
/// slice's first row, so that items and errors are numbered as in the
/// whole file; `None` reads `bytes` as the whole file. A slice of no rows
/// yields no item; a file-wide error (no text column) is named `name`.
pub fn parse_csv_at(name: &str, bytes: &[u8], first_line: Option<usize>) -> Vec<ImportItem> {
    let text = match decode(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![ImportItem::err(name, e)],
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let delimiter = sniff_delimiter(name, text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return vec![ImportItem::err(name, bad_csv(name, &e, 1))],
    };
    // Lines of this slice are file lines `shift` further on.
    let header_end = reader.position().line() as usize;
    let shift = first_line.map_or(0, |f| (f + 1) as isize - header_end as isize);
    let in_file = |line: usize| (line as isize + shift).max(1) as usize;
    let roles: Vec<Option<Role>> = header.iter().map(Role::of).collect();
    if !roles
        .iter()
        .any(|r| matches!(r, Some(Role::Text) | Some(Role::Summary)))
    {
        let found: Vec<&str> = header.iter().take(20).collect();
        return vec![ImportItem::err(
            name,
            Error::BadCsv {
                name: name.to_string(),
                line: 1,
                message: format!(
                    "no article text column (expected one of text, body, content, article; \
                     the header has: {})",
                    found.join(", ")
                ),
            },
        )];
    }
    let mut items = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = in_file(record.position().map_or(line, |p| p.line() as usize));
                let file = format!("{name}#{line}");
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if record.len() != header.len() {
                    let err = Error::BadCsv {
                        name: name.to_string(),
                        line,
                        message: format!(
                            "the row has {} fields, the header {}",
                            record.len(),
                            header.len()
                        ),
                    };
                    items.push(ImportItem::err(&file, err));
                    continue;
                }
                let mut rec = Record::default();
                for (role, value) in roles.iter().zip(record.iter()) {
                    if let Some(role) = role {
                        rec.set(*role, value);
                    }
                }
                let result = rec.into_document(&file);
                items.push(ImportItem::new(file, result));
            }
            Err(e) => {
                let line = in_file(e.position().map_or(line, |p| p.line() as usize));
                let file = format!("{name}#{line}");
                items.push(ImportItem::err(&file, bad_csv(name, &e, line)));
                // The csv reader resynchronizes on the next record; an I/O
                // error cannot happen on a byte slice, so this cannot loop.
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    break;
                }
            }
        }
    }
    items
}

fn bad_csv(name: &str, e: &csv::Error, line: usize) -> Error {
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} fields, the header {expected_len}"),
        _ => e.to_string(),
    };
    Error::BadCsv {
        name: name.to_string(),
        line,
        message,
    }
}

/// Tab for `.tsv`/`.tab`; otherwise whichever of `,` `;` `\t` occurs most
/// often in the header line outside quotes (comma on a tie).
fn sniff_delimiter(name: &str, text: &str) -> u8 {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".tsv") || lower.ends_with(".tab") {
        return b'\t';
    }
    let header = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_documents() {
        let src = "id,Headline,publish_date,text\n1,First,2017/2/7,\"Body one, with comma.\"\n2,Second,,\"Multi\nline body.\"\n3,Third,2017/2/9,Body three.\n";
        let items = parse_csv("a.csv", src.as_bytes());
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].file, "a.csv#2");
        let d = items[0].result.as_ref().unwrap();
        assert_eq!(d.title.as_deref(), Some("First"));
        assert_eq!(d.date.as_deref(), Some("2017-02-07"));
        assert_eq!(d.text(), "Body one, with comma.");
        assert_eq!(items[1].file, "a.csv#3");
        assert_eq!(items[2].file, "a.csv#5");
    }

    #[test]
    fn slices_with_the_header_number_rows_as_the_whole_file() {
        let whole = "id,title,text\n1,A,\"Body\none.\"\n2,B,Body two.\n3,C,\"Body, three\"\n4,D,Body four.;x,y\n5,E,Body five.\n";
        let all = parse_csv("w.csv", whole.as_bytes());
        let header = "id,title,text\n";
        // Cut after row 2 (line 4): lines 1-4 hold the header and rows 1-2.
        let cut = whole.find("\n3,").unwrap() + 1;
        let first = parse_csv_at("w.csv", &whole.as_bytes()[..cut], Some(1));
        let rest = format!("{header}{}", &whole[cut..]);
        let second = parse_csv_at("w.csv", rest.as_bytes(), Some(4));
        let sliced: Vec<_> = first.into_iter().chain(second).collect();
        assert_eq!(sliced, all);
        let names: Vec<&str> = all.iter().map(|i| i.file.as_str()).collect();
        assert_eq!(
            names,
            ["w.csv#2", "w.csv#4", "w.csv#5", "w.csv#6", "w.csv#7"]
        );
        assert!(matches!(all[3].result, Err(Error::BadCsv { line: 6, .. })));
        // A slice without rows yields nothing; a file-wide error names the file.
        assert!(parse_csv_at("w.csv", header.as_bytes(), Some(9)).is_empty());
        let bad = parse_csv_at("w.csv", b"id,title\n1,x\n", Some(40));
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].file, "w.csv");
    }

    #[test]
    fn missing_text_column_is_a_clear_error() {
        let items = parse_csv("m.csv", b"id,title,date\n1,x,2020-01-01\n");
        assert_eq!(items.len(), 1);
        match &items[0].result {
            Err(Error::BadCsv {
                line: 1, message, ..
            }) => {
                assert!(message.contains("no article text column"), "{message}");
                assert!(message.contains("id, title, date"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ragged_row_costs_only_itself() {
        let items = parse_csv(
            "r.csv",
            b"title;text\nA;Body A.\nB;Body B.;extra\nC;Body C.\n",
        );
        assert_eq!(items.len(), 3);
        assert!(items[0].result.is_ok());
        assert!(matches!(
            items[1].result,
            Err(Error::BadCsv { line: 3, .. })
        ));
        assert!(items[2].result.is_ok());
    }
}
