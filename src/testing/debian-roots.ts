/**
 * The real Debian 12 root filesystems built by scripts/debian-root.sh (debootstrap), for tests
 * that scan a root or an image of one. They live in $CHARTER_CACHE/roots (CI) or .cache/roots.
 * When CHARTER_REQUIRE_ROOTS=1 (set by .ci/run, which builds them), a missing root fails the test
 * instead of skipping it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repo = new URL('../..', import.meta.url).pathname;
const cache = process.env.CHARTER_CACHE ?? join(repo, '.cache');

export const rootsRequired = process.env.CHARTER_REQUIRE_ROOTS === '1';

/** The root's directory, or undefined when it has not been built (its .stamp marks a finished build). */
export const debianRoot = (name: string): string | undefined => {
  const dir = join(cache, 'roots', name);
  if (existsSync(join(dir, 'bin', 'sh')) && existsSync(`${dir}.stamp`)) return dir;
  if (rootsRequired) throw new Error(`${dir} is missing: build it with scripts/debian-root.sh ${name} (as root)`);
  return undefined;
};

/** Where tests may keep image archives made from the roots (kept between runs, next to them). */
export const imageCache = (): string => join(cache, 'images');
