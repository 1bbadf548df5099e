#!/usr/bin/env python3
"""Derives models/synonyms.txt, the synonym table of statement alignment
(src/analyze/synonyms.rs), from WordNet 3.0 (Debian package wordnet-base,
files in /usr/share/wordnet; WordNet 3.0 licence, Princeton University:
use, copy, modify and distribute with its notice, kept in the output).

Usage: python3 tools/synonyms.py [WORDNET_DIR] > models/synonyms.txt

Kept: single-word lemmas (letters only) seen in WordNet's sense-tagged
corpus (tagsense_cnt >= 1), their first SENSES senses (WordNet orders a
lemma's senses by frequency); a synset is written as one line of its kept
lemmas when it has at least two. Rare senses are left out because they
link common words wrongly ("state" / "say").
"""
import os
import sys

SENSES = int(os.environ.get("SENSES", "2"))
wn = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
groups = {}
for pos in ("noun", "verb", "adj", "adv"):
    with open(os.path.join(wn, "index." + pos), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            p = line.split()
            lemma = p[0]
            if not lemma.isalpha() or not lemma.isascii():
                continue
            synset_cnt = int(p[2])
            p_cnt = int(p[3])
            tagged = int(p[5 + p_cnt])
            offsets = p[6 + p_cnt:6 + p_cnt + synset_cnt]
            if tagged < 1:
                continue
            for off in offsets[:SENSES]:
                groups.setdefault(pos[0] + off, set()).add(lemma.lower())
lines = sorted({" ".join(sorted(g)) for g in groups.values() if len(g) >= 2})
print("# Synonym sets derived from WordNet 3.0 by tools/synonyms.py (SENSES=%d)." % SENSES)
print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
print("# THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY")
print("# MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. The name of")
print("# Princeton University or Princeton may not be used in advertising or")
print("# publicity pertaining to distribution of the software and/or database.")
for l in lines:
    print(l)
