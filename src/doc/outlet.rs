//! Outlet names: news-agency codes and aliases ("AA", "/TASS/", "(AP)"),
//! and web hosts ("www.mid.ru") mapped to the publisher's display name.
//!
//! The tables are deliberately small: they cover the agencies that sign
//! wire copy with a code. Anything else found in a byline, credit line or
//! author bio is kept as printed; an unknown host is shown as the host name.

/// (canonical outlet, aliases). Aliases are compared case-insensitively,
/// after trimming punctuation; the canonical name is an alias of itself.
const AGENCIES: &[(&str, &[&str])] = &[
    (
        "Anadolu Agency",
        &["aa", "anadolu", "anadolu ajansı", "aa.com.tr"],
    ),
    ("TASS", &["itar-tass", "тасс", "tass.com", "tass.ru"]),
    (
        "Sputnik",
        &[
            "sputnik news",
            "sputnik international",
            "sputniknews",
            "sputniknews.com",
        ],
    ),
    ("Reuters", &["reuter", "thomson reuters", "reuters.com"]),
    (
        "Associated Press",
        &["ap", "the associated press", "apnews.com"],
    ),
    (
        "AFP",
        &[
            "agence france-presse",
            "agence france presse",
            "france-presse",
        ],
    ),
    ("RIA Novosti", &["ria", "риа новости", "ria.ru"]),
    ("Interfax", &["интерфакс", "interfax-ukraine"]),
    ("BBC", &["bbc news", "bbc.co.uk", "bbc.com"]),
    ("RT", &["russia today", "rt.com"]),
    ("Xinhua", &["xinhua news agency", "xinhuanet"]),
    ("UPI", &["united press international"]),
    ("dpa", &["deutsche presse-agentur"]),
    ("EFE", &["agencia efe"]),
    ("ANSA", &[]),
    ("Kyodo News", &["kyodo"]),
    ("Yonhap", &["yonhap news agency"]),
    ("Ukrinform", &[]),
    ("UNIAN", &[]),
    ("IRNA", &[]),
    ("Prensa Latina", &[]),
    ("CNN", &[]),
    ("Bloomberg", &["bloomberg news"]),
    ("Al Jazeera", &["aljazeera"]),
    ("Euronews", &[]),
    ("TRT World", &["trt"]),
    ("PTI", &["press trust of india"]),
];

/// (host suffix, outlet). A host matches when it equals the suffix or ends
/// with "." + suffix.
const HOSTS: &[(&str, &str)] = &[
    ("mid.ru", "Ministry of Foreign Affairs of Russia"),
    ("kremlin.ru", "President of Russia"),
    ("mil.ru", "Ministry of Defence of Russia"),
    ("government.ru", "Government of Russia"),
    ("tass.com", "TASS"),
    ("tass.ru", "TASS"),
    ("sputniknews.com", "Sputnik"),
    ("aa.com.tr", "Anadolu Agency"),
    ("reuters.com", "Reuters"),
    ("apnews.com", "Associated Press"),
    ("afp.com", "AFP"),
    ("bbc.co.uk", "BBC"),
    ("bbc.com", "BBC"),
    ("rt.com", "RT"),
    ("ria.ru", "RIA Novosti"),
    ("interfax.ru", "Interfax"),
    ("interfax.com", "Interfax"),
    ("state.gov", "U.S. Department of State"),
    ("whitehouse.gov", "The White House"),
    ("defense.gov", "U.S. Department of Defense"),
    ("nato.int", "NATO"),
    ("un.org", "United Nations"),
    ("osce.org", "OSCE"),
    ("europa.eu", "European Union"),
    ("xinhuanet.com", "Xinhua"),
    ("aljazeera.com", "Al Jazeera"),
    ("cnn.com", "CNN"),
    ("nytimes.com", "The New York Times"),
    ("washingtonpost.com", "The Washington Post"),
    ("theguardian.com", "The Guardian"),
    ("usatoday.com", "USA Today"),
    ("politico.com", "Politico"),
    ("breitbart.com", "Breitbart"),
    ("huffpost.com", "HuffPost"),
    ("huffingtonpost.com", "HuffPost"),
    ("foxnews.com", "Fox News"),
    ("abcnews.go.com", "ABC News"),
    ("nbcnews.com", "NBC News"),
    ("cbsnews.com", "CBS News"),
    ("bloomberg.com", "Bloomberg"),
    ("euronews.com", "Euronews"),
    ("dailysabah.com", "Daily Sabah"),
    ("trtworld.com", "TRT World"),
    ("ukrinform.net", "Ukrinform"),
];

/// The canonical outlet for an agency code or alias ("AA" → "Anadolu
/// Agency", "tass" → "TASS"), or `None` when the name is not a known agency.
pub(crate) fn agency(name: &str) -> Option<&'static str> {
    let key = name
        .trim()
        .trim_matches(|c: char| matches!(c, '/' | '(' | ')' | '[' | ']' | '.' | ',' | ':' | '|'))
        .trim();
    if key.is_empty() || key.len() > 40 {
        return None;
    }
    let key = key.to_lowercase();
    AGENCIES
        .iter()
        .find(|(canon, aliases)| {
            canon.eq_ignore_ascii_case(&key) || aliases.contains(&key.as_str())
        })
        .map(|(canon, _)| *canon)
}

/// The host of a URL (`https://www.mid.ru/ru/x` → `www.mid.ru`), or `None`
/// when `url` does not look like one.
pub(crate) fn host_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.starts_with("www.").then_some(url))?;
    let end = rest
        .find(|c: char| matches!(c, '/' | '?' | '#' | ':') || c.is_whitespace())
        .unwrap_or(rest.len());
    let host = &rest[..end];
    (host.contains('.') && !host.starts_with('.')).then_some(host)
}

/// The outlet behind a web host: a known publisher's name, else the host
/// without "www." ("www.example.org" → "example.org").
pub(crate) fn outlet_for_host(host: &str) -> String {
    let host = host.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    for (suffix, outlet) in HOSTS {
        if host == *suffix
            || (host.len() > suffix.len()
                && host.ends_with(suffix)
                && host.as_bytes()[host.len() - suffix.len() - 1] == b'.')
        {
            return outlet.to_string();
        }
    }
    host
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_codes() {
        assert_eq!(agency("AA"), Some("Anadolu Agency"));
        assert_eq!(agency("/TASS/"), Some("TASS"));
        assert_eq!(agency("(AP)"), Some("Associated Press"));
        assert_eq!(agency("Sputnik"), Some("Sputnik"));
        assert_eq!(agency("reuters"), Some("Reuters"));
        assert_eq!(agency("George"), None);
        assert_eq!(agency(""), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.mid.ru/ru/foreign_policy/news/1799823/"),
            Some("www.mid.ru")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(
            outlet_for_host("www.mid.ru"),
            "Ministry of Foreign Affairs of Russia"
        );
        assert_eq!(outlet_for_host("en.kremlin.ru"), "President of Russia");
        assert_eq!(outlet_for_host("www.example.org"), "example.org");
        // a suffix match needs a dot boundary
        assert_eq!(outlet_for_host("notrt.com"), "notrt.com");
    }
}
