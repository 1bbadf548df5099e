//! The five sample articles, compiled into the binary as the default corpus.

/// (file name, raw bytes) of each seed article, in order.
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "seeds/000_a70a9ba803d33b87.txt",
        include_bytes!("../seeds/000_a70a9ba803d33b87.txt"),
    ),
    (
        "seeds/001_703ddfe41d2626a1.txt",
        include_bytes!("../seeds/001_703ddfe41d2626a1.txt"),
    ),
    (
        "seeds/002_598449ba506f7734.txt",
        include_bytes!("../seeds/002_598449ba506f7734.txt"),
    ),
    (
        "seeds/003_9aab7fbb7332ab36.txt",
        include_bytes!("../seeds/003_9aab7fbb7332ab36.txt"),
    ),
    (
        "seeds/004_c7e10b22a099c284.txt",
        include_bytes!("../seeds/004_c7e10b22a099c284.txt"),
    ),
];
