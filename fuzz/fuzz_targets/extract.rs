//! Fuzz target: `lede::extract::extract` (quotes, speakers, entities) on
//! arbitrary text; spans stay inside the text. See `checks::extract`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::extract(data);
});
