//! The fields of an indexed document.
//!
//! Two text fields are searched with positions and ranked with BM25F:
//! the title (weighted up) and the body (lead bullets and paragraphs).
//! Keyword fields hold short values (an outlet, an author, a speaker) used
//! for filters and facets; they match token-wise and case-insensitively,
//! so `speaker:Lavrov` matches "Sergey Lavrov".
//!
//! A [`Field`] is also the kind of every keyword value a stage hands the
//! index (`extract::keyword_fields` gives `(Field, name)` pairs), so a
//! wrong kind does not compile.

use serde::Serialize;

/// A document field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The headline (text, positions, boosted).
    Title,
    /// Lead bullets and paragraphs (text, positions).
    Body,
    /// The publisher.
    Outlet,
    /// One byline author.
    Author,
    /// The language code.
    Lang,
    /// Publication date, YYYY-MM-DD (range filters).
    Date,
    /// YYYY-MM, derived from the date (facet).
    YearMonth,
    /// A transcript speaker or quoted source.
    Speaker,
    /// A person named in the text.
    Person,
    /// An organization named in the text.
    Org,
    /// A place named in the text.
    Place,
    /// A flag of the statement trails (`quote-differs`,
    /// `attribution-differs`, `unattributed`): not stored in the index,
    /// computed from the statement alignment when a query asks for it.
    Flag,
    /// The outlet's section ("sport"), as the import read it from a
    /// folder name or a record.
    Section,
    /// A tag the researcher gave a document, one of its quotes or a person
    /// it names (`crate::tags`): not stored in the index, the documents
    /// come from the corpus's tags when a query asks for them.
    Tag,
}

impl Field {
    /// Every field, in code order.
    pub const ALL: [Field; 14] = [
        Field::Title,
        Field::Body,
        Field::Outlet,
        Field::Author,
        Field::Lang,
        Field::Date,
        Field::YearMonth,
        Field::Speaker,
        Field::Person,
        Field::Org,
        Field::Place,
        Field::Flag,
        Field::Section,
        Field::Tag,
    ];

    /// The field's name in queries and output ("outlet", "year_month").
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Outlet => "outlet",
            Field::Author => "author",
            Field::Lang => "lang",
            Field::Date => "date",
            Field::YearMonth => "year_month",
            Field::Speaker => "speaker",
            Field::Person => "person",
            Field::Org => "org",
            Field::Place => "place",
            Field::Flag => "flag",
            Field::Section => "section",
            Field::Tag => "tag",
        }
    }

    /// The field a query prefix names, case-insensitively; a few aliases
    /// ("source" for outlet, "by" for author, "month" for year_month).
    pub fn from_name(name: &str) -> Option<Field> {
        let n = name.to_ascii_lowercase();
        Some(match n.as_str() {
            "title" | "headline" => Field::Title,
            "body" | "text" => Field::Body,
            "outlet" | "source" | "site" => Field::Outlet,
            "author" | "by" | "byline" => Field::Author,
            "lang" | "language" => Field::Lang,
            "date" => Field::Date,
            "year_month" | "month" | "ym" => Field::YearMonth,
            "speaker" | "said" => Field::Speaker,
            "person" | "who" => Field::Person,
            "org" | "organization" | "organisation" => Field::Org,
            "place" | "where" | "location" => Field::Place,
            "flag" | "flags" => Field::Flag,
            "section" | "category" | "desk" => Field::Section,
            "tag" | "tags" => Field::Tag,
            _ => return None,
        })
    }

    /// Stable one-byte code used by the serialized index.
    pub fn code(self) -> u8 {
        Field::ALL.iter().position(|&f| f == self).unwrap_or(0) as u8
    }

    /// The field with this code.
    pub fn from_code(code: u8) -> Option<Field> {
        Field::ALL.get(code as usize).copied()
    }

    /// Whether the field is a keyword field (filters and facets).
    pub fn is_keyword(self) -> bool {
        !matches!(self, Field::Title | Field::Body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
            assert_eq!(Field::from_code(f.code()), Some(f));
        }
        assert_eq!(Field::from_name("Outlet"), Some(Field::Outlet));
        assert_eq!(Field::from_name("nope"), None);
    }
}
