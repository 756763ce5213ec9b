/**
 * Apps the catalog does not name, on real Debian 12 roots (scripts/debian-root.sh, built by .ci/run),
 * checked by the built CLI (bin/charter.js → dist/, `npm run build`) as a whole process:
 * - `chat`: hexchat (desktop entry io.github.Hexchat, IRCClient), pidgin (desktop entry pidgin,
 *   InstantMessaging) and irssi (terminal only: only its Debian tags say it chats), none of them
 *   in policies/catalog/apps.yaml;
 * - `office`: abiword, netsurf-gtk (a browser), claws-mail (a mail client) and mpv, and their
 *   dependencies: nothing there is a messenger or a social network.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../hosts/snapshot-format.js';
import type { Report } from '../model.js';
import type { Catalog } from '../policy/catalog.js';
import { deriveSoftware } from '../probes/derived/software/derive.js';
import type { SoftwareApp } from '../probes/derived/software/derive.js';
import { debianRoot } from '../testing/debian-roots.js';

const repo = new URL('../..', import.meta.url).pathname;
const chat = debianRoot('chat');
const office = debianRoot('office');
const built = existsSync(join(repo, 'dist', 'cli.js'));
const missing = [
  ...(chat === undefined
    ? ['the chat Debian root (scripts/debian-root.sh chat --user agent --with-package hexchat --with-package pidgin --with-package irssi)']
    : []),
  ...(office === undefined
    ? [
        'the office Debian root (scripts/debian-root.sh office --user agent --with-package abiword --with-package netsurf-gtk --with-package claws-mail --with-package mpv)',
      ]
    : []),
  ...(built ? [] : ['the built CLI (npm run build)']),
];
if (missing.length > 0) console.warn(`skipped: metadata classification on real roots needs ${missing.join('; ')}`);

const work = mkdtempSync(join(tmpdir(), 'charter-metadata-roots-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const charter = async (args: string[]) =>
  execa(process.execPath, [join(repo, 'bin', 'charter.js'), ...args], { cwd: repo, reject: false, env: { ...process.env, LANG: 'C', LC_ALL: '' } });

const check = async (root: string, extra: string[] = []): Promise<Report> => {
  const result = await charter(['check', '--target', `root:${root}`, '--format', 'json', ...extra]);
  expect(result.exitCode, result.stderr).toBeLessThan(2);
  return JSON.parse(result.stdout) as Report;
};
const finding = (report: Report, id: string) => report.findings.find((f) => f.ruleId === id);
const evidenceOf = (report: Report, id: string): string => JSON.stringify(finding(report, id)?.evidence ?? []);

/** software.apps as the derived layer makes it from the facts the built CLI collected on the root. */
const softwareApps = async (root: string, name: string): Promise<SoftwareApp[]> => {
  const file = join(work, `${name}.json`);
  const result = await charter(['collect', '--target', `root:${root}`, '--output', file]);
  expect(result.exitCode, result.stderr).toBeLessThan(2);
  // Read as charter reads it (its lists of records are packed since snapshotVersion 2).
  const snapshot = parseSnapshot(readFileSync(file, 'utf8'), file);
  const catalog = parse(readFileSync(join(repo, 'policies', 'catalog', 'apps.yaml'), 'utf8')) as Catalog;
  const outcome = deriveSoftware(catalog, 'linux', snapshot.facts['installed-apps'], snapshot.facts['app-activity'], new Date(), false);
  if (outcome.status !== 'ok' && outcome.status !== 'partial') throw new Error(JSON.stringify(outcome));
  return outcome.facts.apps as unknown as SoftwareApp[];
};

describe.skipIf(missing.length > 0)('apps the catalog does not name, on real Debian 12 roots', () => {
  it('chat: MSG-01 fails naming the three clients, each with the metadata that classified it', async () => {
    const report = await check(chat ?? '');
    expect(finding(report, 'MSG-01')?.status).toBe('fail');
    const evidence = evidenceOf(report, 'MSG-01');
    expect(evidence).toContain('deb:hexchat');
    expect(evidence).toContain('desktop entry /usr/share/applications/io.github.Hexchat.desktop: Categories IRCClient → messenger');
    expect(evidence).toContain('deb:pidgin');
    expect(evidence).toContain('desktop entry /usr/share/applications/pidgin.desktop: Categories InstantMessaging → messenger');
    // irssi has no desktop entry: its Debian tags (from the root's apt lists) are all there is.
    expect(evidence).toContain('deb:irssi');
    expect(evidence).toMatch(/Debian package tags of irssi in \/var\/lib\/apt\/lists\/[^"]*_Packages: Tag [^"]*use::chatting[^"]* → messenger/);
    // The other rules over software.apps are not touched by chat clients.
    for (const id of ['MSG-02', 'DLP-01', 'RMT-01']) expect(finding(report, id)?.status, id).toBe('pass');
  }, 120_000);

  it('chat: exactly the three clients are classified, one entry each, never approved', async () => {
    const apps = await softwareApps(chat ?? '', 'chat');
    expect(apps.map((a) => [a.id, a.classifiedBy, a.approved, a.categories])).toEqual([
      ['deb:hexchat', 'metadata', false, ['messenger']],
      ['deb:irssi', 'metadata', false, ['messenger']],
      ['deb:pidgin', 'metadata', false, ['messenger']],
    ]);
  }, 120_000);

  it('chat, with an organisation policy that approves HexChat and takes irssi out: MSG-01 fails on pidgin alone', async () => {
    const policy = join(repo, 'fixtures', 'policies', 'metadata-organisation', 'policy.yaml');
    const report = await check(chat ?? '', ['--policy', policy]);
    expect(finding(report, 'MSG-01')?.status).toBe('fail');
    const evidence = evidenceOf(report, 'MSG-01');
    expect(evidence).toContain('deb:pidgin');
    expect(evidence).not.toContain('hexchat');
    expect(evidence).not.toContain('irssi');
  }, 120_000);

  it('office: MSG-01 and MSG-02 pass, and no app there is classified messenger or social network', async () => {
    const report = await check(office ?? '');
    expect(finding(report, 'MSG-01')?.status).toBe('pass');
    expect(finding(report, 'MSG-02')?.status).toBe('pass');
    const apps = await softwareApps(office ?? '', 'office');
    const communication = apps.filter((a) => a.categories.includes('messenger') || a.categories.includes('social-network'));
    expect(communication).toEqual([]);
  }, 120_000);
});
