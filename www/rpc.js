// The page's side of the worker protocol: a map of pending requests.
export class Rpc {
  constructor(url) {
    this.worker = new Worker(url, { type: self.LEDE_WORKER_TYPE || 'module' });
    this.pending = new Map();
    this.next = 1;
    this.worker.onmessage = (e) => {
      const { id, result, error, dropped } = e.data;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      this.busy();
      if (dropped) p.resolve(undefined);
      else if (error !== undefined) p.reject(new Error(error));
      else p.resolve(result);
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || 'worker error'));
      this.pending.clear();
      this.busy();
    };
  }

  // data-busy on <body> while the worker has unanswered requests, for tests
  // and benchmarks (not aria-busy: that would hold back the status line's
  // announcements during an import).
  busy() {
    if (typeof document !== 'undefined') document.body.dataset.busy = String(this.pending.size > 0);
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
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.busy();
      this.worker.postMessage({ id, ...msg }, transfer);
    });
  }
}
