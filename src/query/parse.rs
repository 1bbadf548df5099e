//! Query text → syntax tree, leniently.
//!
//! The language is Lucene's and Google's: bare words (all required),
//! `"exact phrase"`, `"a b"~3` (slop), `OR`, `-word` / `NOT word`,
//! `+word`, parentheses, `prefix*`, `word~` / `word~2` (fuzzy), and
//! `field:value` (see [`Field::from_name`]); `date:` takes `2022-01-10`,
//! `2022-01`, `2022`, `A..B`, `>=A`, `>A`, `<=A`, `<A`.
//!
//! Parsing never fails: unbalanced quotes and parentheses are closed at
//! the end, a stray `)` or a dangling `OR`/`NOT` is dropped, an unknown
//! `field:` is read as plain text. [`Query::display`] shows how the text
//! was understood, and [`Query::notes`] says what was dropped or changed.

use crate::index::Field;
use crate::text::for_each_word;

/// Which text field a word or phrase must occur in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title or body.
    Any,
    /// The title only.
    Title,
    /// The lead and body only.
    Body,
}

/// How a clause of a [`Node::Bool`] contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Required (`+word`, or a bare word).
    Must,
    /// Optional: adds to the score (set by the planner for stop-words).
    Should,
    /// Excluded (`-word`, `NOT word`).
    MustNot,
}

/// A node of the syntax tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One normalized word.
    Word {
        text: String,
        scope: Scope,
        /// `word*`.
        prefix: bool,
        /// `word~` (Some(0): distance by length) or `word~N`.
        fuzzy: Option<u32>,
    },
    /// Normalized words in order, with a slop (0 = exact).
    Phrase {
        words: Vec<String>,
        slop: u32,
        scope: Scope,
    },
    /// A keyword filter (`outlet:TASS`), the value as typed.
    Keyword { field: Field, value: String },
    /// A date range, both ends inclusive, as YYYYMMDD.
    Date { from: u32, to: u32, text: String },
    /// Clauses combined: all Must, none MustNot, Should add score.
    Bool(Vec<(Occur, Node)>),
    /// Any of the alternatives.
    Or(Vec<Node>),
}

/// A parsed query: the tree (None when nothing searchable was typed) and
/// notes about lenient readings.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The syntax tree.
    pub root: Option<Node>,
    /// What was dropped or repaired while parsing.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Phrase(String, Option<u32>),
    Word(String),
    Field(Field, String),
    Or,
    And,
    Not,
    Plus,
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

/// How deep parentheses may nest. Deeper ones are dropped (with a note),
/// so no step after the lexer (parser, planner, executor, display), all of
/// which walk the tree recursively, can be driven deep by the input.
const MAX_NESTING: usize = 32;

fn lex(s: &str, notes: &mut Vec<String>) -> Vec<Tok> {
    let mut out = Vec::new();
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    // Open parentheses kept, dropped for being too deep; ')' matching none.
    let (mut open, mut dropped, mut stray) = (0usize, 0usize, 0usize);
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            if open < MAX_NESTING {
                open += 1;
                out.push(Tok::Open);
            } else {
                if dropped == 0 {
                    notes.push(format!(
                        "ignored parentheses nested deeper than {MAX_NESTING} levels"
                    ));
                }
                dropped += 1;
            }
            i += 1;
        } else if c == ')' {
            if dropped > 0 {
                dropped -= 1;
            } else if open == 0 {
                stray += 1;
            } else {
                open -= 1;
                out.push(Tok::Close);
            }
            i += 1;
        } else if is_quote(c) {
            let start = i + 1;
            let mut j = start;
            while j < cs.len() && !is_quote(cs[j]) {
                j += 1;
            }
            if j >= cs.len() {
                notes.push("closed an unbalanced quote".into());
            }
            let text: String = cs[start..j.min(cs.len())].iter().collect();
            i = (j + 1).min(cs.len());
            let mut slop = None;
            if i < cs.len() && cs[i] == '~' {
                let mut k = i + 1;
                while k < cs.len() && cs[k].is_ascii_digit() {
                    k += 1;
                }
                let digits: String = cs[i + 1..k].iter().collect();
                slop = Some(digits.parse().unwrap_or(2));
                i = k;
            }
            out.push(Tok::Phrase(text, slop));
        } else if (c == '-' || c == '+' || c == '!')
            && cs.get(i + 1).is_some_and(|n| !n.is_whitespace())
        {
            out.push(if c == '+' { Tok::Plus } else { Tok::Not });
            i += 1;
        } else {
            let start = i;
            while i < cs.len()
                && !cs[i].is_whitespace()
                && !matches!(cs[i], '(' | ')')
                && !is_quote(cs[i])
            {
                i += 1;
            }
            let w: String = cs[start..i].iter().collect();
            match w.as_str() {
                "OR" | "|" | "||" => out.push(Tok::Or),
                "AND" | "&" | "&&" => out.push(Tok::And),
                "NOT" => out.push(Tok::Not),
                _ => {
                    if let Some((name, rest)) = w.split_once(':') {
                        if let Some(f) = Field::from_name(name) {
                            out.push(Tok::Field(f, rest.to_string()));
                            continue;
                        }
                    }
                    out.push(Tok::Word(w));
                }
            }
        }
    }
    match stray {
        0 => {}
        1 => notes.push("ignored an unmatched ')'".into()),
        n => notes.push(format!("ignored {n} unmatched ')'")),
    }
    out
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
    notes: Vec<String>,
}

