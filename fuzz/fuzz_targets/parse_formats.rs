//! Fuzz target: `lede::doc::parse_file` on the formats people have
//! (`.eml`, `.mbox`, `.docx`, `.pdf`, `.rss`, `.atom`): the first byte
//! picks the extension. It must never panic and must always return at
//! least one item.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::parse_formats(data);
});
