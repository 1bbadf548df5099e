//! Small hand-written gazetteers: countries (with their aliases, capitals
//! and demonyms), major organizations, person titles and role nouns, and
//! the words that are never entities (pronouns).
//!
//! They feed the tagger's features and decide canonical names: "US",
//! "U.S.", "USA", "America" and "Washington" (as a government) all map to
//! "United States".

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// Countries: canonical name, then aliases (abbreviations, short forms,
/// the capital used as a metonym for the government).
pub(crate) const COUNTRIES: &[(&str, &[&str])] = &[
    (
        "United States",
        &[
            "US",
            "U.S.",
            "U.S",
            "USA",
            "U.S.A.",
            "United States of America",
            "America",
            "the States",
            "Washington",
        ],
    ),
    ("Russia", &["Russian Federation", "Moscow"]),
    ("Ukraine", &["Kiev", "Kyiv"]),
    (
        "United Kingdom",
        &["UK", "U.K.", "Britain", "Great Britain", "London"],
    ),
    ("China", &["People's Republic of China", "PRC", "Beijing"]),
    ("France", &["Paris"]),
    ("Germany", &["Berlin", "Federal Republic of Germany"]),
    ("Italy", &["Rome"]),
    ("Spain", &["Madrid"]),
    ("Poland", &["Warsaw"]),
    ("Belarus", &["Minsk"]),
    ("Georgia", &["Tbilisi"]),
    ("Moldova", &["Chisinau"]),
    ("Turkey", &["Türkiye", "Ankara"]),
    ("Japan", &["Tokyo"]),
    ("India", &["New Delhi"]),
    ("Pakistan", &["Islamabad"]),
    ("Iran", &["Tehran"]),
    ("Iraq", &["Baghdad"]),
    ("Syria", &["Damascus"]),
    ("Israel", &[]),
    ("Egypt", &["Cairo"]),
    ("Saudi Arabia", &["Riyadh"]),
    ("Canada", &["Ottawa"]),
    ("Mexico", &[]),
    ("Brazil", &["Brasilia"]),
    ("Argentina", &["Buenos Aires"]),
    ("Colombia", &["Bogota"]),
    ("Venezuela", &["Caracas"]),
    ("Cuba", &["Havana"]),
    ("Chile", &["Santiago"]),
    ("Peru", &["Lima"]),
    ("Australia", &["Canberra"]),
    ("New Zealand", &["Wellington"]),
    ("South Korea", &["Seoul", "Republic of Korea"]),
    ("North Korea", &["Pyongyang", "DPRK"]),
    ("Vietnam", &["Hanoi"]),
    ("Thailand", &["Bangkok"]),
    ("Indonesia", &["Jakarta"]),
    ("Philippines", &["Manila"]),
    ("Malaysia", &["Kuala Lumpur"]),
    ("Afghanistan", &["Kabul"]),
    ("Kazakhstan", &["Astana", "Nur-Sultan"]),
    ("Uzbekistan", &["Tashkent"]),
    ("Armenia", &["Yerevan"]),
    ("Azerbaijan", &["Baku"]),
    ("Lithuania", &["Vilnius"]),
    ("Latvia", &["Riga"]),
    ("Estonia", &["Tallinn"]),
    ("Finland", &["Helsinki"]),
    ("Sweden", &["Stockholm"]),
    ("Norway", &["Oslo"]),
    ("Denmark", &["Copenhagen"]),
    ("Netherlands", &["Holland", "The Hague", "Amsterdam"]),
    ("Belgium", &[]),
    ("Switzerland", &["Bern"]),
    ("Austria", &["Vienna"]),
    ("Hungary", &["Budapest"]),
    ("Czech Republic", &["Czechia", "Prague"]),
    ("Slovakia", &["Bratislava"]),
    ("Romania", &["Bucharest"]),
    ("Bulgaria", &["Sofia"]),
    ("Serbia", &["Belgrade"]),
    ("Croatia", &["Zagreb"]),
    ("Greece", &["Athens"]),
    ("Cyprus", &["Nicosia"]),
    ("Portugal", &["Lisbon"]),
    ("Ireland", &["Dublin"]),
    ("Kosovo", &["Pristina"]),
    ("Mali", &["Bamako"]),
    ("Ethiopia", &["Addis Ababa"]),
    ("Nigeria", &["Abuja"]),
    ("South Africa", &["Pretoria"]),
    ("Kenya", &["Nairobi"]),
    ("Libya", &["Tripoli"]),
    ("Algeria", &["Algiers"]),
    ("Morocco", &["Rabat"]),
    ("Tunisia", &["Tunis"]),
    ("Sudan", &["Khartoum"]),
    ("Lebanon", &["Beirut"]),
    ("Jordan", &["Amman"]),
    ("Yemen", &["Sanaa"]),
    ("Qatar", &["Doha"]),
    ("United Arab Emirates", &["UAE", "Abu Dhabi"]),
    ("Kuwait", &[]),
    ("Bahrain", &[]),
    ("Oman", &["Muscat"]),
    ("Bangladesh", &["Dhaka"]),
    ("Sri Lanka", &["Colombo"]),
    ("Nepal", &["Kathmandu"]),
    ("Myanmar", &["Burma"]),
    ("Cambodia", &[]),
    ("Laos", &[]),
    ("Mongolia", &["Ulaanbaatar"]),
    ("Taiwan", &["Taipei"]),
    ("Singapore", &[]),
    ("Kyrgyzstan", &["Bishkek"]),
    ("Tajikistan", &["Dushanbe"]),
    ("Turkmenistan", &["Ashgabat"]),
    ("Slovenia", &["Ljubljana"]),
    ("Bosnia and Herzegovina", &["Bosnia", "Sarajevo"]),
    ("Montenegro", &["Podgorica"]),
    ("North Macedonia", &["Macedonia", "Skopje"]),
    ("Albania", &["Tirana"]),
    ("Iceland", &["Reykjavik"]),
    ("Luxembourg", &[]),
    ("Ecuador", &["Quito"]),
    ("Bolivia", &["La Paz"]),
    ("Uruguay", &["Montevideo"]),
    ("Paraguay", &["Asuncion"]),
    ("Panama", &[]),
    ("Nicaragua", &["Managua"]),
    ("Haiti", &[]),
    ("Ghana", &["Accra"]),
    ("Senegal", &["Dakar"]),
    ("Somalia", &["Mogadishu"]),
    ("Zimbabwe", &["Harare"]),
    ("Congo", &["Kinshasa"]),
    ("Angola", &["Luanda"]),
    ("Tanzania", &[]),
    ("Uganda", &["Kampala"]),
    ("Rwanda", &["Kigali"]),
    ("Palestine", &["Ramallah"]),
];

