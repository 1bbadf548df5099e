#!/usr/bin/env python3
"""Write dist/lede.html: the whole app in one self-contained file that works
opened from disk (file://), with the wasm and its data files (the entity
model and the seeds' snapshot, www/pkg/ner.bin and seeds.snap, which the
served page fetches on first use) inlined.

Each ES module of www/ becomes a string; a small inline bootstrap turns them
into blob: URLs in dependency order, rewriting the relative import
specifiers to those URLs, then starts the worker from its blob URL and the
page from app.js. The import pool's worker (www/pool-worker.js) is inlined
the same way as the engine's, as self.LEDE_POOL_URL. The Content-Security-Policy allows exactly that inline
bootstrap (by hash), blob: modules and wasm compilation.

usage: dist.py WWW_DIR OUT_FILE
"""
import base64
import hashlib
import json
import re
import sys
from pathlib import Path

www = Path(sys.argv[1])
out = Path(sys.argv[2])

IMPORT_RE = re.compile(r"""(\bfrom\s+|\bimport\s+)(['"])\./([\w./-]+\.js)\2""")


def deps(src):
    return [m.group(3) for m in IMPORT_RE.finditer(src)]


# Collect modules reachable from the page and the worker.
modules = {}
WORKERS = ["worker.js", "pool-worker.js"]
todo = ["app.js", *WORKERS]
while todo:
    name = todo.pop()
    if name in modules:
        continue
    src = (www / name).read_text(encoding="utf-8")
    modules[name] = src
    todo.extend(deps(src))

# Topological order: dependencies first.
order, seen = [], set()


def visit(name):
    if name in seen:
        return
    seen.add(name)
    for d in deps(modules[name]):
        visit(d)
    order.append(name)


for m in [*WORKERS, "app.js"]:
    visit(m)

def bundle_classic(entry):
    """Flattens an ES module graph into one classic script (module workers
    cannot start from blob: URLs on file:// pages; classic ones can). Handles
    the import/export forms this project uses."""
    names, seen = [], set()

    def walk(n):
        if n in seen:
            return
        seen.add(n)
        for d in deps(modules[n]):
            walk(d)
        names.append(n)

    walk(entry)
    parts = ["'use strict';", "const __mods = {};"]
    for n in names:
        src = modules[n]

        def imp(m):
            clause, target = m.group(1).strip(), m.group(3)
            ref = f"__mods[{json.dumps(target)}]"
            out = []
            ns = re.match(r"\*\s+as\s+(\w+)$", clause)
            if ns:
                return f"const {ns.group(1)} = {ref};"
            default, _, rest = clause.partition("{")
            default = default.strip().rstrip(",").strip()
            if default:
                out.append(f"const {default} = {ref}.default;")
            if rest:
                specs = [x.strip() for x in rest.rstrip("}").strip().rstrip("}").split(",") if x.strip()]
                pairs = [f"{a.split(' as ')[0].strip()}: {a.split(' as ')[-1].strip()}" for a in specs]
                out.append(f"const {{ {', '.join(pairs)} }} = {ref};")
            return " ".join(out)

        src = re.sub(r"""import\s+([^'";]+?)\s+from\s+(['"])\./([\w./-]+\.js)\2\s*;""", imp, src)
        exported = re.findall(r"^export\s+(?:async\s+)?(?:function\*?|class|const|let|var)\s+(\w+)", src, re.M)
        extra = []
        for m in re.finditer(r"^export\s*\{([^}]*)\}\s*;?", src, re.M):
            for spec in m.group(1).split(","):
                if spec.strip():
                    local, _, alias = spec.strip().partition(" as ")
                    extra.append((alias.strip() or local.strip(), local.strip()))
        src = re.sub(r"^export\s*\{[^}]*\}\s*;?", "", src, flags=re.M)
        src = re.sub(r"^export\s+default\s+", "const __default = ", src, flags=re.M)
        src = re.sub(r"^export\s+", "", src, flags=re.M)
        src = src.replace("import.meta.url", "self.location.href")
        ret = [f"{e}: {e}" for e in exported] + [f"{json.dumps(a)}: {l}" for a, l in extra]
        if "const __default = " in src:
            ret.append("default: __default")
        parts.append(f"__mods[{json.dumps(n)}] = (() => {{\n{src}\nreturn {{ {', '.join(ret)} }};\n}})();")
    return "\n".join(parts)


