//! Transcript speaker labels.
//!
//! Q&A transcripts and interviews print a speaker label at the start of a
//! paragraph ("S.V. Lavrov: Dear colleagues!", "V.V. Putin:", "Sergey
//! Lavrov:", "WALLACE:", "Question:"). A turn runs from one label to the
//! next. [`speaker_label`] recognises a label; the parser groups turns and
//! only does so when a document has at least two labels, so that a lone
//! "Name: text" line in an ordinary article is left alone.

use super::byline::is_person_name;

/// Generic speaker roles accepted as labels.
const ROLES: &[&str] = &[
    "q",
    "a",
    "question",
    "answer",
    "interviewer",
    "moderator",
    "host",
    "journalist",
    "reporter",
    "audience",
    "participant",
    "presenter",
    "anchor",
    "voice",
    "unidentified",
    "correspondent",
    "вопрос",
    "ответ",
];

/// Words that open "Label: text" lines that are not speakers.
const NOT_SPEAKERS: &[&str] = &[
    "source",
    "sources",
    "note",
    "notes",
    "update",
    "updated",
    "correction",
    "photo",
    "image",
    "credit",
    "video",
    "watch",
    "read",
    "see",
    "related",
    "tags",
    "share",
    "warning",
    "breaking",
    "exclusive",
    "opinion",
    "analysis",
    "comment",
    "disclaimer",
    "summary",
    "background",
    "context",
    "conclusion",
    "reporting",
    "editing",
    "advertisement",
    "transcript",
    "published",
    "posted",
    "date",
    "time",
    "location",
    "topics",
    "keywords",
    "also",
    "more",
    "listen",
    "pictured",
    "follow",
    "contact",
    "email",
    "phone",
    "tel",
    "fax",
    "website",
    "address",
    "by",
    "author",
    "authors",
    "editor",
    "editor's note",
    "editor’s note",
    "p.s",
    "ps",
    "eds",
];

/// Whether an all-caps label is a plausible speaker ("WALLACE", "MR.
/// TRUMP"), not a section label ("STAT OF THE WEEK").
fn is_caps_label(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && !s.chars().any(char::is_lowercase)
        && s.split_whitespace().count() <= 4
        && !s.split_whitespace().any(|w| {
            matches!(
                w,
                "OF" | "THE" | "AND" | "FOR" | "IN" | "ON" | "TO" | "A" | "AT" | "WITH" | "BY"
            )
        })
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
}

/// Whether a label has the form only transcripts use: initials ("S.V.
/// Lavrov"), all capitals ("WALLACE") or a role ("Question", "Q").
pub(crate) fn is_formal_label(label: &str) -> bool {
    ROLES.contains(&label.to_lowercase().as_str())
        || is_caps_label(label)
        || label.split_whitespace().any(|w| {
            w.len() >= 2
                && w.ends_with('.')
                && w.chars().filter(|c| c.is_uppercase()).count() >= 1
                && w.chars().all(|c| c.is_uppercase() || c == '.')
        })
}

/// Recognises a speaker label at the start of paragraph `p`: returns the
/// speaker as printed (without the colon) and the byte offset where the
/// turn's text starts (after the colon and any spaces; `p.len()` when the
/// label stands alone).
pub(crate) fn speaker_label(p: &str) -> Option<(String, usize)> {
    // The colon must come early: labels are short.
    let mut colon = None;
    for (i, c) in p.char_indices().take(60) {
        if c == ':' {
            colon = Some(i);
            break;
        }
        // periods are allowed (initials: "S.V.", "MR."); clause marks are not
        if matches!(c, ',' | ';' | '!' | '?' | '(' | ')' | '”') {
            return None;
        }
    }
    let colon = colon?;
    let raw = &p[..colon];
    let label = raw
        .trim()
        .trim_start_matches(['"', '“', '‘', '\'', '«', '—', '–', '-'])
        .trim();
    if label.is_empty() {
        return None;
    }
    let lower = label.to_lowercase();
    if NOT_SPEAKERS.contains(&lower.as_str())
        || NOT_SPEAKERS.contains(&lower.split_whitespace().next().unwrap_or(""))
    {
        return None;
    }
    let ok = ROLES.contains(&lower.as_str())
        || is_caps_label(label)
        || (is_person_name(label) && {
            // A single capitalized word ("Washington:") is too ambiguous
            // unless it is a surname-like word after initials.
            label.split_whitespace().count() >= 2 || label.contains('.')
        });
    if !ok {
        return None;
    }
    // The text starts after the colon and any spaces (incl. no-break ones).
    let after = &p[colon + 1..];
    let text_start = p.len() - after.trim_start().len();
    // "12:30" style times and URLs ("https:") are not labels.
    if after.starts_with("//") || after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((label.to_string(), text_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let p = "S.V. Lavrov:\u{a0} Dear Vladimir Vladimirovich, Dear colleagues!";
        let (s, i) = speaker_label(p).unwrap();
        assert_eq!(s, "S.V. Lavrov");
        assert_eq!(&p[i..], "Dear Vladimir Vladimirovich, Dear colleagues!");
        assert_eq!(speaker_label("V.V. Putin: I see.").unwrap().0, "V.V. Putin");
        assert_eq!(
            speaker_label("Sergey Lavrov: All the arguments.")
                .unwrap()
                .0,
            "Sergey Lavrov"
        );
        assert_eq!(
            speaker_label("\"WALLACE: Let's start.").unwrap().0,
            "WALLACE"
        );
        assert_eq!(speaker_label("Question: Why?").unwrap().0, "Question");
        assert_eq!(speaker_label("V.V. Putin:").unwrap().1, "V.V. Putin:".len());
    }

    #[test]
    fn not_labels() {
        assert_eq!(speaker_label("Source: https://x.org"), None);
        assert_eq!(speaker_label("Washington: the city is calm."), None);
        assert_eq!(speaker_label("Lavrov said, however: no."), None);
        assert_eq!(speaker_label("At 12:30 the talks began."), None);
        assert_eq!(speaker_label("Partial transcript as follows:"), None);
        assert_eq!(speaker_label("The minister noted this: fine."), None);
    }
}