/// Demonyms and other adjectives of nationality (tagged "misc").
pub(crate) const DEMONYMS: &[&str] = &[
    "American",
    "Russian",
    "Ukrainian",
    "British",
    "Chinese",
    "French",
    "German",
    "Italian",
    "Spanish",
    "Polish",
    "Belarusian",
    "Georgian",
    "Turkish",
    "Japanese",
    "Indian",
    "Iranian",
    "Iraqi",
    "Syrian",
    "Israeli",
    "Egyptian",
    "Saudi",
    "Canadian",
    "Mexican",
    "Brazilian",
    "Colombian",
    "Venezuelan",
    "Cuban",
    "Australian",
    "Korean",
    "Afghan",
    "Kazakh",
    "Swedish",
    "Finnish",
    "Norwegian",
    "Danish",
    "Dutch",
    "Belgian",
    "Swiss",
    "Austrian",
    "Hungarian",
    "Czech",
    "Romanian",
    "Bulgarian",
    "Serbian",
    "Greek",
    "Cypriot",
    "Portuguese",
    "Irish",
    "European",
    "Western",
    "Soviet",
    "Slavic",
    "Orthodox",
    "Muslim",
    "Christian",
    "Jewish",
    "Arab",
    "Palestinian",
    "Lebanese",
    "Libyan",
    "Nigerian",
    "African",
    "Asian",
    "Latin",
    "Baltic",
    "Lithuanian",
    "Latvian",
    "Estonian",
    "Moldovan",
    "Armenian",
    "Azerbaijani",
    "Republican",
    "Democrat",
    "Democratic",
    "English",
    "Scottish",
    "Welsh",
    "Catholic",
];

