//! Bylines and author bios.
//!
//! A byline names people, an outlet, or both: "By Elena Teslova and Agnes
//! Szucs", "By Sputnik", "By John Smith | Reuters", "Reporting by X; Editing
//! by Y". An author bio at the end of a page ("George Holan is chief editor
//! at Plainsmen Post and has ...") names the author and the outlet too.
//! Every piece must look like a person's name or a known outlet, so that
//! sentences starting with "By" ("By Monday, the talks ...") are not taken
//! for bylines.

use super::outlet;

/// What a byline or bio says about who wrote the article.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Byline {
    /// People, in order.
    pub authors: Vec<String>,
    /// The outlet, when the byline names one.
    pub outlet: Option<String>,
    /// A date printed in the byline ("By X | January 28, 2022").
    pub date: Option<super::dateline::PrintedDate>,
}

/// Lower-case words allowed inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "ter",
    "ten", "al", "el", "bin", "ibn", "la", "le", "y", "zu",
];

/// Capitalized words that are not names (pronouns, desks…); weekdays and
/// months are the other kind ([`crate::text::calendar`]).
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "staff",
    "admin",
    "editor",
    "editors",
    "guest",
    "anonymous",
    "contributor",
    "author",
    "then",
    "now",
    "way",
    "far",
    "all",
    "comparison",
    "contrast",
    "law",
    "default",
    "design",
    "chance",
    "and",
    "but",
    "or",
    "so",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "we",
    "they",
    "he",
    "she",
    "it",
    "i",
];

/// Words that make a byline piece a role or desk ("Moscow correspondent").
const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "editor",
    "staff",
    "writer",
    "contributor",
    "bureau",
    "desk",
    "team",
    "columnist",
    "news",
    "journalist",
    "analyst",
    "special",
    "senior",
    "chief",
    "political",
    "diplomatic",
    "foreign",
    "in",
];

fn is_initial(w: &str) -> bool {
    // "S.", "S.V.", "J.R.R."
    w.len() >= 2
        && w.ends_with('.')
        && w.split('.')
            .filter(|s| !s.is_empty())
            .all(|s| s.chars().count() == 1 && s.chars().all(char::is_uppercase))
}

fn is_name_word(w: &str) -> bool {
    let w = w.trim_end_matches(['\u{2019}', '\'']);
    if is_initial(w) {
        return true;
    }
    if NAME_PARTICLES.contains(&w) {
        return true;
    }
    let mut cs = w.chars();
    let Some(first) = cs.next() else {
        return false;
    };
    first.is_uppercase()
        && w.chars().count() >= 2
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && !is_not_name(w)
}

/// Words that are never part of a name: [`NOT_NAMES`], weekdays and
/// months ("May" excepted: Theresa May).
fn is_not_name(w: &str) -> bool {
    let low = w.to_lowercase();
    let low = low.trim_end_matches('.');
    NOT_NAMES.contains(&low) || (low != "may" && crate::text::calendar::is_calendar_word(low))
}

/// Whether `s` looks like a person's name: one to five name words, the
/// first and last capitalized (particles like "de" or "van" may sit
/// inside), at least one word that is not an initial.
pub(crate) fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().count() > 50 {
        return false;
    }
    let first_last_ok = [words[0], words[words.len() - 1]]
        .iter()
        .all(|w| !NAME_PARTICLES.contains(w));
    first_last_ok && words.iter().all(|w| is_name_word(w)) && words.iter().any(|w| !is_initial(w))
}

/// The prefixes that introduce a byline.
const BYLINE_PREFIXES: &[&str] = &[
    "by ",
    "written by ",
    "posted by ",
    "reported by ",
    "story by ",
    "words by ",
    "author: ",
    "authors: ",
    "author ",
    "автор: ",
    "авторы: ",
    "von ",
    "par ",
    "por ",
    "di ",
];

fn strip_prefix_ci<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    for p in prefixes {
        if s.len() > p.len() && s.is_char_boundary(p.len()) && s[..p.len()].to_lowercase() == *p {
            return Some(s[p.len()..].trim());
        }
    }
    None
}

