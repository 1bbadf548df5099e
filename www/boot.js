// Starts the engine's worker while the page's modules are still loading,
// and compiles the wasm while the worker loads its own modules: a classic
// script in <head>, so that the engine reads the stored corpus in parallel
// with the page (a reload's first screen waits on both). The worker, named
// 'boot', waits for a first message {wasmModule}: the compiled module, or
// null when it could not be compiled here (the worker then fetches the
// wasm itself, and says what fails). rpc.js takes this worker as its first
// one. The single-file build (tools/dist.py) leaves this script out and
// starts its worker from app.js.
(() => {
  const worker = new Worker(new URL('./worker.js', document.baseURI), { type: 'module', name: 'boot' });
  self.ledeBootWorker = worker;
  WebAssembly.compileStreaming(fetch(new URL('./pkg/lede_bg.wasm', document.baseURI)))
    .then((module) => worker.postMessage({ wasmModule: module }))
    .catch(() => worker.postMessage({ wasmModule: null }));
})();