fn words_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |_, _, w| out.push(w.to_string()));
    out
}

/// A word token ("guarant*", "Stoltenbrg~", "legally-binding") as a node.
fn word_node(raw: &str, scope: Scope) -> Option<Node> {
    let mut text = raw;
    let mut fuzzy = None;
    if let Some(p) = text.rfind('~') {
        let digits = &text[p + 1..];
        if digits.chars().all(|c| c.is_ascii_digit()) {
            fuzzy = Some(digits.parse::<u32>().unwrap_or(0).min(2));
            text = &text[..p];
        }
    }
    let prefix = text.ends_with('*');
    let text = text.trim_end_matches('*');
    let words = words_of(text);
    match words.len() {
        0 => None,
        1 => Some(Node::Word {
            text: words.into_iter().next().unwrap_or_default(),
            scope,
            prefix,
            fuzzy,
        }),
        _ => Some(Node::Phrase {
            words,
            slop: 0,
            scope,
        }),
    }
}

/// Reads a date filter value; None when it is not a date.
fn parse_date_range(v: &str) -> Option<(u32, u32)> {
    let v = v.trim();
    let bound = |s: &str, end: bool| -> Option<u32> {
        let s = s.trim();
        if s.is_empty() {
            return Some(if end { 99_991_231 } else { 0 });
        }
        let parts: Vec<&str> = s.split(['-', '/']).collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let y = num(parts.first()?, 4)?;
        let m = match parts.get(1) {
            Some(p) => Some(num(p, 2).or_else(|| num(p, 1))?).filter(|m| (1..=12).contains(m))?,
            None => {
                if end {
                    12
                } else {
                    1
                }
            }
        };
        let d = match parts.get(2) {
            Some(p) => Some(num(p, 2).or_else(|| num(p, 1))?).filter(|d| (1..=31).contains(d))?,
            None => {
                if end {
                    31
                } else {
                    1
                }
            }
        };
        if parts.len() > 3 {
            return None;
        }
        Some(y * 10_000 + m * 100 + d)
    };
    if let Some((a, b)) = v.split_once("..") {
        let (from, to) = (bound(a, false)?, bound(b, true)?);
        return Some((from, to));
    }
    for (op, f) in [(">=", 0), ("<=", 1), (">", 2), ("<", 3)] {
        if let Some(rest) = v.strip_prefix(op) {
            return Some(match f {
                0 => (bound(rest, false)?, 99_991_231),
                1 => (0, bound(rest, true)?),
                2 => (bound(rest, true)?.saturating_add(1), 99_991_231),
                _ => (0, bound(rest, false)?.saturating_sub(1)),
            });
        }
    }
    Some((bound(v, false)?, bound(v, true)?))
}

