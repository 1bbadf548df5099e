// Where the shared corpora are, for the JavaScript tests and benchmarks:
// `../shared/corpora` beside the repository. The same rule as
// tests/common/mod.rs for Rust: missing corpora are a clear failure that
// names the path, never a silent skip.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The shared corpora folder. */
export const CORPORA = join(ROOT, '../shared/corpora');

/** The path of `rel` under the shared corpora; throws naming the missing path. */
export function corpus(rel) {
  const path = join(CORPORA, rel);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: this needs the shared corpora at ../shared/corpora beside the repository (see README, Tests)`);
  }
  return path;
}
