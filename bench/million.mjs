// The million-article run (issue 12), part of `make bench`: the synthetic
// corpus (`make scale-data N=1000000`, seed 1; made under
// target/scale-data/ when missing), `lede build` of it (release, every core,
// timed with /usr/bin/time: wall, CPU, peak RSS), then the file in the page
// (bench/corpusfile-page.mjs) opened from disk and through ?corpus=.
// Prints a Markdown section (BENCHMARKS.md `corpus-file-1m-run`).
// LEDE_MILLION_N sets another size (a quicker run).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
const N = Number(process.env.LEDE_MILLION_N || 1000000);
const data = join(ROOT, `target/scale-data/scale-${N}-s1.jsonl`);
const file = join(target, `scale-${N}.lede`);
const run = (cmd, args, env = {}) => execFileSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 1 << 28 }).toString();

if (!existsSync(data)) run('make', ['scale-data', `N=${N}`, 'SEED=1']);
run('cargo', ['build', '--quiet', '--release', '--bin', 'lede']);
rmSync(file, { force: true });
const timeLog = join(target, `scale-${N}.time`);
const report = JSON.parse(run('/usr/bin/time', ['-v', '-o', timeLog, join(target, 'release/lede'), 'build', '-o', file, data]));
const time = readFileSync(timeLog, 'utf8');
const field = (name) => (new RegExp(`${name}: (.+)`).exec(time) || [])[1]?.trim();
const wall = report.seconds;
const inputMb = statSync(data).size / 1e6;
const textMb = report.text_bytes / 1e6;
const cpu = Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)'));
const rssGb = Number(field('Maximum resident set size \\(kbytes\\)')) / 1e6;
const page = (env) => run('node', [join(ROOT, 'bench/corpusfile-page.mjs')], { LEDE_BENCH_FILE: file, LEDE_BENCH_SOURCE: data, ...env })
  .split('\n').filter((l) => l.startsWith('|') && !/^\|\s*(figure|-)/.test(l)).join('\n');
const fromDisk = page({ LEDE_BENCH_FROM_DISK: '1' });
const overHttp = page({});

console.log(`## The million-article run (issue 12, \`bench/million.mjs\`)

\`make scale-data N=${N}\` (seed 1: ${inputMb.toFixed(0)} MB of JSON Lines, ${textMb.toFixed(0)} MB of article text), then \`lede build\` of it (release, this machine's ${run('nproc', []).trim()} cores, \`/usr/bin/time -v\`), ${new Date().toISOString().slice(0, 10)}.

| figure | value | target |
|---|---|---|
| documents | ${report.docs.toLocaleString('en-US')} | |
| wall time | ${wall.toFixed(1)} s (the builder adding batches until ${report.import_seconds.toFixed(1)} s, a writer thread writing segments beside it for ${(report.write_seconds ?? 0).toFixed(1)} s, a reader thread reading, parsing and extracting ahead of both; ${report.merged_segments ? `merging the ${report.merged_segments} segments written into one ${report.merge_seconds.toFixed(1)} s` : 'one segment written'}) | |
| build speed, input bytes / wall time | ${(inputMb / wall).toFixed(2)} MB/s | ≥ 8 MB/s ${inputMb / wall >= 8 ? '✔' : '✘'} |
| CPU time (user + system) | ${cpu.toFixed(0)} s (${field('Percent of CPU this job got')}) | |
| peak RSS | ${rssGb.toFixed(2)} GB | ≤ 3 GB ${rssGb <= 3 ? '✔' : '✘'} |
| file | ${(report.file_bytes / 1e9).toFixed(2)} GB = ${(report.file_bytes / report.text_bytes).toFixed(2)}× the text; ${report.segments} segment, ${report.members.toLocaleString('en-US')} members | ≤ 1.3× the text ${report.file_bytes / report.text_bytes <= 1.3 ? '✔' : '✘'} |

The file in the page (\`bench/corpusfile-page.mjs\`: 100 one-word searches typed, then again, 50 documents opened, People and Timeline of a search, then the whole corpus's Timeline (its chart from the stored counts); a search timed in the page from the input event to its results in the document), opened from disk through "Open a corpus file…" (targets: first results ≤ 300 ms cold, warm p50 ≤ 30 ms, ≤ 1 MB per search, tab private memory ≤ 300 MB):

| figure | value |
|---|---|
${fromDisk}

The same through \`?corpus=\` (HTTP Range requests to \`tools/serve.py\`):

| figure | value |
|---|---|
${overHttp}`);
