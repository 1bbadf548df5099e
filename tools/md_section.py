#!/usr/bin/env python3
"""Replace one named section of a Markdown file with new content.

usage: md_section.py FILE NAME < content

The section is delimited by <!-- BEGIN NAME --> and <!-- END NAME -->;
it is appended at the end of FILE when absent. Used by `make bench` and
`make eval` so that each benchmark or evaluator owns its own section of
BENCHMARKS.md.
"""
import re
import sys

path, name = sys.argv[1], sys.argv[2]
content = sys.stdin.read().rstrip() + "\n"
begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
try:
    text = open(path, encoding="utf-8").read()
except FileNotFoundError:
    text = "# Benchmarks\n\nProduced by `make bench` and `make eval`; each section is rewritten by the run that owns it.\n"
block = f"{begin}\n{content}{end}"
pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: block, text)
else:
    text = text.rstrip() + "\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
