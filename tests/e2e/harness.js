// Shared e2e harness: a static server for www/ on a free loopback port,
// Debian's Chromium driven by playwright-core, and a page that fails the
// test on any console error or any request to another origin.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const SHOTS = `${ROOT}target/e2e`;
mkdirSync(SHOTS, { recursive: true });

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

/** Starts tools/serve.py on a free port; resolves to {url, stop}. */
export function startServer(dir = 'www') {
  const root = dir.startsWith('/') ? dir : `${ROOT}${dir}`;
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', [`${ROOT}tools/serve.py`, root, '0', '-q'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve({ url: m[1], stop: () => proc.kill() });
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A new page in a new context. Collects console errors, page errors and
 * requests to other origins; `check()` throws if there were any.
 */
export async function openPage(browser, baseUrl, opts = {}) {
  const context = await browser.newContext({ viewport: opts.viewport || { width: 1280, height: 900 }, ...opts.context });
  const page = await context.newPage();
  const problems = [];
  const origin = baseUrl.startsWith('file:') ? baseUrl : new URL(baseUrl).origin;
  page.on('console', (m) => { if (m.type() === 'error' && !(opts.allowConsole || []).some((re) => re.test(m.text()))) problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another origin: ${u}`);
  });
  page.check = () => { if (problems.length) throw new Error(problems.join('\n')); };
  page.problems = problems;
  return { context, page };
}

/** Waits until the app has loaded its corpus. */
export async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
}

/** axe-core's source, to evaluate in a page (the page's CSP blocks injected scripts). */
export const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');

/** Fails with every axe-core violation on the page as it is now. */
export async function axeClean(page, where) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  if (found.length) throw new Error(`axe-core on ${where}: ${found.join('; ')}`);
}

/** CSV rows (RFC 4180: quoted fields, doubled quotes; CRLF or LF line ends). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