fn rescope(node: Node, scope: Scope) -> Node {
    match node {
        Node::Word {
            text,
            prefix,
            fuzzy,
            ..
        } => Node::Word {
            text,
            scope,
            prefix,
            fuzzy,
        },
        Node::Phrase { words, slop, .. } => Node::Phrase { words, slop, scope },
        Node::Bool(cs) => Node::Bool(
            cs.into_iter()
                .map(|(o, n)| (o, rescope(n, scope)))
                .collect(),
        ),
        Node::Or(ns) => Node::Or(ns.into_iter().map(|n| rescope(n, scope)).collect()),
        other => other,
    }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }

    /// A sequence of clauses. `OR` binds tighter than the implicit AND,
    /// as in Google: `lavrov OR blinken security` is
    /// `(lavrov OR blinken) AND security`.
    fn or(&mut self, depth: usize) -> Option<Node> {
        self.and(depth)
    }

    fn and(&mut self, depth: usize) -> Option<Node> {
        let mut clauses = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(Tok::Close) if depth > 0 => break,
                Some(Tok::Or) => {
                    self.at += 1;
                    let next = match self.peek() {
                        None | Some(Tok::Close) | Some(Tok::Or) => None,
                        Some(_) if clauses.is_empty() => None,
                        Some(_) => self.primary(depth),
                    };
                    match (next, clauses.pop()) {
                        (Some(n), Some((occur, prev))) => {
                            let alts = match prev {
                                Node::Or(mut v) => {
                                    v.push(n);
                                    v
                                }
                                p => vec![p, n],
                            };
                            clauses.push((occur, Node::Or(alts)));
                        }
                        (_, last) => {
                            clauses.extend(last);
                            self.notes.push("ignored a dangling OR".into());
                        }
                    }
                }
                Some(Tok::Close) => {
                    self.at += 1;
                    self.notes.push("ignored an unmatched ')'".into());
                }
                Some(Tok::And) => self.at += 1,
                Some(Tok::Not) | Some(Tok::Plus) => {
                    let occur = if self.next() == Some(Tok::Plus) {
                        Occur::Must
                    } else {
                        Occur::MustNot
                    };
                    match self.primary(depth) {
                        Some(n) => clauses.push((occur, n)),
                        None => self.notes.push("ignored a dangling NOT or sign".into()),
                    }
                }
                Some(_) => {
                    if let Some(n) = self.primary(depth) {
                        clauses.push((Occur::Must, n));
                    }
                }
            }
        }
        match clauses.len() {
            0 => None,
            1 if clauses[0].0 == Occur::Must => clauses.pop().map(|c| c.1),
            _ => Some(Node::Bool(clauses)),
        }
    }

    fn group(&mut self, depth: usize) -> Option<Node> {
        let n = self.or(depth + 1);
        if self.peek() == Some(&Tok::Close) {
            self.at += 1;
        } else {
            self.notes.push("closed an unbalanced '('".into());
        }
        n
    }

    fn primary(&mut self, depth: usize) -> Option<Node> {
        match self.next()? {
            Tok::Open => self.group(depth),
            Tok::Phrase(text, slop) => {
                let words = words_of(&text);
                if words.is_empty() {
                    return None;
                }
                Some(Node::Phrase {
                    words,
                    slop: slop.unwrap_or(0).min(40),
                    scope: Scope::Any,
                })
            }
            Tok::Word(w) => word_node(&w, Scope::Any),
            Tok::Field(f, rest) => self.field(f, rest, depth),
            // Operators where a term was expected: skip them.
            Tok::Close | Tok::Or | Tok::And | Tok::Not | Tok::Plus => None,
        }
    }

    fn field(&mut self, f: Field, rest: String, depth: usize) -> Option<Node> {
        // The value: the rest of the word, else the next phrase or group.
        let value: Option<Node> = if !rest.is_empty() {
            if matches!(f, Field::Title | Field::Body) {
                word_node(&rest, Scope::Any)
            } else {
                return self.keyword(f, &rest);
            }
        } else {
            match self.peek() {
                Some(Tok::Phrase(..)) | Some(Tok::Open) => self.primary(depth),
                Some(Tok::Word(_)) => {
                    if let Some(Tok::Word(w)) = self.next() {
                        if !matches!(f, Field::Title | Field::Body) {
                            return self.keyword(f, &w);
                        }
                        word_node(&w, Scope::Any)
                    } else {
                        None
                    }
                }
                _ => None,
            }
        };
        let Some(value) = value else {
            self.notes
                .push(format!("ignored '{}:' without a value", f.name()));
            return None;
        };
        match f {
            Field::Title => Some(rescope(value, Scope::Title)),
            Field::Body => Some(rescope(value, Scope::Body)),
            _ => self.keyword_tree(f, value),
        }
    }

    fn keyword(&mut self, f: Field, value: &str) -> Option<Node> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        if matches!(f, Field::Date | Field::YearMonth) {
            return match parse_date_range(value) {
                Some((from, to)) => Some(Node::Date {
                    from,
                    to,
                    text: value.to_string(),
                }),
                None => {
                    self.notes
                        .push(format!("ignored '{}:{value}' (not a date)", f.name()));
                    None
                }
            };
        }
        Some(Node::Keyword {
            field: f,
            value: value.to_string(),
        })
    }

    /// `outlet:(TASS OR Sputnik)`, `outlet:"Anadolu Agency"`.
    fn keyword_tree(&mut self, f: Field, node: Node) -> Option<Node> {
        match node {
            Node::Word { text, .. } => self.keyword(f, &text),
            Node::Phrase { words, .. } => self.keyword(f, &words.join(" ")),
            Node::Bool(cs) => {
                let cs: Vec<_> = cs
                    .into_iter()
                    .filter_map(|(o, n)| self.keyword_tree(f, n).map(|n| (o, n)))
                    .collect();
                (!cs.is_empty()).then_some(Node::Bool(cs))
            }
            Node::Or(ns) => {
                let ns: Vec<_> = ns
                    .into_iter()
                    .filter_map(|n| self.keyword_tree(f, n))
                    .collect();
                (!ns.is_empty()).then_some(Node::Or(ns))
            }
            other => Some(other),
        }
    }
}

