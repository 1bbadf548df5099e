//! The WebAssembly boundary, exercised in headless Chromium by
//! wasm-bindgen-test (`make test-wasm`). Logic is tested natively; these
//! tests check that `Engine` converts and forwards correctly.
#![cfg(target_arch = "wasm32")]

use lede::Engine;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &wasm_bindgen::JsValue, key: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(v, &key.into()).expect("property")
}

#[wasm_bindgen_test]
fn engine_lists_the_five_seeds() {
    let engine = Engine::new(true);
    let list = engine.list().expect("list");
    let arr = js_sys::Array::from(&list);
    assert_eq!(arr.length(), 5);
    let first = arr.get(0);
    assert!(get(&first, "title").as_string().is_some());
    assert!(get(&first, "words").as_f64().unwrap() > 100.0);
}

#[wasm_bindgen_test]
fn document_round_trips_and_missing_is_null() {
    let engine = Engine::new(true);
    let doc = engine.document(1).expect("document");
    let paragraphs = js_sys::Array::from(&get(&doc, "paragraphs"));
    assert!(paragraphs.length() > 10);
    assert!(engine.document(999).expect("missing").is_null());
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_panic() {
    let mut engine = Engine::new(false);
    assert!(engine.add_text("empty.txt", b"").is_err());
    assert!(engine.add_text("bin.dat", &[0, 1, 2, 3, 0, 0]).is_err());
    let id = engine
        .add_text("ok.txt", "Headline\n\nBody text here.".as_bytes())
        .expect("parsed");
    assert_eq!(js_sys::Array::from(&engine.list().unwrap()).length(), 1);
    assert!(!engine.document(id).unwrap().is_null());
}
