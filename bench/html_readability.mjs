// Readability.js (@mozilla/readability on linkedom's DOM) over the
// html-articles corpus, for the peer rows of `eval_html`.
//
//   node bench/html_readability.mjs [CORPUS_DIR] [OUT_DIR]
//
// Writes OUT_DIR/NAME.txt for every CORPUS_DIR/html/NAME.html (empty when
// Readability finds no article) and OUT_DIR/_run.json with the extractor's
// name and the seconds spent parsing and extracting (file reads excluded).
// The article's HTML is turned into text with a line break around every
// block element, so that words of adjacent paragraphs do not run together.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import { corpus as sharedCorpus } from "../tests/common/corpora.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = process.argv[2] ?? sharedCorpus("html-articles");
const out = process.argv[3] ?? join(root, "target/eval/html-peers/readability");
mkdirSync(out, { recursive: true });
const version = createRequire(import.meta.url)("@mozilla/readability/package.json").version;

/** The page's declared charset (meta or XML declaration), else UTF-8. */
function decode(bytes) {
  const head = bytes.subarray(0, 4096).toString("latin1");
  const m = head.match(/charset\s*=\s*["']?\s*([\w-]+)/i) ?? head.match(/encoding\s*=\s*["']([\w-]+)/i);
  try {
    return new TextDecoder(m ? m[1] : "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

const BLOCK = new Set(("address article aside blockquote br dd div dl dt figcaption figure footer " +
  "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul").split(" "));

/** Text of a DOM node, with a newline around block elements. */
function textOf(node, parts) {
  for (const c of node.childNodes) {
    if (c.nodeType === 3) parts.push(c.textContent);
    else if (c.nodeType === 1) {
      const block = BLOCK.has(c.localName);
      if (block) parts.push("\n");
      textOf(c, parts);
      if (block) parts.push("\n");
    }
  }
  return parts;
}

const names = readdirSync(join(corpus, "html")).filter((n) => n.endsWith(".html")).sort();
let seconds = 0;
for (const file of names) {
  const html = decode(readFileSync(join(corpus, "html", file)));
  const t0 = process.hrtime.bigint();
  let text = "";
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    if (article?.content) {
      const { document: d } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      text = textOf(d.body, []).join("").split("\n").map((l) => l.replace(/\s+/g, " ").trim())
        .filter(Boolean).join("\n");
    }
  } catch (e) {
    console.error(`${file}: ${e.message}`);
  }
  seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  writeFileSync(join(out, file.replace(/\.html$/, ".txt")), text + "\n");
}
writeFileSync(join(out, "_run.json"), JSON.stringify({
  extractor: `Readability.js ${version} (linkedom)`, pages: names.length, seconds,
}) + "\n");
console.error(`readability: ${names.length} pages in ${seconds.toFixed(1)} s`);
