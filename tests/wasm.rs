//! The WebAssembly boundary, exercised in headless Chromium by
//! wasm-bindgen-test (`make test-wasm`). Logic is tested natively; these
//! tests check that `Engine` converts and forwards correctly, through the
//! calls the page makes (`www/worker.js`: `importMany` with `Uint8Array`s,
//! `snapshot` and `restore` for IndexedDB).
#![cfg(target_arch = "wasm32")]

use lede::Engine;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).expect("property")
}

fn array(v: &JsValue) -> js_sys::Array {
    js_sys::Array::from(v)
}

/// The entity model, handed over as the worker does (`loadData`) before
/// anything extracts (the wasm does not carry it).
fn with_model() {
    lede::load_data("ner.bin", include_bytes!("../models/ner.bin")).expect("the model loads");
}

/// One `importMany` batch, as the worker sends it: names and byte arrays.
fn import(engine: &mut Engine, files: &[(&str, &[u8])]) -> JsValue {
    let names = files.iter().map(|(n, _)| n.to_string()).collect();
    let bytes = files
        .iter()
        .map(|(_, b)| js_sys::Uint8Array::from(*b))
        .collect();
    engine.import_many(names, bytes).expect("an import report")
}

#[wasm_bindgen_test]
fn engine_lists_the_five_seeds() {
    with_model();
    let engine = Engine::new(true);
    let list = engine.list().expect("list");
    let arr = array(&list);
    assert_eq!(arr.length(), 5);
    let first = arr.get(0);
    assert!(get(&first, "title").as_string().is_some());
    assert!(get(&first, "words").as_f64().unwrap() > 100.0);
}

#[wasm_bindgen_test]
fn document_round_trips_and_missing_is_null() {
    with_model();
    let engine = Engine::new(true);
    let doc = engine.document(1).expect("document");
    let paragraphs = array(&get(&doc, "paragraphs"));
    assert!(paragraphs.length() > 10);
    assert!(engine.document(999).expect("missing").is_null());
    assert!(engine.annotations(999).expect("missing").is_null());
}

/// Every file of a batch ends in exactly one list of the report, with its
/// name; bad input is a reported error, not a thrown one or a panic.
#[wasm_bindgen_test]
fn import_many_reports_each_file() {
    with_model();
    let mut engine = Engine::new(false);
    let story =
        "Ferry sinks near Piraeus\n\nA ferry sank near Piraeus on Tuesday, the coast guard said.";
    let report = import(
        &mut engine,
        &[
            ("ferry.txt", story.as_bytes()),
            ("empty.txt", b""),
            ("bin.dat", &[0, 1, 2, 3, 0, 0]),
            ("again.txt", story.as_bytes()),
            (
                "wire.jsonl",
                b"{\"title\":\"Port strike ends\",\"text\":\"Dock workers returned to work.\"}\n{\"title\":",
            ),
        ],
    );
    let added = array(&get(&report, "added"));
    assert_eq!(added.length(), 2, "ferry.txt and the first wire record");
    let errors = array(&get(&report, "errors"));
    let mut failed: Vec<String> = errors
        .iter()
        .map(|e| get(&e, "file").as_string().expect("file"))
        .collect();
    failed.sort();
    assert_eq!(failed, ["bin.dat", "empty.txt", "wire.jsonl#2"]);
    assert!(errors
        .iter()
        .all(|e| !get(&e, "error").as_string().unwrap_or_default().is_empty()));
    let dups = array(&get(&report, "duplicates"));
    assert_eq!(dups.length(), 1);
    assert_eq!(
        get(&dups.get(0), "file").as_string().as_deref(),
        Some("again.txt")
    );
    assert_eq!(
        get(&dups.get(0), "of_file").as_string().as_deref(),
        Some("ferry.txt")
    );

    assert_eq!(array(&engine.list().unwrap()).length(), 2);
    let id = added.get(0).as_f64().expect("an id") as u32;
    assert!(!engine.document(id).unwrap().is_null());
    let hits = engine
        .search("Piraeus", JsValue::UNDEFINED)
        .expect("search");
    assert_eq!(get(&hits, "total").as_f64(), Some(1.0));
}

/// What the worker stores and reads back: the restored engine answers as
/// the original; damaged bytes are an error.
#[wasm_bindgen_test]
fn snapshot_restores_and_damage_is_an_error() {
    with_model();
    let mut engine = Engine::new(true);
    import(
        &mut engine,
        &[(
            "late.txt",
            b"Late news\n\nA ferry sank near Piraeus on Tuesday.",
        )],
    );
    let bytes = engine.snapshot();
    let restored = Engine::restore(&bytes).expect("restored");
    assert_eq!(array(&restored.list().unwrap()).length(), 6);
    let total = |e: &Engine| get(&e.search("Piraeus", JsValue::NULL).unwrap(), "total").as_f64();
    assert_eq!(total(&restored), total(&engine));
    assert!(Engine::restore(&bytes[..bytes.len() / 2]).is_err());
    assert!(Engine::restore(b"not a snapshot").is_err());
}

#[wasm_bindgen_test]
fn load_data_refuses_unknown_names_and_damaged_models() {
    assert!(lede::load_data("seeds.bin", b"LEDENER1").is_err());
    assert!(lede::load_data("ner.bin", b"LEDENER1 but cut short").is_err());
    with_model();
}
