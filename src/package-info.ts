import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embedded } from './sea/embedded.js';

interface PackageInfo {
  root: string;
  name: string;
  version: string;
}

let cached: PackageInfo | undefined;

/** The charter package this code runs from (source tree or installed bundle): found by walking up. */
export const packageInfo = (): PackageInfo => {
  if (cached) return cached;
  const sea = embedded();
  if (sea) {
    // The root is the unpacked policies: only made when used (not for --version).
    cached = {
      get root() {
        return sea.root;
      },
      name: sea.name,
      version: sea.version,
    };
    return cached;
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'charter') {
        cached = { root: dir, name: pkg.name, version: pkg.version ?? '0.0.0' };
        return cached;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the charter package.json');
    dir = parent;
  }
};

export const defaultPolicyFile = (): string => join(packageInfo().root, 'policies', 'lu-state-charter.yaml');
