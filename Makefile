# Lede: two commands set everything up on a fresh machine.
#   make serve       build the wasm and serve the page at http://127.0.0.1:8080
#   make test        cargo test, the wasm tests in headless Chromium, the e2e
#                    tests (under 10 minutes on a 2-core machine)
#   make lint        cargo fmt --check and clippy, native and wasm (CI runs it)
#   make test-scale  the heavy tests and the fuzz smoke run (before a release;
#                    part of `make bench`)
#   make bench       every benchmark into BENCHMARKS.md, the million-article
#                    build and page run included (bench/million.mjs, ~25 min)
# Each target installs what is missing and skips what is present.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

WASM_TARGET := wasm32-unknown-unknown
# The wasm-bindgen CLI must equal the crate version pinned with "=" in Cargo.toml.
WBG_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
CHROMIUM := /usr/bin/chromium
PORT ?= 8080
WASM_OUT := www/pkg
# The wasm builds have a target directory of their own (cargo locks a
# target directory while it builds), so that `make test` builds the wasm
# and the native tests at once; cargo honours CARGO_TARGET_DIR, so does
# the path of its output.
WASM_TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)/wasm
WASM_FILE := $(WASM_TARGET_DIR)/$(WASM_TARGET)/release/lede.wasm
# The bench build (feature bench-api: exports only bench/ calls) has a target
# directory of its own, so that it and the shipping build do not rebuild
# each other; its bindings go to target/bench-pkg, never to www/pkg.
BENCH_TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)/bench-api
# What the browser tests need built first (`make test` builds it beforehand
# and passes BROWSER_TESTS_BUILD= empty).
BROWSER_TESTS_BUILD ?= wasm
BENCH_WASM_OUT := target/bench-pkg

.PHONY: serve test wasm wasm-bench deps deps-wasm deps-browser deps-node test-rust test-wasm \
        test-e2e lint test-scale fuzz-smoke scale-data bench eval eval-html-peers dist clean-pkg

## ---- installs (idempotent) ----

deps-wasm:
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	@if wasm-bindgen --version 2>/dev/null | grep -q ' $(WBG_VERSION)$$'; then :; else \
	  echo "installing wasm-bindgen-cli $(WBG_VERSION) (about 3 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WBG_VERSION) --force; fi

deps-browser:
	@if [ -x $(CHROMIUM) ]; then :; else \
	  echo "installing chromium"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; fi

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps-node: node_modules/.package-lock.json

deps: deps-wasm deps-browser deps-node

## ---- build ----

# The wasm and the data files the worker loads on first use (issue 12, a
# lighter first load; www/worker.js): the entity model, the word relations
# statement alignment reads between related documents, and the seeds'
# snapshot made natively so that a first visit searches before the model.
# The PDF reader (examples/pdf_wasm.rs: the same library with PDF import
# switched on, fetched only by an import that holds a PDF) is linked from
# the library's release objects without a second whole-program LTO (that
# would add a minute to every build; its wasm is smaller this way too).
wasm: deps-wasm
	CARGO_TARGET_DIR=$(WASM_TARGET_DIR) cargo build --release --target $(WASM_TARGET) --lib --no-default-features --features wasm-pdf
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
	  --out-dir $(WASM_OUT) $(WASM_FILE)
	CARGO_TARGET_DIR=$(WASM_TARGET_DIR) cargo rustc --release --target $(WASM_TARGET) --example pdf_wasm --no-default-features --features wasm-pdf -- -C lto=off
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
	  --out-dir $(WASM_OUT) --out-name lede_pdf $(dir $(WASM_FILE))examples/pdf_wasm.wasm
	cp models/ner.bin models/relations.txt $(WASM_OUT)/
	cargo run --quiet --example seed_snapshot -- $(WASM_OUT)/seeds.snap
	@for f in lede_bg.wasm lede_pdf_bg.wasm ner.bin relations.txt seeds.snap; do \
	  printf '%s: %s bytes, %s gzipped\n' $$f $$(stat -c %s $(WASM_OUT)/$$f) $$(gzip -9c $(WASM_OUT)/$$f | wc -c); done

# The wasm with the bench-only exports, for bench/ (not shipped).
wasm-bench: deps-wasm
	CARGO_TARGET_DIR=$(BENCH_TARGET_DIR) cargo build --release --target $(WASM_TARGET) --lib --no-default-features --features bench-api
	wasm-bindgen --target web --no-typescript --out-dir $(BENCH_WASM_OUT) \
	  $(BENCH_TARGET_DIR)/$(WASM_TARGET)/release/lede.wasm

serve: wasm
	@echo "Lede at http://127.0.0.1:$(PORT)/"
	python3 tools/serve.py www $(PORT)

## ---- tests ----
# Two tiers. `make test` is the everyday run and stays under 10 minutes on a
# 2-core machine. `make test-scale` runs what is too slow for that: the Rust
# tests marked #[ignore = "scale tier: make test-scale"] (20 MB and 60k-line
# inputs, every BBC article), the ~26k-record import through the page and
# the fuzz smoke run; `make bench` runs it, and so does a release.

