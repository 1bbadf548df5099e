# Evaluations on the real corpora in ../shared/corpora; each evaluator
# rewrites its own section of BENCHMARKS.md (tools/md_section.py).

.PHONY: eval eval-dedup eval-msrp

eval: eval-dedup eval-msrp

eval-dedup:
	mkdir -p target && cargo run --release --example eval_dedup > target/eval_dedup.md
	python3 tools/md_section.py BENCHMARKS.md eval_dedup < target/eval_dedup.md

eval-msrp:
	mkdir -p target && cargo run --release --example eval_msrp > target/eval_msrp.md
	python3 tools/md_section.py BENCHMARKS.md eval_msrp < target/eval_msrp.md
