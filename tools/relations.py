#!/usr/bin/env python3
"""Derive Lede's word-relation table (models/relations.txt) from WordNet 3.0.

usage: python3 tools/relations.py [DICT_DIR] [--out FILE]

DICT_DIR is a WordNet 3.0 dict folder (default /usr/share/wordnet, Debian
package wordnet-base). Standard library only; the output is deterministic.

The table lets statement alignment match a rewrite's words against its
source's ("pursue getting answers" / "search for answers", "possibilities"
/ "chances") between documents whose context already relates them
(src/analyze/relations.rs). Derivation:
  1. Vocabulary: the single-word lemmas (letters only, 3 characters or more,
     no stop-words) that have a sense tagged in WordNet's sense-tagged
     corpus (the index files' tagsense_cnt): the words people use. No corpus
     of ours is read.
  2. For each such word, per part of speech, its tagged senses among the
     first SENSES (at least the first): the other lemmas of the synset
     (synonyms) and the lemmas of its direct hypernyms ('@', '@i'); for
     adjectives also 'similar to' ('&'), for adverbs the adjective they
     derive from ('\\').
  3. A hypernym that stands above more than GENERAL words' senses ("move",
     "change", "act") says too little and is left out; related words
     outside the vocabulary are left out. Words left with no relation get
     no line. The reader makes every relation symmetric.

Licence: derived from WordNet 3.0, (c) 2006 Princeton University, whose
licence permits use, copying, modification and distribution provided the
copyright notice, statements and disclaimer appear on all copies; the script
copies the licence text from the dict files into the output header.
"""
import argparse
import hashlib
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
SENSES = 3
GENERAL = 12
STOP = set("""a about above after again against all also am an and any are as at be been before
being below between both but by can could did do does doing down during each either else ever
few for from further had has have having he her here hers herself him himself his how i if in
into is it its itself just may me might more most must my myself neither no nor not now of off
often on once one only or other ought our ours ourselves out own same shall she should so some
such than that the their theirs them themselves then there these they this those through thus
to too under until up upon us very was we were what when where whether which while who whom
whose why will with would yet you your yours yourself yourselves""".split())
WORD = re.compile(r"[a-z]{3,}")


def load_index(dict_dir):
    """index[p][lemma] = (synset offsets in sense order, tagged sense count)."""
    index = {}
    for name, p in POS.items():
        index[p] = {}
        with open(dict_dir / f"index.{name}", encoding="utf-8") as f:
            for line in f:
                if line.startswith(" "):  # licence header
                    continue
                # lemma pos n_senses n_ptr ptr... n_senses n_tagged offset...
                fields = line.split()
                start = 6 + int(fields[3])
                index[p][fields[0]] = (fields[start:start + int(fields[2])], int(fields[start - 1]))
    return index


