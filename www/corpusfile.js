// Corpus files (.lede, written by `lede build`): "Open a corpus file…" in
// the Import view, and `?corpus=URL` (a same-origin URL, read by HTTP Range
// requests). The worker reads only the blocks each view asks for; while a
// file is open every view answers from it, and importing, clearing or
// "Close the corpus file" return to this browser's own corpus.
import { formatNumber } from './dom.js';

function formatBytes(n) {
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function mountCorpusFile(app) {
  const $ = (s) => document.querySelector(s);

  async function open(call, name) {
    app.setStatus(`Opening the corpus file ${name}…`);
    const t0 = performance.now();
    let info;
    try {
      info = await call();
    } catch (err) {
      // Whatever was open before stays open.
      app.setStatus(`Could not open ${name}: ${err.message}`, 'error');
      return false;
    }
    await app.refreshDocs();
    const ms = Math.round(performance.now() - t0);
    app.setStatus(`Opened the corpus file ${info.name}: ${formatNumber(info.docs)} documents in ${formatNumber(ms)} ms (${formatBytes(info.bytesRead)} read; the rest is read as needed).`);
    return true;
  }

  $('#open-corpus').addEventListener('change', (e) => {
    const f = e.target.files[0];
    e.target.value = '';
    if (f) open(() => app.rpc.call('openFile', f), f.name);
  });
  $('#close-corpus').addEventListener('click', async () => {
    await app.rpc.call('closeFile');
    await app.refreshDocs();
    app.setStatus('Closed the corpus file; showing the corpus stored in this browser.');
  });

  return {
    /** Opens the corpus file at `url` (from `?corpus=`). */
    openUrl: (url) => open(() => app.rpc.call('openUrl', url), url),
  };
}
