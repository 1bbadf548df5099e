//! A note: the tags and free text a researcher gives one thing (a
//! document, a quote, a person). Tags are short names compared without
//! regard to case ("Check" and "check" are one tag); the first spelling
//! given is kept.

use serde::{Deserialize, Serialize};

/// Longest tag kept, in characters (longer ones are cut).
pub const MAX_TAG_CHARS: usize = 80;

/// Tags and a free-text note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Tags, in the order given, no two equal ignoring case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The note ("" when none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Note {
    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.note.trim().is_empty()
    }

    /// Whether it carries `tag` (ignoring case).
    pub fn has(&self, tag: &str) -> bool {
        let tag = clean_tag(tag);
        self.tags.iter().any(|t| same_tag(t, &tag))
    }

    /// Adds `tag` (whitespace collapsed, cut to [`MAX_TAG_CHARS`]);
    /// whether it was new. An empty tag is not added.
    pub fn add(&mut self, tag: &str) -> bool {
        let tag = clean_tag(tag);
        if tag.is_empty() || self.tags.iter().any(|t| same_tag(t, &tag)) {
            return false;
        }
        self.tags.push(tag);
        true
    }

    /// Removes `tag` (ignoring case); whether it was there.
    pub fn remove(&mut self, tag: &str) -> bool {
        let tag = clean_tag(tag);
        let before = self.tags.len();
        self.tags.retain(|t| !same_tag(t, &tag));
        self.tags.len() != before
    }

    /// Adds what `other` holds: its tags, and its note after this one's
    /// when they differ.
    pub fn merge(&mut self, other: &Note) {
        for t in &other.tags {
            self.add(t);
        }
        let theirs = other.note.trim();
        if theirs.is_empty() || self.note.contains(theirs) {
            return;
        }
        if self.note.trim().is_empty() {
            self.note = theirs.to_string();
        } else {
            self.note = format!("{}\n\n{theirs}", self.note.trim_end());
        }
    }
}

/// A tag as kept: whitespace collapsed, no double quotes (a query quotes
/// a tag of several words), at most [`MAX_TAG_CHARS`].
pub fn clean_tag(tag: &str) -> String {
    let tag = tag.replace('"', " ");
    let words: Vec<&str> = tag.split_whitespace().collect();
    words.join(" ").chars().take(MAX_TAG_CHARS).collect()
}

/// Whether two tags are one (ignoring case).
pub fn same_tag(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_one_whatever_their_case_and_spacing() {
        let mut n = Note::default();
        assert!(n.add(" Needs  check "));
        assert!(!n.add("needs check"));
        assert!(n.has("NEEDS CHECK"));
        assert_eq!(n.tags, ["Needs check"]);
        assert!(!n.add("   "));
        assert!(n.add("\"quoted\" tag"));
        assert!(n.remove("quoted tag"));
        assert!(n.remove("needs check"));
        assert!(n.is_empty());
    }

    #[test]
    fn merging_keeps_both_notes_once() {
        let mut a = Note {
            tags: vec!["a".into()],
            note: "first".into(),
        };
        let b = Note {
            tags: vec!["A".into(), "b".into()],
            note: "second".into(),
        };
        a.merge(&b);
        a.merge(&b);
        assert_eq!(a.tags, ["a", "b"]);
        assert_eq!(a.note, "first\n\nsecond");
    }
}