class Synsets:
    """Random access to data.* by byte offset (the synset offsets of WordNet)."""

    def __init__(self, dict_dir):
        self.files = {p: open(dict_dir / f"data.{name}", "rb") for name, p in POS.items()}
        self.cache = {}

    def get(self, p, offset):
        """(lemmas, pointers), pointers as (symbol, offset, pos, source, target)."""
        key = (p, offset)
        if key not in self.cache:
            f = self.files[p]
            f.seek(int(offset))
            fields = f.readline().decode("utf-8").split(" | ")[0].split()
            n_words = int(fields[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", w).lower() for w in fields[4:4 + 2 * n_words:2]]
            i = 4 + 2 * n_words
            ptrs = []
            for j in range(i + 1, i + 1 + 4 * int(fields[i]), 4):
                sym, off, pos, st = fields[j:j + 4]
                ptrs.append((sym, off, "a" if pos == "s" else pos, int(st[:2], 16), int(st[2:], 16)))
            self.cache[key] = (lemmas, ptrs)
        return self.cache[key]


def senses(index):
    """(word, pos, offset) of each vocabulary word's senses that count."""
    for p, lemmas in index.items():
        for word, (offsets, tagged) in sorted(lemmas.items()):
            if tagged == 0 or not WORD.fullmatch(word) or word in STOP:
                continue
            for offset in offsets[:max(1, min(SENSES, tagged))]:
                yield word, p, offset


def related(word, p, offset, synsets, general):
    """The words related to one sense of `word`: synonyms and the rest (see the module doc)."""
    lemmas, ptrs = synsets.get(p, offset)
    out = set(lemmas)
    for sym, off, pos, src, dst in ptrs:
        if sym in ("@", "@i") and (pos, off) not in general:
            out.update(synsets.get(pos, off)[0])
        elif p == "a" and sym == "&":
            out.update(synsets.get(pos, off)[0])
        elif p == "r" and sym == "\\" and (src == 0 or lemmas[src - 1] == word):
            targets = synsets.get(pos, off)[0]
            out.update(targets if dst == 0 else [targets[dst - 1]])
    return out


def header(dict_dir, vocab_size):
    digest = hashlib.sha256()
    for name in POS:
        for kind in ("index", "data"):
            digest.update((dict_dir / f"{kind}.{name}").read_bytes())
    dpkg = ["dpkg-query", "-W", "-f", "${Package} ${Version}", "wordnet-base"]
    try:
        package = subprocess.run(dpkg, capture_output=True, text=True).stdout.strip() or "unknown"
    except OSError:
        package = "unknown"
    licence = []
    with open(dict_dir / "data.noun", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("  "):
                break
            licence.append(re.sub(r"^\s*\d+ ?", "", line).rstrip())
    lines = [
        "Lede word-relation table: 'word related1 related2 ...', one line per word, sorted;",
        "the reader makes every relation symmetric. Related words are WordNet synonyms and",
        f"direct hypernyms (none above more than {GENERAL} senses) of the word's tagged senses",
        f"among its first {SENSES} per part of speech, plus 'similar to' for adjectives and the",
        f"source adjective for adverbs; vocabulary: the {vocab_size} single-word lemmas with a",
        "sense tagged in WordNet's own sense-tagged corpus.",
        "",
        "Source: WordNet 3.0, Princeton University (https://wordnet.princeton.edu/),",
        f"dict files as packaged by Debian ({package}); sha256 of index.* and data.*:",
        digest.hexdigest(),
        "",
        "Derived from WordNet 3.0 under the WordNet 3.0 licence, reproduced here as required:",
        "",
        *licence,
        "",
        "Regenerate (from the project root): python3 tools/relations.py",
    ]
    return "".join(f"# {l}".rstrip() + "\n" for l in lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dict_dir", nargs="?", default="/usr/share/wordnet", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "relations.txt")
    args = ap.parse_args()
    missing = [n for name in POS for n in (f"index.{name}", f"data.{name}")
               if not (args.dict_dir / n).is_file()]
    if missing:
        sys.exit(f"relations.py: WordNet 3.0 dict folder {args.dict_dir} is missing "
                 f"{', '.join(missing)}; install it with 'apt-get install wordnet-base' "
                 "or pass the dict folder as the first argument")
    index = load_index(args.dict_dir)
    synsets = Synsets(args.dict_dir)
    chosen = list(senses(index))
    vocab = {w for w, _, _ in chosen}
    # How many of the chosen senses each hypernym stands above.
    above = Counter()
    for _, p, offset in chosen:
        for sym, off, pos, _, _ in synsets.get(p, offset)[1]:
            if sym in ("@", "@i"):
                above[(pos, off)] += 1
    general = {k for k, n in above.items() if n > GENERAL}
    table = {}
    for word, p, offset in chosen:
        rel = {w for w in related(word, p, offset, synsets, general)
               if w in vocab and w != word}
        table.setdefault(word, set()).update(rel)
    rows = [" ".join([w] + sorted(r)) + "\n" for w, r in sorted(table.items()) if r]
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(header(args.dict_dir, len(vocab)))
        f.writelines(rows)
    print(f"{args.out}: {len(rows)} words with relations, vocabulary {len(vocab)}", file=sys.stderr)


if __name__ == "__main__":
    main()
