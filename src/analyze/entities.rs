//! The entities of a selection as a table other tools read: each person,
//! organization and place once, with its kind, how many documents name it,
//! how many times, and the outlets of those documents. What `lede
//! entities` prints (JSON or CSV) and the page's Entities export writes.
//!
//! Names are the extractors' canonical names, as the facets and the
//! network name them; a person's spellings are merged through the
//! corpus' [`Aliases`] ("S.V. Lavrov" counts as "Sergey Lavrov").
//! Miscellaneous names (nationalities, events) are not listed. Rows are
//! ordered by documents, then mentions (most first), then name. The CSV
//! has the columns `name,kind,documents,mentions,outlets` (outlets joined
//! with "; ", most frequent first), every cell through [`super::csv_field`]
//! (neutralised against formula injection).

use std::collections::HashMap;

use serde::Serialize;

use super::network::NodeKind;
use super::Doc;
use crate::query::Aliases;

/// One entity of the selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRow {
    /// The canonical name.
    pub name: String,
    /// "person", "org" or "place".
    pub kind: NodeKind,
    /// Documents of the selection that name it.
    pub documents: usize,
    /// Its mentions in them.
    pub mentions: usize,
    /// The outlets of those documents, most documents first (documents
    /// without an outlet are not named).
    pub outlets: Vec<String>,
}

/// The entities of `docs` (of the kinds in `kinds`, every kind when it is
/// empty); see the module documentation.
pub fn entities(docs: &[Doc<'_>], aliases: &Aliases, kinds: &[NodeKind]) -> Vec<EntityRow> {
    struct Tally<'a> {
        documents: usize,
        mentions: usize,
        last_doc: Option<usize>,
        outlets: HashMap<&'a str, usize>,
    }
    let mut tally: HashMap<(NodeKind, &str), Tally<'_>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        let Some(ex) = d.extraction else { continue };
        for e in &ex.entities {
            let Some((kind, name)) = NodeKind::node_of(e, aliases) else {
                continue;
            };
            if !kinds.is_empty() && !kinds.contains(&kind) {
                continue;
            }
            let t = tally.entry((kind, name)).or_insert_with(|| Tally {
                documents: 0,
                mentions: 0,
                last_doc: None,
                outlets: HashMap::new(),
            });
            t.mentions += 1;
            if t.last_doc != Some(i) {
                t.last_doc = Some(i);
                t.documents += 1;
                if let Some(o) = d.doc.outlet.as_deref() {
                    *t.outlets.entry(o).or_insert(0) += 1;
                }
            }
        }
    }
    let mut rows: Vec<EntityRow> = tally
        .into_iter()
        .map(|((kind, name), t)| {
            let mut outlets: Vec<(&str, usize)> = t.outlets.into_iter().collect();
            outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            EntityRow {
                name: name.to_string(),
                kind,
                documents: t.documents,
                mentions: t.mentions,
                outlets: outlets.into_iter().map(|(o, _)| o.to_string()).collect(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.documents
            .cmp(&a.documents)
            .then_with(|| b.mentions.cmp(&a.mentions))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    rows
}

/// The rows as CSV (see the module documentation), with a header row.
pub fn entities_to_csv(rows: &[EntityRow]) -> String {
    let mut out = String::from("name,kind,documents,mentions,outlets\n");
    for r in rows {
        let cells = [
            super::csv_field(&r.name),
            super::csv_field(r.kind.as_str()),
            r.documents.to_string(),
            r.mentions.to_string(),
            super::csv_field(&r.outlets.join("; ")),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_neutralised() {
        let rows = [EntityRow {
            name: "=HYPERLINK(\"http://x\")".into(),
            kind: NodeKind::Org,
            documents: 2,
            mentions: 3,
            outlets: vec!["@evil".into(), "TASS".into()],
        }];
        let csv = entities_to_csv(&rows);
        assert_eq!(
            csv,
            "name,kind,documents,mentions,outlets\n\"'=HYPERLINK(\"\"http://x\"\")\",org,2,3,\"'@evil; TASS\"\n"
        );
    }
}
