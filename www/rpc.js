// The page's side of the worker protocol: a map of pending requests, and
// the worker's life. A worker that crashes (an uncaught error, its `error`
// event; or an answer marked `fatal`: the engine trapped, e.g. a Rust
// panic's "unreachable" or a stack overflow, and is unusable) is
// terminated and replaced by a new one, which starts as at page load
// (restoring the corpus stored in this browser). The requests the crashed
// worker had not answered are rejected with an error saying so, and
// `onRestart(reason)` tells the page. A worker is not replaced (it would
// crash in a loop) when it crashes before it has answered any request, or
// when it is the third crash within a minute: `onDead(reason)` is called,
// and every later call is rejected.
export class Rpc {
  constructor(url, { onRestart = () => {}, onDead = () => {} } = {}) {
    this.url = url;
    this.onRestart = onRestart;
    this.onDead = onDead;
    this.pending = new Map();
    this.next = 1;
    this.dead = null;   // why the engine stopped for good, or null
    this.crashes = [];  // when the workers crashed (ms)
    this.spawn();
  }

  spawn() {
    // The first worker may have been started already, by boot.js.
    const early = self.ledeBootWorker;
    self.ledeBootWorker = null;
    const worker = early || new Worker(this.url, { type: self.LEDE_WORKER_TYPE || 'module' });
    this.worker = worker;
    this.answered = false;
    worker.onmessage = (e) => {
      const { id, result, error, dropped, fatal } = e.data;
      if (fatal) { this.crash(worker, error); return; }
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      this.busy();
      if (dropped) p.resolve(undefined);
      else if (error !== undefined) p.reject(new Error(error));
      else { this.answered = true; p.resolve(result); }
    };
    worker.onerror = (e) => {
      // Handled here: not also reported as the page's uncaught error.
      e.preventDefault();
      this.crash(worker, e.message || 'an uncaught error in the worker');
    };
  }

  crash(worker, reason) {
    if (worker !== this.worker) return; // already replaced
    worker.terminate();
    const now = performance.now();
    this.crashes = [...this.crashes.filter((t) => now - t < 60000), now];
    const again = this.answered && this.crashes.length < 3;
    const error = new Error(again
      ? `the engine stopped (${reason}) before answering; it is restarting with the corpus stored in this browser`
      : `the engine stopped (${reason})`);
    error.engineRestarted = again; // import.js starts its run over
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.busy();
    if (again) {
      this.spawn();
      this.onRestart(reason);
    } else {
      this.worker = null;
      this.dead = reason;
      this.onDead(reason);
    }
  }

  // data-busy on <body> while the worker has unanswered requests, for tests
  // and benchmarks (not aria-busy: that would hold back the status line's
  // announcements during an import).
  busy() {
    if (typeof document !== 'undefined') document.body.dataset.busy = String(this.pending.size > 0);
  }

  /** Replaces an idle worker with a new one, which starts from the corpus
   *  stored in this browser (a worker's wasm memory only grows: after a
   *  large import, this gives it back). Resolves once the new one has
   *  started; false when the worker was busy or stopped. */
  async renew() {
    if (!this.worker || this.pending.size) return false;
    this.worker.terminate();
    this.spawn();
    await this.call('startup');
    return true;
  }

  /** Calls an Engine method in the worker. */
  call(method, ...args) {
    return this.send({ method, args });
  }

  /** Like call, but a newer call with the same key supersedes this one
   *  (it then resolves to undefined). */
  latest(key, method, ...args) {
    return this.send({ method, args, latest: key });
  }

  send(msg, transfer = []) {
    if (!this.worker) return Promise.reject(new Error(`the engine stopped (${this.dead}); reload the page`));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.busy();
      this.worker.postMessage({ id, ...msg }, transfer);
    });
  }
}