/// Organizations: canonical name, then aliases.
pub(crate) const ORGANIZATIONS: &[(&str, &[&str])] = &[
    (
        "NATO",
        &[
            "North Atlantic Alliance",
            "North Atlantic Treaty Organization",
            "Atlantic Alliance",
            "OTAN",
            "the alliance",
            "the Alliance",
        ],
    ),
    ("European Union", &["EU", "E.U."]),
    ("United Nations", &["UN", "U.N.", "UNO"]),
    ("UN Security Council", &["Security Council", "UNSC"]),
    (
        "OSCE",
        &[
            "Organization for Security and Cooperation in Europe",
            "Organization for Security and Co-operation in Europe",
            "Organization for the Security and Cooperation in Europe",
        ],
    ),
    ("Kremlin", &[]),
    ("White House", &[]),
    ("Pentagon", &[]),
    ("State Department", &["US State Department"]),
    (
        "Russian Foreign Ministry",
        &[
            "Foreign Ministry of Russia",
            "Russian Ministry of Foreign Affairs",
            "Ministry of Foreign Affairs of the Russian Federation",
        ],
    ),
    (
        "Russian Defense Ministry",
        &[
            "Russian Ministry of Defense",
            "Ministry of Defense of the Russian Federation",
        ],
    ),
    ("NATO-Russia Council", &["Russia-NATO Council"]),
    ("Collective Security Treaty Organization", &["CSTO"]),
    ("Commonwealth of Independent States", &["CIS"]),
    ("European Commission", &[]),
    ("European Parliament", &[]),
    ("Council of Europe", &[]),
    ("World Health Organization", &["WHO"]),
    ("International Monetary Fund", &["IMF"]),
    ("World Bank", &[]),
    ("World Trade Organization", &["WTO"]),
    ("G7", &["Group of Seven"]),
    ("G20", &["Group of Twenty"]),
    ("BRICS", &[]),
    ("African Union", &["AU"]),
    ("Arab League", &[]),
    ("Federal Bureau of Investigation", &["FBI"]),
    ("Central Intelligence Agency", &["CIA"]),
    ("Congress", &["US Congress", "U.S. Congress"]),
    ("Senate", &["US Senate", "U.S. Senate"]),
    ("House of Representatives", &[]),
    ("Supreme Court", &[]),
    ("Democratic Party", &["Democrats"]),
    ("Republican Party", &["GOP", "Republicans"]),
    ("Taliban", &["the Taliban"]),
    ("Islamic State", &["ISIS", "ISIL", "Daesh"]),
    (
        "al-Qaeda",
        &["al Qaeda", "Al Qaeda", "al-Qaida", "Al-Qaeda"],
    ),
    ("Hamas", &[]),
    ("Hezbollah", &[]),
    ("Pew Research Center", &["Pew Research", "Pew"]),
    ("US Marine Corps", &["Marine Corps", "Marines"]),
    ("TASS", &[]),
    ("Sputnik", &[]),
    ("Anadolu Agency", &["Anadolu", "AA"]),
    ("Reuters", &["Reuter", "REUTER", "REUTERS"]),
    ("Associated Press", &["AP"]),
    ("Agence France-Presse", &["AFP"]),
    ("BBC", &[]),
    ("CNN", &[]),
    ("Fox News", &[]),
    ("New York Times", &["The New York Times"]),
    ("Washington Post", &["The Washington Post"]),
    ("Wall Street Journal", &["The Wall Street Journal"]),
];

/// Person titles and role nouns (lowercase). A title before a name gives
/// the person that role; a role noun phrase ("the minister") can refer
/// back to that person.
pub const ROLES: &[&str] = &[
    "president",
    "vice president",
    "prime minister",
    "premier",
    "chancellor",
    "minister",
    "foreign minister",
    "defense minister",
    "defence minister",
    "finance minister",
    "secretary",
    "secretary of state",
    "secretary general",
    "secretary-general",
    "diplomat",
    "top diplomat",
    "chief diplomat",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press secretary",
    "aide",
    "adviser",
    "advisor",
    "senator",
    "governor",
    "congressman",
    "congresswoman",
    "representative",
    "mayor",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "chief",
    "leader",
    "general",
    "commander",
    "director",
    "king",
    "queen",
    "prince",
    "pope",
    "judge",
    "lawmaker",
    "official",
    "candidate",
    "nominee",
    "speaker",
    "attorney general",
    "ceo",
    "founder",
    "deputy",
    "lieutenant",
    "colonel",
    "admiral",
    "officer",
    "analyst",
    "expert",
    "professor",
    "lawyer",
    "attorney",
    "author",
    "editor",
    "reporter",
    "journalist",
    "correspondent",
    "coach",
    "manager",
    "mr",
    "mrs",
    "ms",
    "dr",
];

