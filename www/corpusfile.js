// Corpus files (.lede, written by `lede build`): "Open a corpus file…" in
// the Import view (several may be open), and `?corpus=URL` (a same-origin
// URL, read by HTTP Range requests). The worker reads only the blocks each
// view asks for; while files are open every view answers from them and the
// documents stored in this browser together, as one corpus (documents
// imported meanwhile go into this browser's corpus and are searched with
// them). "Close" closes one file, "Close all corpus files" every one.
import { formatNumber, formatBytes, h, clear } from './dom.js';
import { on } from './bus.js';

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
    const o = info.opened;
    const copies = o.copies ? ` (and ${formatNumber(o.copies)} already in a corpus file opened before, counted there)` : '';
    app.setStatus(o.warning || `Opened the corpus file ${o.name}: ${formatNumber(o.docs)} documents${copies} in ${formatNumber(ms)} ms (${formatBytes(o.bytesRead)} read; the rest is read as needed).`, o.warning ? 'warn' : 'info');
    return true;
  }

  $('#open-corpus').addEventListener('change', async (e) => {
    const picked = [...e.target.files];
    e.target.value = '';
    for (const f of picked) await open(() => app.rpc.call('openFile', f), f.name);
  });
  $('#close-corpus').addEventListener('click', async () => {
    await app.rpc.call('closeFile');
    await app.refreshDocs();
    app.setStatus('Closed the corpus files; showing the corpus stored in this browser.');
  });
  // One "Close" per open file, written when the corpus changes.
  $('#file-list').addEventListener('click', async (e) => {
    const button = e.target.closest('button[data-file]');
    if (!button) return;
    const i = Number(button.dataset.file);
    const name = app.state.corpusFile?.files[i]?.name ?? 'the corpus file';
    await app.rpc.call('closeFile', i);
    await app.refreshDocs();
    app.setStatus(`Closed ${name}.`);
    $('#open-corpus-label')?.focus();
  });
  on('corpus', () => {
    const list = clear($('#file-list'));
    const f = app.state.corpusFile;
    if (!f) return;
    f.files.forEach((file, i) => {
      list.appendChild(h('li', {},
        h('span', {}, `${file.name}: ${formatNumber(file.docs)} documents${file.copies ? ` (${formatNumber(file.copies)} more also in a file above, counted there)` : ''}`), ' ',
        h('button', { type: 'button', 'data-file': String(i), 'aria-label': `Close ${file.name}` }, 'Close')));
    });
  });

  return {
    /** Opens the corpus file at `url` (from `?corpus=`). */
    openUrl: (url) => open(() => app.rpc.call('openUrl', url), url),
  };
}
