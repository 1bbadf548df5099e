//! Roles printed before a name ("Russian Foreign Minister Sergey
//! Lavrov") and in role-noun phrases ("Russia’s top diplomat"), with the
//! roles they imply, and nationalities.

use super::Tok;
use crate::extract::gazetteer;

/// Roles printed before a name ("Russian Foreign Minister Sergey Lavrov",
/// "the Kremlin spokesman, Dmitri Peskov"), lowercase, with the implied
/// roles added ("foreign minister" implies "diplomat").
pub(crate) fn roles_before(text: &str, toks: &[Tok], first: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut j = first;
    let mut seen_comma = false;
    while j > 0 && words.len() < 6 {
        j -= 1;
        let w = &text[toks[j].clone()];
        if w == "," && !seen_comma && words.is_empty() {
            seen_comma = true;
            continue;
        }
        let l = w.to_lowercase();
        let lt = l.trim_end_matches('.');
        let is_role = gazetteer::ROLES.contains(&lt);
        let is_mod = gazetteer::DEMONYMS.contains(&w)
            || gazetteer::canonical_of(w).is_some()
            || matches!(
                lt,
                "foreign"
                    | "defense"
                    | "defence"
                    | "top"
                    | "chief"
                    | "deputy"
                    | "general"
                    | "former"
                    | "state"
                    | "kremlin"
                    | "national"
                    | "security"
                    | "press"
                    | "prime"
                    | "vice"
                    | "senior"
                    | "affairs"
                    | "'s"
                    | "’s"
            )
            || (w.chars().next().is_some_and(char::is_uppercase)
                && w.len() > 1
                && !words.is_empty()
                && is_role);
        if is_role || is_mod || lt == "of" && !words.is_empty() {
            words.push(lt.to_string());
        } else {
            break;
        }
    }
    words.reverse();
    expand_roles(&words)
}

/// Roles of a role-noun phrase ("russia's top diplomat" → top diplomat,
/// diplomat, russian).
pub(crate) fn expand_roles(words: &[String]) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    fn push(roles: &mut Vec<String>, r: &str) {
        if !roles.iter().any(|x| x == r) {
            roles.push(r.to_string());
        }
    }
    for (i, w) in words.iter().enumerate() {
        if gazetteer::ROLES.contains(&w.as_str())
            && !matches!(w.as_str(), "mr" | "mrs" | "ms" | "dr")
        {
            push(&mut roles, w);
            if i > 0 {
                let pair = format!("{} {}", words[i - 1], w);
                push(&mut roles, &pair);
            }
        }
        if let Some(c) = nationality(w) {
            push(&mut roles, &c);
        }
    }
    let has = |r: &[&str], roles: &[String]| roles.iter().any(|x| r.contains(&x.as_str()));
    if has(
        &[
            "foreign minister",
            "secretary of state",
            "ambassador",
            "envoy",
            "top diplomat",
            "chief diplomat",
            "affairs minister",
        ],
        &roles,
    ) || (has(&["minister"], &roles) && words.iter().any(|w| w == "foreign" || w == "affairs"))
        || (has(&["secretary"], &roles) && words.iter().any(|w| w == "state"))
    {
        push(&mut roles, "diplomat");
        push(&mut roles, "foreign minister");
    }
    if has(&["spokeswoman", "spokesperson", "press secretary"], &roles) {
        push(&mut roles, "spokesman");
    }
    if has(&["secretary-general", "secretary general"], &roles) {
        push(&mut roles, "secretary general");
        push(&mut roles, "chief");
        push(&mut roles, "head");
    }
    if has(
        &[
            "president",
            "prime minister",
            "premier",
            "chancellor",
            "king",
        ],
        &roles,
    ) {
        push(&mut roles, "leader");
        push(&mut roles, "head");
    }
    roles
}

/// "russian", "russia", "russia's" → "russia" (the country key).
pub(crate) fn nationality(w: &str) -> Option<String> {
    let w = w.trim_end_matches("'s").trim_end_matches("’s");
    let cap: String = w
        .char_indices()
        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
        .collect();
    if let Some((canon, true)) = gazetteer::canonical_of(&cap) {
        if !gazetteer::is_capital(&cap) {
            return Some(canon.to_lowercase());
        }
    }
    if gazetteer::DEMONYMS.contains(&cap.as_str()) {
        // Map a demonym to its country by shared stem ("Russian" → "russia").
        let l = cap.to_lowercase();
        for (canon, _) in gazetteer::COUNTRIES {
            let c = canon.to_lowercase();
            let n = c.len().min(l.len()).min(5);
            if n >= 4 && c[..n] == l[..n] {
                return Some(c);
            }
        }
        if matches!(l.as_str(), "kremlin") {
            return Some("russia".into());
        }
    }
    if w.eq_ignore_ascii_case("kremlin") {
        return Some("russia".into());
    }
    None
}
