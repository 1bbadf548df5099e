//! The page's PDF reader (issue 16): the engine's wasm with PDF import
//! switched on. lopdf adds about 0.5 MB gzipped, more than a third of the
//! page's wasm, for a format most imports never hold; so the page's main
//! wasm (`www/pkg/lede_bg.wasm`) leaves it out, and this build of the same
//! library (`www/pkg/lede_pdf_bg.wasm`, `make wasm`) is fetched only when
//! an import has a PDF in it. Its import worker (www/pool-worker.js with
//! `pdf: true`, started by www/pool.js) parses and extracts those files and
//! hands the engine the same bytes as any other import worker.
//!
//! Only this start function is new here; the exports are the library's
//! (`src/wasm.rs`).

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    lede::doc::enable_pdf();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pdf_wasm is the page's PDF build: make wasm builds it for wasm32");
}