worker_classic = bundle_classic("worker.js")
pool_classic = bundle_classic("pool-worker.js")
wasm_b64 = base64.b64encode((www / "pkg/lede_bg.wasm").read_bytes()).decode("ascii")
# The worker's data files (worker.js, dataBytes): inlined as self.LEDE_DATA.
DATA_FILES = ["ner.bin", "relations.txt", "seeds.snap"]
data_b64 = {n: base64.b64encode((www / "pkg" / n).read_bytes()).decode("ascii") for n in DATA_FILES}
css = (www / "style.css").read_text(encoding="utf-8")
html = (www / "index.html").read_text(encoding="utf-8")

bootstrap = (
    "(() => {\n"
    f"const ORDER = {json.dumps(order)};\n"
    f"const SOURCES = {json.dumps(modules)};\n"
    f"const WASM_B64 = {json.dumps(wasm_b64)};\n"
    f"const DATA_B64 = {json.dumps(data_b64)};\n"
    f"const WORKER = {json.dumps(worker_classic)};\n"
    f"const POOL = {json.dumps(pool_classic)};\n"
    f"const WORKERS = {json.dumps(WORKERS)};\n"
    """const urls = {};
const rewrite = (src) => src.replace(/(\\bfrom\\s+|\\bimport\\s+)(['"])\\.\\/([\\w./-]+\\.js)\\2/g,
  (all, kw, q, name) => kw + q + urls[name] + q);
for (const name of ORDER) {
  if (WORKERS.includes(name) || !SOURCES[name].length) continue;
  urls[name] = URL.createObjectURL(new Blob([rewrite(SOURCES[name])], { type: 'text/javascript' }));
}
const bytes = (b64) => 'Uint8Array.from(atob(' + JSON.stringify(b64) + '), (c) => c.charCodeAt(0))';
const wasm = 'self.LEDE_WASM = ' + bytes(WASM_B64) + ';\\n' + 'self.LEDE_DATA = {'
  + Object.entries(DATA_B64).map(([n, b]) => JSON.stringify(n) + ': ' + bytes(b)).join(', ') + '};\\n';
self.LEDE_WORKER_URL = URL.createObjectURL(new Blob([wasm + WORKER], { type: 'text/javascript' }));
self.LEDE_POOL_URL = URL.createObjectURL(new Blob([wasm + POOL], { type: 'text/javascript' }));
self.LEDE_WORKER_TYPE = 'classic';
const s = document.createElement('script');
s.type = 'module';
s.src = urls['app.js'];
document.body.appendChild(s);
})();"""
)


def sha256(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


csp = (
    "default-src 'none'; "
    f"script-src '{sha256(bootstrap)}' blob: 'wasm-unsafe-eval'; worker-src blob:; "
    f"style-src '{sha256(css)}'; img-src data: blob:; connect-src blob: data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)

html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>',
              lambda _: f'<meta http-equiv="Content-Security-Policy" content="{csp}">', html)
html = html.replace('<link rel="stylesheet" href="style.css">', f"<style>{css}</style>")
# The modules are inlined: nothing to preload, and the worker is started
# by app.js from its blob.
html = html.replace('<script src="boot.js"></script>\n', "")
html = re.sub(r'<!-- The modules app\.js imports[^>]*-->\n|<link rel="modulepreload" href="[^"]+">\n', "", html)
html = html.replace('<script type="module" src="app.js"></script>', f"<script>{bootstrap}</script>")
assert "<script>" in html and "<style>" in html, "index.html changed shape"
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text(html, encoding="utf-8")
print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
