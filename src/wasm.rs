//! The WebAssembly boundary: the only file that knows about wasm-bindgen.
//!
//! Each export converts its arguments, calls one [`Corpus`] method and
//! converts the result to a plain JS object. No logic lives here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Corpus, DocId};

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// An opaque handle on one corpus, owned by the worker.
#[wasm_bindgen]
pub struct Engine {
    corpus: Corpus,
}

#[wasm_bindgen]
impl Engine {
    /// A new engine; `with_seeds` loads the five embedded sample articles.
    #[wasm_bindgen(constructor)]
    pub fn new(with_seeds: bool) -> Engine {
        console_error_panic_hook::set_once();
        let corpus = if with_seeds {
            Corpus::with_seeds()
        } else {
            Corpus::new()
        };
        Engine { corpus }
    }

    /// The document list.
    pub fn list(&self) -> Result<JsValue, JsError> {
        to_js(&self.corpus.summaries())
    }

    /// One document, whole, or `null`.
    pub fn document(&self, id: DocId) -> Result<JsValue, JsError> {
        to_js(&self.corpus.get(id))
    }

    /// Parses a file of any import format and adds every article in it;
    /// returns `[{file, id, error}]`, one per item.
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        to_js(&self.corpus.add_file(name, bytes))
    }

    /// Parses and adds a plain-text file; returns its id.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(&mut self, name: &str, bytes: &[u8]) -> Result<DocId, JsError> {
        self.corpus
            .add_text(name, bytes)
            .map_err(|e| JsError::new(&e.to_string()))
    }
}