# The native tests and the wasm build run side by side (each leaves a core
# idle much of the time: the crate's own compile, linking, LTO; on a fresh
# clone after `make lint` 385 s against 412 s one after the other), then
# the browser tests, which need the wasm.
test: deps
	@$(MAKE) --no-print-directory -j2 test-rust wasm
	@$(MAKE) --no-print-directory BROWSER_TESTS_BUILD= test-wasm test-e2e

# One after the other in one target directory: the two share the compiled
# proc macros and build scripts (side by side in two directories took
# longer: 228 s against 166 s on a fresh clone).
lint: deps-wasm
	cargo fmt --check
	cargo clippy --all-targets --features criterion -- -D warnings
	cargo clippy --target $(WASM_TARGET) --lib --example pdf_wasm --features bench-api,wasm-pdf -- -D warnings

# The library's, the CLI's and the integration tests (the examples are
# evaluators and tools: `make lint` checks they build; `make eval` runs them).
test-rust:
	cargo test --lib --bins --tests

# The wasm boundary in headless Chromium, on the wasm the page ships
# (tests/wasm/: Engine's conversions through the calls www/worker.js makes).
test-wasm: $(BROWSER_TESTS_BUILD) deps-browser deps-node
	node --test --test-concurrency=1 tests/wasm/

# Two test files at a time (each its own server and browser): ~2 min
# instead of ~2 min 45 s on a 2-core machine.
test-e2e: $(BROWSER_TESTS_BUILD) deps-browser deps-node
	node --test --test-concurrency=2 tests/e2e/

test-scale: wasm deps-browser deps-node fuzz-smoke
	cargo test -- --ignored
	node --test --test-concurrency=1 tests/e2e-scale/

# The stable-toolchain fuzzer (examples/fuzz_smoke.rs): every target of fuzz/
# for FUZZ_SECONDS each, about 40 s in all; the test profile, which `cargo
# test` has already built (the real fuzzing is cargo fuzz, fuzz/README.md).
FUZZ_SECONDS ?= 3
fuzz-smoke:
	cargo run --quiet --example fuzz_smoke -- $(FUZZ_SECONDS)

## ---- single-file build ----

dist: wasm
	python3 tools/dist.py www dist/lede.html

## ---- measurements (slow; not part of `make test`) ----
# Each evaluator prints a Markdown section; tools/md_section.py puts it into
# BENCHMARKS.md under its own name, so the runs can happen separately.

EVALS := eval_parse eval_html eval_ner eval_quotes bench_extract eval_timeml eval_docdate eval_msrp eval_dedup eval_stories

# Peers of eval_html, scored by it: Readability.js in node (devDependencies)
# and Python trafilatura in a venv of its own (created when missing).
VENV := target/venv-trafilatura
TRAFILATURA := trafilatura==2.3.1 lxml_html_clean

$(VENV)/.installed:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q $(TRAFILATURA)
	@touch $@

eval-html-peers: deps-node $(VENV)/.installed
	node bench/html_readability.mjs
	$(VENV)/bin/python bench/html_trafilatura.py

eval: eval-html-peers
	@mkdir -p target/eval
	@for e in $(EVALS); do \
	  echo "== $$e"; \
	  cargo run --quiet --profile eval --example $$e > target/eval/$$e.md || exit 1; \
	  python3 tools/md_section.py BENCHMARKS.md $$e < target/eval/$$e.md; \
	done
	@echo "BENCHMARKS.md updated"

# The synthetic scale corpus (issue 12): N articles recombined from
# ../shared/corpora, reproducible from SEED, written under target/scale-data/.
N ?= 1000000
SEED ?= 1
scale-data:
	cargo run --quiet --profile eval --example scale_data -- $(N) $(SEED)

bench: wasm wasm-bench deps-browser deps-node test-scale
	node bench/run.mjs
	node bench/import.mjs | python3 tools/md_section.py BENCHMARKS.md import-bbc
	node bench/import-page.mjs | python3 tools/md_section.py BENCHMARKS.md import-scale-page
	node bench/storage-page.mjs | python3 tools/md_section.py BENCHMARKS.md storage-page
	node bench/analyze.mjs | python3 tools/md_section.py BENCHMARKS.md analyze-scale
	node bench/network.mjs | python3 tools/md_section.py BENCHMARKS.md network-page
	node bench/hostile-page.mjs | python3 tools/md_section.py BENCHMARKS.md hostile-page
	cargo run --quiet --profile eval --example corpus_file_bench -- bench-data/scale.jsonl | python3 tools/md_section.py BENCHMARKS.md corpus-file
	node bench/corpusfile-page.mjs | python3 tools/md_section.py BENCHMARKS.md corpus-file-page
	node bench/million.mjs | python3 tools/md_section.py BENCHMARKS.md corpus-file-1m-run
	cargo bench --bench search --features criterion -- --noplot

train-ner:
	cargo run --profile eval --example train_ner
