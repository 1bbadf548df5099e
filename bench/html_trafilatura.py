#!/usr/bin/env python3
"""Python trafilatura over the html-articles corpus, for the peer rows of
`eval_html`.

usage: html_trafilatura.py [CORPUS_DIR] [OUT_DIR]

Writes OUT_DIR/NAME.txt for every CORPUS_DIR/html/NAME.html (empty when
trafilatura extracts nothing) and OUT_DIR/_run.json with the extractor's
name and the seconds spent extracting (file reads excluded). Default
settings (comments excluded, tables included), plain-text output; the
page's bytes are passed as they are, so trafilatura detects the charset.
Run inside the venv that `make eval` creates (target/venv-trafilatura).
"""
import json
import os
import sys
import time

import trafilatura

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "../shared/corpora/html-articles")
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "target/eval/html-peers/trafilatura")
os.makedirs(out, exist_ok=True)
names = sorted(n for n in os.listdir(os.path.join(corpus, "html")) if n.endswith(".html"))
seconds = 0.0
for name in names:
    with open(os.path.join(corpus, "html", name), "rb") as f:
        page = f.read()
    t0 = time.perf_counter()
    try:
        text = trafilatura.extract(page, include_comments=False) or ""
    except Exception as e:  # one bad page must not stop the run
        print(f"{name}: {e}", file=sys.stderr)
        text = ""
    seconds += time.perf_counter() - t0
    with open(os.path.join(out, name[: -len(".html")] + ".txt"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
with open(os.path.join(out, "_run.json"), "w", encoding="utf-8") as f:
    json.dump({"extractor": f"trafilatura {trafilatura.__version__} (Python)", "pages": len(names), "seconds": seconds}, f)
    f.write("\n")
print(f"trafilatura: {len(names)} pages in {seconds:.1f} s", file=sys.stderr)