/// Reads one byline piece: a person, an outlet, a role (ignored), or
/// nothing recognisable (`Err`).
fn read_piece(piece: &str, out: &mut Byline) -> Result<(), ()> {
    let piece = piece
        .trim()
        .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | '(' | ')' | '[' | ']'))
        .trim();
    if piece.is_empty() {
        return Ok(());
    }
    if let Some(o) = outlet::agency(piece) {
        if out.outlet.is_none() {
            out.outlet = Some(o.to_string());
        }
        return Ok(());
    }
    if is_person_name(piece) {
        // An ALL-CAPS single word is more likely an outlet code than a person.
        let words = piece.split_whitespace().count();
        if words == 1 && !piece.chars().any(char::is_lowercase) {
            if out.outlet.is_none() {
                out.outlet = Some(piece.to_string());
            }
        } else {
            out.authors.push(piece.to_string());
        }
        return Ok(());
    }
    let lower = piece.to_lowercase();
    if lower
        .split_whitespace()
        .any(|w| ROLE_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        && piece.split_whitespace().count() <= 6
    {
        return Ok(());
    }
    Err(())
}

/// Splits a list of names: "A, B and C", "A & B", "A; B".
fn split_names(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for a in s.split([',', ';', '&']) {
        let mut rest = a;
        while let Some(i) = rest.find(" and ") {
            out.push(&rest[..i]);
            rest = &rest[i + 5..];
        }
        out.push(rest);
    }
    out
}

/// Parses a byline line ("By Elena Teslova and Agnes Szucs", "By Sputnik",
/// "By John Smith | Reuters"). Returns `None` when the line is not one.
pub(crate) fn parse_byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.len() > 160 || line.chars().count() > 120 {
        return None;
    }
    let rest = strip_prefix_ci(line, BYLINE_PREFIXES)?;
    let mut out = Byline::default();
    // "By X | Outlet", "By X - Outlet"; other segments may be dates.
    let segments: Vec<&str> = rest.split(['|', '—', '–', '•']).collect();
    for (i, seg) in segments.iter().enumerate() {
        let seg = seg.trim();
        if seg.is_empty() {
            continue;
        }
        if i > 0 {
            if let Some(d) = super::dateline::parse_date_line(seg) {
                out.date = out.date.or(Some(d));
                continue;
            }
        }
        for piece in split_names(seg) {
            // an unreadable first segment is not a byline; an unreadable
            // trailing segment is ignored
            if read_piece(piece, &mut out).is_err() && i == 0 {
                return None;
            }
        }
    }
    (!out.authors.is_empty() || out.outlet.is_some()).then_some(out)
}

/// Reads a credits line at the end of wire copy: "Reporting by X; Editing
/// by Y", "Additional reporting by Z". Only reporters count as authors.
pub(crate) fn parse_credits(line: &str) -> Option<Byline> {
    // "(Reporting by X; Editing by Y)"
    let line = line
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .unwrap_or(line);
    let lower = line.to_lowercase();
    if line.len() > 300
        || !(lower.starts_with("reporting by")
            || lower.starts_with("additional reporting by")
            || lower.starts_with("writing by")
            || lower.starts_with("editing by")
            || lower.starts_with("compiled by"))
    {
        return None;
    }
    let mut out = Byline::default();
    for clause in line.split(';') {
        let c = clause.trim().trim_end_matches('.');
        let lc = c.to_lowercase();
        let Some(pos) = lc.find(" by ") else {
            continue;
        };
        let names = &c[pos + 4..];
        let is_reporting = lc.starts_with("reporting") || lc.starts_with("additional reporting");
        let mut tmp = Byline::default();
        for n in split_names(names) {
            // "Reporting by X in Moscow": drop the place
            let n = n.split(" in ").next().unwrap_or(n);
            let _ = read_piece(n, &mut tmp);
        }
        if is_reporting {
            out.authors.extend(tmp.authors);
        }
    }
    Some(out)
}

