/**
 * Every release binary `npm run package` built (release/): the right executable format and
 * machine, the SEA fuse flipped, and the blob with charter's manifest inside. Only linux-x64 runs
 * here (release-linux.test.ts); macOS binaries run once signed on a Mac (README). A binary that was
 * not built is skipped; CI (CHARTER_REQUIRE_ROOTS=1) builds linux-x64 only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elfMachine, machO, peResources } from '../testing/executable-formats.js';

const repo = new URL('../..', import.meta.url).pathname;
const release = join(repo, 'release');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; version: string };
const fused = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1';
const manifest = `{"name":"${pkg.name}","version":"${pkg.version}","files":["policies/`;

const binaries = ['charter-linux-x64', 'charter-linux-arm64', 'charter-win-x64.exe', 'charter-darwin-x64'];
const built = binaries.filter((name) => existsSync(join(release, name)));
if (built.length < binaries.length)
  process.stderr.write(`skipped: release binaries not built (npm run package): ${binaries.filter((name) => !built.includes(name)).join(', ')}\n`);
if (process.env.CHARTER_REQUIRE_ROOTS === '1' && !built.includes('charter-linux-x64'))
  throw new Error('release/charter-linux-x64 is missing: CHARTER_SEA_TARGETS=linux-x64 npm run package');

const read = (name: string): Buffer => readFileSync(join(release, name));

describe('release binaries', () => {
  it.skipIf(!built.includes('charter-win-x64.exe'))('charter-win-x64.exe is an x64 PE with the blob as resource NODE_SEA_BLOB', () => {
    const file = read('charter-win-x64.exe');
    const { machine, rcdata } = peResources(file);
    expect(machine).toBe(0x8664);
    expect(rcdata.get('NODE_SEA_BLOB')).toBeGreaterThan(1_000_000);
    expect(file.includes(fused)).toBe(true);
    expect(file.includes(manifest)).toBe(true);
  });

  for (const [name, machine] of [
    ['charter-linux-x64', 0x3e],
    ['charter-linux-arm64', 0xb7],
  ] as const) {
    it.skipIf(!built.includes(name))(`${name} is an ELF for its machine, with the blob injected`, () => {
      const file = read(name);
      expect(elfMachine(file)).toBe(machine);
      expect(file.includes(fused)).toBe(true);
      expect(file.includes(manifest)).toBe(true);
    });
  }

  it.skipIf(!built.includes('charter-darwin-x64'))('charter-darwin-x64 is an x86-64 Mach-O with a NODE_SEA segment holding the blob', () => {
    const file = read('charter-darwin-x64');
    expect(machO(file)).toEqual({ cpu: 0x01000007, seaSegment: true });
    expect(file.includes(fused)).toBe(true);
    expect(file.includes(manifest)).toBe(true);
  });
});