/// Parses query text; never fails.
pub fn parse(text: &str) -> Query {
    let mut notes = Vec::new();
    let toks = lex(text, &mut notes);
    let mut p = Parser { toks, at: 0, notes };
    // The lexer drops every ')' that closes nothing, so the top level reads
    // to the end.
    let root = p.or(0);
    Query {
        root,
        notes: p.notes,
    }
}

fn quote_value(v: &str) -> String {
    if v.chars()
        .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"'))
    {
        format!("\"{}\"", v.replace('"', ""))
    } else {
        v.to_string()
    }
}

fn scope_prefix(scope: Scope) -> &'static str {
    match scope {
        Scope::Any => "",
        Scope::Title => "title:",
        Scope::Body => "body:",
    }
}

impl Node {
    fn is_filter(&self) -> bool {
        matches!(self, Node::Keyword { .. } | Node::Date { .. })
    }

    /// The node in normalized query syntax.
    pub(crate) fn display(&self) -> String {
        match self {
            Node::Word {
                text,
                scope,
                prefix,
                fuzzy,
            } => {
                // A word like "date:x" must not read back as a filter.
                let text = if text.contains(':') && !*prefix && fuzzy.is_none() {
                    format!("\"{text}\"")
                } else {
                    text.clone()
                };
                let mut s = format!("{}{text}", scope_prefix(*scope));
                if *prefix {
                    s.push('*');
                }
                match fuzzy {
                    Some(0) => s.push('~'),
                    Some(n) => s.push_str(&format!("~{n}")),
                    None => {}
                }
                s
            }
            Node::Phrase { words, slop, scope } => {
                let mut s = format!("{}\"{}\"", scope_prefix(*scope), words.join(" "));
                if *slop > 0 {
                    s.push_str(&format!("~{slop}"));
                }
                s
            }
            Node::Keyword { field, value } => format!("{}:{}", field.name(), quote_value(value)),
            Node::Date { from, to, .. } => {
                let fmt = |d: u32| format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100);
                match (*from, *to) {
                    (0, t) => format!("date:..{}", fmt(t)),
                    (f, 99_991_231) => format!("date:{}..", fmt(f)),
                    (f, t) if f == t => format!("date:{}", fmt(f)),
                    (f, t) => format!("date:{}..{}", fmt(f), fmt(t)),
                }
            }
            Node::Bool(cs) => cs
                .iter()
                .map(|(o, n)| {
                    let inner = match n {
                        Node::Bool(_) | Node::Or(_) => format!("({})", n.display()),
                        _ => n.display(),
                    };
                    match o {
                        Occur::Must if n.is_filter() => inner,
                        Occur::Must => format!("+{inner}"),
                        Occur::Should => inner,
                        Occur::MustNot => format!("-{inner}"),
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            Node::Or(ns) => ns
                .iter()
                .map(|n| match n {
                    Node::Bool(_) => format!("({})", n.display()),
                    _ => n.display(),
                })
                .collect::<Vec<_>>()
                .join(" OR "),
        }
    }
}

impl Query {
    /// How the query was understood, in normalized syntax:
    /// `+lavrov +"indivisibility of security" -ukraine outlet:TASS`.
    pub(crate) fn display(&self) -> String {
        match &self.root {
            None => String::new(),
            Some(n @ Node::Bool(_)) => n.display(),
            Some(n @ Node::Or(_)) => format!("+({})", n.display()),
            Some(n) if n.is_filter() => n.display(),
            Some(n) => format!("+{}", n.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(q: &str) -> String {
        parse(q).display()
    }

    #[test]
    fn syntax() {
        assert_eq!(
            show("Lavrov \"indivisibility of security\" -Ukraine outlet:TASS"),
            "+lavrov +\"indivisibility of security\" -ukraine outlet:TASS"
        );
        assert_eq!(
            show("guarant* Stoltenbrg~ nato~1"),
            "+guarant* +stoltenbrg~ +nato~1"
        );
        assert_eq!(show("\"a b\"~3"), "+\"a b\"~3");
        assert_eq!(show("(nato OR otan) NOT russia"), "+(nato OR otan) -russia");
        assert_eq!(
            show("lavrov OR blinken security"),
            "+(lavrov OR blinken) +security"
        );
        assert_eq!(show("a OR b OR c"), "+(a OR b OR c)");
        assert_eq!(show("a b OR c"), "+a +(b OR c)");
        assert_eq!(show("title:lavrov"), "+title:lavrov");
        assert_eq!(
            show("title:\"security guarantees\""),
            "+title:\"security guarantees\""
        );
        assert_eq!(
            show("outlet:\"Anadolu Agency\""),
            "outlet:\"anadolu agency\""
        );
        assert_eq!(show("legally-binding"), "+\"legally binding\"");
        assert_eq!(show("speaker:Lavrov nato"), "speaker:Lavrov +nato");
    }

    #[test]
    fn dates() {
        assert_eq!(
            show("date:2022-01-10..2022-02-28"),
            "date:2022-01-10..2022-02-28"
        );
        assert_eq!(show("date:2022-01"), "date:2022-01-01..2022-01-31");
        assert_eq!(show("date:>=2022-01-10"), "date:2022-01-10..");
        assert_eq!(show("date:<2022-01-10"), "date:..2022-01-09");
        assert_eq!(show("date:2022"), "date:2022-01-01..2022-12-31");
        let q = parse("date:yesterday nato");
        assert_eq!(q.display(), "+nato");
        assert_eq!(q.notes.len(), 1);
    }

    #[test]
    fn nesting_is_bounded_by_the_lexer_not_the_stack() {
        let deep = format!("{}nato{}", "(".repeat(20_000), ")".repeat(20_000));
        let q = parse(&deep);
        assert!(show(&deep).contains("nato"));
        assert!(q.notes.iter().any(|n| n.contains("nested deeper than 32")));
        // Unclosed and stray parentheses by the thousand.
        let q = parse(&format!("{}a b", "(".repeat(20_000)));
        assert!(q.root.is_some());
        let q = parse(&format!("a {}b", ")".repeat(20_000)));
        assert!(q.notes.iter().any(|n| n == "ignored 20000 unmatched ')'"));
        match q.root {
            Some(Node::Bool(parts)) => assert_eq!(parts.len(), 2),
            other => panic!("two parts side by side, got {other:?}"),
        }
        // 32 levels are still kept as written.
        let ok = format!("{}a OR b{} c", "(".repeat(32), ")".repeat(32));
        assert!(parse(&ok).notes.is_empty());
    }

    #[test]
    fn lenient() {
        assert_eq!(show("\"unclosed phrase"), "+\"unclosed phrase\"");
        assert_eq!(show("(nato OR"), "+nato");
        assert_eq!(show("nato) russia"), "+nato +russia");
        assert_eq!(show("OR OR -"), "");
        assert_eq!(show("NOT"), "");
        assert_eq!(show("(((("), "");
        assert_eq!(show("foo:bar"), "+\"foo:bar\"");
        assert_eq!(show("title:"), "");
        assert_eq!(show("“curly quotes”"), "+\"curly quotes\"");
        for q in [
            "\"",
            "~",
            "*",
            "-\"\"",
            ")(",
            "a~~~",
            "date:..",
            "outlet:()",
            "é*~9",
        ] {
            let _ = show(q);
        }
    }
}
