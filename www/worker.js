// The worker: owns the wasm Engine; the page talks to it only by messages.
// Protocol: in {id, method, args, latest?}; out {id, result} | {id, error} | {id, dropped}.
// A message with `latest: KEY` supersedes any queued message with the same key
// (typing in the search box drops the stale queries).
import init, { Engine } from './pkg/lede.js';

// Methods of Engine the page may call.
const METHODS = new Set(['list', 'document', 'addText']);

let engine = null;
const ready = init().then(() => { engine = new Engine(true); });
const queue = [];
let busy = false;

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.latest) {
    for (const queued of queue) {
      if (queued.latest === msg.latest && !queued.dropped) {
        queued.dropped = true;
        self.postMessage({ id: queued.id, dropped: true });
      }
    }
  }
  queue.push(msg);
  pump();
};

async function pump() {
  if (busy) return;
  busy = true;
  try {
    await ready;
  } catch (err) {
    for (const m of queue.splice(0)) self.postMessage({ id: m.id, error: `the engine failed to start: ${err}` });
    busy = false;
    return;
  }
  while (queue.length) {
    const m = queue.shift();
    if (m.dropped) continue;
    try {
      if (!METHODS.has(m.method)) throw new Error(`unknown method ${m.method}`);
      const result = engine[m.method](...(m.args || []));
      self.postMessage({ id: m.id, result });
    } catch (err) {
      self.postMessage({ id: m.id, error: String(err && err.message ? err.message : err) });
    }
    // Yield so that newer messages can arrive and supersede queued ones.
    await new Promise((r) => setTimeout(r, 0));
  }
  busy = false;
}