/// Words that are never entities, whatever the tagger says.
pub(crate) const NEVER_ENTITIES: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "his", "hers",
    "its", "their", "our", "my", "your", "who", "whom", "this", "that", "these", "those", "mr",
    "mrs", "ms", "dr", "the", "a", "an",
];

/// Finds the canonical name for a country or organization alias
/// (case-sensitive on purpose: "US" the country, "us" the pronoun).
pub(crate) fn canonical_of(name: &str) -> Option<(&'static str, bool)> {
    // Every name and alias → its entry, the first entry naming it winning
    // (countries before organizations), as a scan of the lists in order
    // would find it.
    static TABLE: OnceLock<FxHashMap<&'static str, (&'static str, bool)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = FxHashMap::default();
        for (list, is_country) in [(COUNTRIES, true), (ORGANIZATIONS, false)] {
            for (canon, aliases) in list {
                for n in std::iter::once(canon).chain(aliases.iter()) {
                    t.entry(*n).or_insert((*canon, is_country));
                }
            }
        }
        t
    });
    let name = name.trim();
    if let Some(&found) = table.get(name) {
        return Some(found);
    }
    // "The United States" and friends.
    if let Some(rest) = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
    {
        return canonical_of(rest);
    }
    None
}

/// True when `name` is the capital city of a country in [`COUNTRIES`]
/// (as opposed to the country itself).
pub(crate) fn is_capital(name: &str) -> bool {
    // The aliases of a country that are not its own canonical name.
    static ALIASES: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let aliases = ALIASES.get_or_init(|| {
        COUNTRIES
            .iter()
            .flat_map(|(canon, aliases)| aliases.iter().filter(move |a| *a != canon))
            .copied()
            .collect()
    });
    aliases.contains(name)
        && name.chars().next().is_some_and(char::is_uppercase)
        && !name.contains(' ')
        && !name.chars().all(|c| c.is_uppercase() || c == '.')
        && !matches!(
            name,
            "America"
                | "Britain"
                | "Holland"
                | "Burma"
                | "Czechia"
                | "Macedonia"
                | "Bosnia"
                | "Türkiye"
        )
        || matches!(
            name,
            "Buenos Aires"
                | "New Delhi"
                | "Kuala Lumpur"
                | "Addis Ababa"
                | "Abu Dhabi"
                | "La Paz"
                | "The Hague"
        )
}

/// Gazetteer class of a single token or phrase, for tagger features:
/// 1 country/capital, 2 organization, 3 demonym, 4 role, 0 none.
pub(crate) fn class_of(word: &str) -> u8 {
    static TABLE: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = FxHashMap::default();
        for r in ROLES {
            t.insert(*r, 4);
        }
        for d in DEMONYMS {
            t.insert(*d, 3);
        }
        for (c, a) in ORGANIZATIONS {
            t.insert(*c, 2);
            for x in *a {
                t.insert(*x, 2);
            }
        }
        for (c, a) in COUNTRIES {
            t.insert(*c, 1);
            for x in *a {
                t.insert(*x, 1);
            }
        }
        t
    });
    if let Some(&c) = table.get(word) {
        return c;
    }
    if word.chars().any(char::is_uppercase) {
        if let Some(&4) = table.get(word.to_lowercase().as_str()) {
            return 4;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_one_name() {
        for a in [
            "US",
            "U.S.",
            "United States",
            "America",
            "the United States",
        ] {
            assert_eq!(canonical_of(a).map(|c| c.0), Some("United States"), "{a}");
        }
        assert_eq!(
            canonical_of("North Atlantic Alliance").map(|c| c.0),
            Some("NATO")
        );
        assert_eq!(canonical_of("us"), None);
        assert!(is_capital("Washington"));
        assert!(!is_capital("America"));
        assert_eq!(class_of("Russian"), 3);
    }
}