/// Words that make a sentence about a person an author bio.
const BIO_ROLES: &[&str] = &[
    "editor",
    "writer",
    "journalist",
    "reporter",
    "correspondent",
    "columnist",
    "contributor",
    "author",
    "blogger",
    "founder",
    "publisher",
    "analyst",
    "freelance",
    "freelancer",
];

/// The roles of a bio that name the publication the piece appears in
/// ("chief editor at Plainsmen Post"): newsroom staff. The other
/// [`BIO_ROLES`] name a book, a company or another site ("author of
/// Public Policy Hooligan", "founder of GenderAvenger.com", "analyst at a
/// bank"), never the outlet.
const OUTLET_ROLES: &[&str] = &[
    "editor",
    "writer",
    "journalist",
    "reporter",
    "correspondent",
    "columnist",
    "publisher",
];

/// Words after a name that say what kind of publication it is ("editor of
/// Develop magazine", "the Digital Lifestyles website"): a bio introduces
/// another publication so, never the one it is printed in.
const PUBLICATION_KINDS: &[&str] = &[
    "magazine",
    "website",
    "site",
    "blog",
    "newsletter",
    "podcast",
    "programme",
    "program",
    "show",
    "channel",
    "radio",
    "newspaper",
    "journal",
];

/// Reads an author bio ("George Holan is chief editor at Plainsmen Post
/// and has ..."): the person and, when named after "at"/"for"/"of"/"with",
/// the outlet. An outlet needs a newsroom role ([`OUTLET_ROLES`]) and a
/// name the bio does not go on to describe ("Develop magazine", "The
/// World, a BBC World Service co-production"): a bio that describes the
/// publication it names is about a writer's other work, and the piece was
/// published elsewhere.
pub(crate) fn parse_bio(line: &str) -> Option<(String, Option<String>)> {
    if line.len() > 600 {
        return None;
    }
    // Cheap rejection first: a verb among the first six words.
    if !line
        .split_whitespace()
        .take(6)
        .any(|w| matches!(w, "is" | "was" | "writes" | "covers" | "works" | "reports"))
    {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 4 || words.len() > 80 {
        return None;
    }
    // The name: up to the verb.
    let verb = words
        .iter()
        .take(6)
        .position(|w| matches!(*w, "is" | "was" | "writes" | "covers" | "works" | "reports"))?;
    if verb == 0 {
        return None;
    }
    let name = words[..verb].join(" ");
    if !is_person_name(&name) || name.split_whitespace().count() < 2 {
        return None;
    }
    let rest = &words[verb + 1..];
    let role_at = rest.iter().take(8).position(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        BIO_ROLES.contains(&w.as_str())
    })?;
    let role = rest[role_at]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if !OUTLET_ROLES.contains(&role.as_str()) {
        return Some((name, None));
    }
    // The outlet: the capitalized run after the first "at/for/of/with" that
    // follows the role.
    let mut outlet_name = None;
    let mut i = role_at + 1;
    while i < rest.len() && i < role_at + 8 {
        if matches!(rest[i], "at" | "for" | "of" | "with") {
            let mut run: Vec<&str> = Vec::new();
            let skip_the = usize::from(rest.get(i + 1) == Some(&"the"));
            let start = i + 1 + skip_the;
            // The word after the run, and the punctuation that ended it.
            let mut after = (rest.len(), None);
            for (k, w) in rest.iter().enumerate().skip(start) {
                let core = w.trim_end_matches(['.', ',', ';', ':']);
                let cap = core.chars().next().is_some_and(|c| c.is_uppercase());
                let joiner = !run.is_empty() && matches!(core, "of" | "the" | "&" | "and");
                if cap || joiner {
                    run.push(core);
                    if core.len() != w.len() {
                        after = (k + 1, w[core.len()..].chars().next());
                        break;
                    }
                } else {
                    after = (k, None);
                    break;
                }
            }
            while run
                .last()
                .is_some_and(|w| matches!(*w, "of" | "the" | "&" | "and"))
            {
                run.pop();
            }
            let next = rest.get(after.0).map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            });
            // "Develop magazine", "The World, a … co-production".
            let described = match (after.1, next.as_deref()) {
                (Some(','), Some("a" | "an")) => true,
                (None, Some(w)) => PUBLICATION_KINDS.contains(&w),
                _ => false,
            };
            if !run.is_empty() && !described {
                outlet_name = Some(run.join(" "));
            }
            break;
        }
        i += 1;
    }
    Some((name, outlet_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_person_name("Elena Teslova"));
        assert!(is_person_name("S.V. Lavrov"));
        assert!(is_person_name("Ludwig van Beethoven"));
        assert!(!is_person_name("S.V."));
        assert!(!is_person_name("the way"));
        assert!(!is_person_name("Monday"));
    }

    #[test]
    fn bylines() {
        let b = parse_byline("By Elena Teslova and Agnes Szucs").unwrap();
        assert_eq!(b.authors, vec!["Elena Teslova", "Agnes Szucs"]);
        assert_eq!(b.outlet, None);
        let b = parse_byline("By Sputnik").unwrap();
        assert!(b.authors.is_empty());
        assert_eq!(b.outlet.as_deref(), Some("Sputnik"));
        let b = parse_byline("By John Smith, Moscow correspondent | Reuters").unwrap();
        assert_eq!(b.authors, vec!["John Smith"]);
        assert_eq!(b.outlet.as_deref(), Some("Reuters"));
        let b = parse_byline("By Ann Lee | January 28, 2022").unwrap();
        assert_eq!(b.authors, vec!["Ann Lee"]);
        assert_eq!(b.date.and_then(|d| d.iso()).as_deref(), Some("2022-01-28"));
        let b = parse_byline("By Ann Lee, Tom Ford & Kim Wu").unwrap();
        assert_eq!(b.authors.len(), 3);
        assert_eq!(parse_byline("By Monday, the talks will have ended."), None);
        assert_eq!(parse_byline("By the way"), None);
        assert_eq!(parse_byline("Bystanders fled"), None);
        let b = parse_byline("Автор: Иван Петров").unwrap();
        assert_eq!(b.authors, vec!["Иван Петров"]);
    }

    #[test]
    fn credits() {
        let b =
            parse_credits("Reporting by Tom Balmforth in Moscow; Editing by Jon Boyle").unwrap();
        assert_eq!(b.authors, vec!["Tom Balmforth"]);
        let b = parse_credits("(Reporting by Ann Lee and Bo Ray; Editing by Jon Boyle)").unwrap();
        assert_eq!(b.authors, vec!["Ann Lee", "Bo Ray"]);
    }

    #[test]
    fn bios() {
        let (n, o) = parse_bio(
            "George Holan is chief editor at Plainsmen Post and has articles published in many notable publications in the last decade.",
        )
        .unwrap();
        assert_eq!(n, "George Holan");
        assert_eq!(o.as_deref(), Some("Plainsmen Post"));
        assert_eq!(
            parse_bio("Sergey Lavrov is the foreign minister of Russia."),
            None
        );
        assert_eq!(parse_bio("The minister is a writer."), None);
    }

    #[test]
    fn a_bio_names_the_outlet_only_as_its_staff() {
        let outlet = |line: &str| parse_bio(line).map(|(_, o)| o);
        // Staff of the publication the piece is in.
        assert_eq!(
            outlet("Gabriel Arana is senior media editor at The Huffington Post."),
            Some(Some("The Huffington Post".into()))
        );
        assert_eq!(
            outlet("David Callaway is editor in chief of USA TODAY. His opinions are his own."),
            Some(Some("USA TODAY".into()))
        );
        // Another publication, described; a book; a company.
        for line in [
            "Owain Bennallack is the editor of Develop magazine.",
            "Simon Perry is the editor of the Digital Lifestyles website, which covers media.",
            "Clark Boyd is technology correspondent for The World, a BBC World Service and WGBH-Boston co-production.",
            "James Bovard is the author of Public Policy Hooligan and a member of the board.",
            "Gina Glantz is founder of GenderAvenger.com.",
        ] {
            assert_eq!(outlet(line), Some(None), "{line}");
        }
    }
}
