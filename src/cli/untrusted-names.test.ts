/**
 * End to end: an image whose host name, OS name, package and app names carry terminal escape
 * sequences (SGR, an OSC 8 hyperlink), a one-byte C1 CSI and bidi overrides and isolates. The real
 * CLI (a private build, run as installed) checks it and audits a snapshot of it in every format of
 * both registries: no output carries a raw ESC, C1 or bidi character, and the hostile text still
 * shows (escaped), so nothing was hidden either. With colour on, the only escape sequences are
 * charter's own SGR colours.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetReporters } from '../reporters/audit/index.js';
import { reporters } from '../reporters/index.js';
import { dockerSaveArchive } from '../testing/image-builder.js';
import { buildPrivateCli } from '../testing/private-cli.js';
import { tarBytes } from '../testing/tar-writer.js';

const hostile = '\u001b[31mRED\u001b[0m\u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007\u202egnp.exe\u2066x\u2069\u009b31m\u200f';
// eslint-disable-next-line no-control-regex
const raw = /[\u001b\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** An SGR sequence, the only kind charter writes itself (colours). */
// eslint-disable-next-line no-control-regex
const sgr = /\u001b\[[0-9;]*m/g;

const dir = mkdtempSync(join(tmpdir(), 'charter-untrusted-'));
const image = join(dir, 'hostile.tar');
const snapshots = join(dir, 'snapshots');
let bin = '';

const layer = (): Buffer =>
  tarBytes([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/os-release', content: `ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian${hostile}"\n` },
    { name: 'etc/hostname', content: `host${hostile}\n` },
    { name: 'var/', type: 'directory' },
    { name: 'var/lib/', type: 'directory' },
    { name: 'var/lib/dpkg/', type: 'directory' },
    {
      name: 'var/lib/dpkg/status',
      content: [
        `Package: telegram-desktop\nStatus: install ok installed\nVersion: 4.6.5${hostile}\nArchitecture: amd64\n`,
        `Package: evil${hostile}\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n`,
      ].join('\n'),
    },
    { name: 'usr/', type: 'directory' },
    { name: 'usr/share/', type: 'directory' },
    { name: 'usr/share/applications/', type: 'directory' },
    { name: 'usr/share/applications/evil.desktop', content: `[Desktop Entry]\nType=Application\nName=Telegram${hostile}\nExec=telegram-desktop\n` },
  ]);

/** The environment without the colour switches, so that --color and --no-color alone decide. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NO_COLOR' && name !== 'FORCE_COLOR'));

const charter = (args: string[]) => execa('node', [bin, ...args], { cwd: dir, reject: false, env, extendEnv: false });

beforeAll(async () => {
  bin = await buildPrivateCli(join(dir, 'cli'));
  writeFileSync(image, dockerSaveArchive([layer()]));
  mkdirSync(snapshots);
  const collected = await charter(['collect', '--target', `image:${image}`, '--output', join(snapshots, 'hostile.json')]);
  expect(collected.exitCode, collected.stderr).toBe(0);
  expect(raw.test(collected.stderr), collected.stderr).toBe(false);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** No raw ESC, C1 or bidi character, and the hostile text is still there (escaped). */
const expectShownNotRaw = (output: string, what: string): void => {
  const at = raw.exec(output);
  expect(at, `${what}: raw U+${(at?.[0].codePointAt(0) ?? 0).toString(16)} at ${String(at?.index)}`).toBeNull();
  expect(output, what).toContain('RED');
  expect(output, what).toContain('evil.example');
};

describe('names from an untrusted image reach no output raw', () => {
  it.each(Object.keys(reporters))(
    'check --format %s',
    async (format) => {
      // --verbose: the raw evidence, where the names from the image are, is shown by text and html too.
      const result = await charter(['check', '--target', `image:${image}`, '--no-color', '--verbose', '--format', format]);
      expect(result.exitCode, result.stderr).toBe(1);
      expectShownNotRaw(result.stdout, `check --format ${format}`);
      expect(raw.test(result.stderr)).toBe(false);
    },
    60_000,
  );

  it.each(Object.keys(fleetReporters))(
    'audit --format %s',
    async (format) => {
      const result = await charter(['audit', snapshots, '--no-color', '--format', format]);
      expect(result.exitCode, result.stderr).toBe(1);
      expectShownNotRaw(result.stdout, `audit --format ${format}`);
      expect(raw.test(result.stderr)).toBe(false);
    },
    60_000,
  );

  it('with colour on, the only escape sequences are charter own SGR colours', async () => {
    for (const args of [
      ['check', '--target', `image:${image}`, '--verbose'],
      ['audit', snapshots],
    ]) {
      const result = await charter([...args, '--color']);
      expect((result.stdout.match(sgr) ?? []).length, args[0]).toBeGreaterThan(0);
      // Charter's SGRs removed, nothing raw is left, and the hostile sequence shows as text.
      expectShownNotRaw(result.stdout.replace(sgr, ''), `${args[0] ?? ''} --color`);
      expect(result.stdout).toContain('\\x1b[31mRED');
    }
  }, 60_000);

  it('audit --output fleet.html takes the html format from the extension', async () => {
    const result = await charter(['audit', snapshots, '--output', 'fleet.html', '--output', 'fleet.csv']);
    expect(result.exitCode, result.stderr).toBe(1);
    const html = readFileSync(join(dir, 'fleet.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expectShownNotRaw(html, 'fleet.html');
    expectShownNotRaw(readFileSync(join(dir, 'fleet.csv'), 'utf8'), 'fleet.csv');
  }, 60_000);
});
